"""Reject requests whose webhook signature is missing or wrong, before the application sees them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ._asgi import ASGIApp, BodyTooLarge, Receive, Scope, Send, header, read_body, replay, send_error
from .public_url import public_url
from .signature import SHA256_SIGNATURE_HEADER, SIGNATURE_HEADER, TWILIO_SIGNATURE_HEADER, WebhookValidator

__all__ = ["SignatureGuard", "SignatureMiddleware"]

log = logging.getLogger("signalwire_typed.security")

_SIG = SIGNATURE_HEADER.encode()
_SHA256 = SHA256_SIGNATURE_HEADER.encode()
_TWILIO = TWILIO_SIGNATURE_HEADER.encode()


class SignatureGuard:
    """Checks one request's signature: reads the body, validates it, and hands it on when valid.

    ``trust_proxy``: take the public URL from ``X-Forwarded-Proto`` / ``X-Forwarded-Host`` (only
    when a proxy you run sets them). ``proxy_base``: the public base URL, when it is fixed.
    """

    __slots__ = ("max_body_bytes", "proxy_base", "trust_proxy", "validator")

    def __init__(
        self,
        signing_key: str | bytes,
        *,
        trust_proxy: bool = False,
        proxy_base: str | None = None,
        max_body_bytes: int = 1_048_576,
    ) -> None:
        self.validator = WebhookValidator(signing_key)
        self.trust_proxy = trust_proxy
        self.proxy_base = proxy_base
        self.max_body_bytes = max_body_bytes

    def url_of(self, scope: Scope, proxy_base: str | None = None) -> str:
        """The URL the signature of this request must cover."""
        return public_url(scope, trust_proxy=self.trust_proxy, proxy_base=proxy_base or self.proxy_base)

    def verify(self, scope: Scope, body: bytes, proxy_base: str | None = None) -> bool:
        """Whether the request (its headers and this raw body) is signed with the key."""
        signature = header(scope, _SIG) or header(scope, _TWILIO)
        sha256 = header(scope, _SHA256)
        if not signature and not sha256:
            return False
        return self.validator.validate(
            self.url_of(scope, proxy_base), body, signature, sha256_signature=sha256
        )

    async def check(
        self, scope: Scope, receive: Receive, send: Send, proxy_base: str | None = None
    ) -> Receive | None:
        """The ``receive`` to pass on when the request is signed; otherwise None, the 401 sent."""
        try:
            body = await read_body(receive, self.max_body_bytes)
        except BodyTooLarge:
            await send_error(send, 413, f"request body over {self.max_body_bytes} bytes")
            return None
        if not self.verify(scope, body, proxy_base):
            has_header = header(scope, _SIG) or header(scope, _TWILIO) or header(scope, _SHA256)
            reason = "does not match" if has_header else "is missing"
            log.warning("refused %s %s: webhook signature %s", scope.get("method"), scope.get("path"), reason)
            await send_error(send, 401, f"the X-SignalWire-Signature header {reason}")
            return None
        return replay(body, receive)


class SignatureMiddleware:
    """ASGI middleware: every HTTP request (but ``exempt_paths``) must carry a valid signature.

    app = SignatureMiddleware(app, signing_key=os.environ["SIGNALWIRE_SIGNING_KEY"])
    """

    def __init__(
        self,
        app: ASGIApp,
        signing_key: str | bytes,
        *,
        trust_proxy: bool = False,
        proxy_base: str | None = None,
        exempt_paths: Iterable[str] = ("/health", "/ready"),
        max_body_bytes: int = 1_048_576,
    ) -> None:
        self.app = app
        self.guard = SignatureGuard(
            signing_key, trust_proxy=trust_proxy, proxy_base=proxy_base, max_body_bytes=max_body_bytes
        )
        self.exempt_paths = frozenset(p.rstrip("/") or "/" for p in exempt_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope.get("type") == "http"
            and (str(scope.get("path", "/")).rstrip("/") or "/") not in self.exempt_paths
        ):
            checked = await self.guard.check(scope, receive, send)
            if checked is None:
                return
            receive = checked
        await self.app(scope, receive, send)
