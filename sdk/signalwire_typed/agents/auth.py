"""HTTP Basic auth and per-call, per-function HMAC tokens for SWAIG and post-prompt URLs."""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import secrets
import sys
import time
from urllib.parse import quote

__all__ = ["BasicAuth", "TokenSigner"]


class BasicAuth:
    """The user and password every agent endpoint requires; compared in constant time."""

    __slots__ = ("_expected", "password", "url_userinfo", "user")

    def __init__(self, user: str, password: str) -> None:
        if not user or not password:
            raise ValueError("basic auth needs a non-empty user and password")
        if ":" in user:
            raise ValueError("the basic auth user must not contain ':'")
        self.user = user
        self.password = password
        self.url_userinfo = f"{quote(user, safe='')}:{quote(password, safe='')}"
        """``user:password`` quoted for a URL."""
        self._expected = base64.b64encode(f"{user}:{password}".encode())

    @classmethod
    def resolve(cls, given: tuple[str, str] | None, agent_name: str) -> BasicAuth:
        """``given``, else SWML_BASIC_AUTH_USER/PASSWORD, else generated and shown once on stderr."""
        if given is not None:
            return cls(*given)
        user = os.environ.get("SWML_BASIC_AUTH_USER")
        password = os.environ.get("SWML_BASIC_AUTH_PASSWORD")
        if user and password:
            return cls(user, password)
        auth = cls(user or agent_name.replace(":", "_") or "agent", secrets.token_urlsafe(18))
        # Shown once so the operator can configure SignalWire; never logged again.
        print(
            f"signalwire-typed: agent {agent_name!r} basic auth user {auth.user!r}"
            f" password {auth.password!r}",
            file=sys.stderr,
        )
        return auth

    def check(self, header: bytes | None) -> bool:
        """Whether an ``Authorization`` header value carries these credentials."""
        # The scheme name is case-insensitive (RFC 9110); the credentials are compared in constant time.
        if header is None or header[:6].lower() != b"basic ":
            return False
        return hmac.compare_digest(header[6:].strip(), self._expected)

    def __repr__(self) -> str:
        return f"BasicAuth(user={self.user!r}, password='***')"


class TokenSigner:
    """Makes and checks tokens bound to one call and one function, with an expiry.

    A token is ``<expiry>.<nonce>.<hmac>``; the HMAC covers call id, function and expiry, so a
    token from another call or for another function, a changed expiry or an old one fails.
    """

    __slots__ = ("_key", "expiry_secs")

    def __init__(self, secret: bytes | None = None, expiry_secs: int = 3600) -> None:
        self._key = secret or secrets.token_bytes(32)
        self.expiry_secs = expiry_secs

    def _sign(self, call_id: str, function: str, expiry: str, nonce: str) -> str:
        message = f"{call_id}\x00{function}\x00{expiry}\x00{nonce}".encode()
        # hmac.digest is the one-shot (OpenSSL) path: several times faster than hmac.new.
        return hmac.digest(self._key, message, "sha256").hex()

    def create(self, call_id: str, function: str) -> str:
        expiry = str(int(time.time()) + self.expiry_secs)
        nonce = binascii.hexlify(os.urandom(6)).decode()
        return f"{expiry}.{nonce}.{self._sign(call_id, function, expiry, nonce)}"

    def check(self, token: str | None, call_id: str | None, function: str) -> str | None:
        """None when valid; otherwise why not (never shown to the caller in detail)."""
        if not token:
            return "missing token"
        if not call_id:
            return "missing call_id"
        parts = token.split(".")
        if len(parts) != 3 or not parts[0].isdigit():
            return "malformed token"
        expiry, nonce, signature = parts
        if not hmac.compare_digest(signature.encode(), self._sign(call_id, function, expiry, nonce).encode()):
            return "token does not match this call and function"
        if int(expiry) < time.time():
            return "token expired"
        return None
