"""The two signature schemes SignalWire uses on webhooks, and a validator that accepts either.

- JSON webhooks (SWML, SWAIG, RELAY): lowercase hex HMAC-SHA1 of the public URL followed by the
  raw body; SignalWire may also send the same message signed with HMAC-SHA256 in
  ``X-SignalWire-Sha256-Signature``.
- cXML/LaML form webhooks (Twilio-compatible): base64 HMAC-SHA1 of the URL followed by every form
  parameter as ``name`` + ``value``, sorted by name (repeated names keep their order).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import parse_qsl, urlsplit, urlunsplit

__all__ = [
    "SHA256_SIGNATURE_HEADER",
    "SIGNATURE_HEADER",
    "TWILIO_SIGNATURE_HEADER",
    "FormParams",
    "WebhookValidator",
    "form_signature",
    "json_signature",
    "validate_request",
    "validate_webhook_signature",
]

SIGNATURE_HEADER = "x-signalwire-signature"
SHA256_SIGNATURE_HEADER = "x-signalwire-sha256-signature"
TWILIO_SIGNATURE_HEADER = "x-twilio-signature"
"""cXML webhooks may carry the signature under the Twilio name; it is accepted as an alias."""

FormParams = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]]
"""Form parameters: a mapping (a list value repeats the name) or ``(name, value)`` pairs."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _key_bytes(signing_key: str | bytes) -> bytes:
    key = signing_key.encode() if isinstance(signing_key, str) else signing_key
    if not key:
        raise ValueError("the signing key is empty; pass the project's Signing Key from the dashboard")
    return key


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode() if isinstance(data, str) else data


def json_signature(signing_key: str | bytes, url: str, body: str | bytes, *, sha256: bool = False) -> str:
    """The signature of a JSON webhook: hex HMAC (SHA-1, or SHA-256) over ``url`` + raw ``body``."""
    message = url.encode() + _as_bytes(body)
    return hmac.digest(_key_bytes(signing_key), message, hashlib.sha256 if sha256 else hashlib.sha1).hex()


def _pairs(params: FormParams) -> list[tuple[str, str]]:
    if isinstance(params, Mapping):
        pairs: list[tuple[str, str]] = []
        for name, value in params.items():
            if isinstance(value, str):
                pairs.append((name, value))
            else:
                pairs.extend((name, v) for v in value)
        return pairs
    return list(params)


def form_signature(signing_key: str | bytes, url: str, params: FormParams) -> str:
    """The signature of a cXML form webhook: base64 HMAC-SHA1 over ``url`` + sorted name/value pairs."""
    # sorted() is stable: a repeated name keeps the order its values were sent in.
    ordered = sorted(_pairs(params), key=lambda pair: pair[0])
    message = url + "".join(name + value for name, value in ordered)
    digest = hmac.digest(_key_bytes(signing_key), message.encode(), hashlib.sha1)
    return base64.b64encode(digest).decode("ascii")


def _url_variants(url: str) -> list[str]:
    """The URL as given, and with its default port added or removed (proxies differ on this)."""
    parts = urlsplit(url)
    default = _DEFAULT_PORTS.get(parts.scheme.lower())
    if not parts.hostname or default is None:
        return [url]
    host = parts.netloc.rsplit("@", 1)[-1]
    try:
        port = parts.port
    except ValueError:
        return [url]
    if port is None:
        other = f"{host}:{default}"
    elif port == default:
        other = host.rsplit(":", 1)[0]
    else:
        return [url]
    return [url, urlunsplit(parts._replace(netloc=other))]


def _same(expected: str, given: bytes) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given)


class WebhookValidator:
    """Validates webhook signatures with one project's signing key (constant-time comparisons)."""

    __slots__ = ("_key",)

    def __init__(self, signing_key: str | bytes) -> None:
        self._key = _key_bytes(signing_key)

    def validate(
        self,
        url: str,
        body: str | bytes,
        signature: str | None,
        *,
        sha256_signature: str | None = None,
    ) -> bool:
        """Whether ``signature`` (``X-SignalWire-Signature``) or ``sha256_signature`` signs this request.

        ``url`` is the public URL SignalWire called (scheme, host, path and query), ``body`` the raw
        body before any parsing. JSON and form webhooks are both recognised.
        """
        raw = _as_bytes(body)
        sha256_given = sha256_signature.strip().encode("latin-1", "replace") if sha256_signature else None
        given = signature.strip().encode("latin-1", "replace") if signature else None
        if sha256_given is None and given is None:
            return False
        # The common case first: the exact URL, JSON scheme. The rest only when that fails.
        if sha256_given is not None and _same(self._hex(url, raw, hashlib.sha256), sha256_given):
            return True
        if given is not None and _same(self._hex(url, raw, hashlib.sha1), given):
            return True
        urls = _url_variants(url)
        for other in urls[1:]:
            if sha256_given is not None and _same(self._hex(other, raw, hashlib.sha256), sha256_given):
                return True
            if given is not None and _same(self._hex(other, raw, hashlib.sha1), given):
                return True
        return given is not None and self._form_matches(urls, raw, given)

    def _hex(self, url: str, raw: bytes, digest: Callable[[], hashlib._Hash]) -> str:
        # A hashlib constructor is several times faster here than a digest name, which OpenSSL looks up.
        return hmac.digest(self._key, url.encode() + raw, digest).hex()

    def _form_matches(self, urls: list[str], raw: bytes, given: bytes) -> bool:
        try:
            text = raw.decode()
        except UnicodeDecodeError:
            return False
        form = parse_qsl(text, keep_blank_values=True) if "=" in text else []
        for url in urls:
            if form and _same(form_signature(self._key, url, form), given):
                return True
            # A JSON body on a cXML URL is signed over the URL alone, which then carries
            # bodySHA256 so the body is still covered.
            if _same(form_signature(self._key, url, ()), given) and self._body_hash_matches(url, raw):
                return True
        return False

    @staticmethod
    def _body_hash_matches(url: str, raw: bytes) -> bool:
        query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        expected = query.get("bodySHA256")
        if expected is None:
            # upstream: the official SDK accepts a URL-only signature for any body here, which would
            # let a captured signature carry a different body; only an empty body is covered.
            return not raw
        return hmac.compare_digest(hashlib.sha256(raw).hexdigest().encode(), expected.encode("latin-1"))


def validate_webhook_signature(
    signing_key: str | bytes,
    signature: str | None,
    url: str,
    raw_body: str | bytes,
    *,
    sha256_signature: str | None = None,
) -> bool:
    """One-off check (arguments in the official SDK's order): ``WebhookValidator(key).validate(...)``."""
    return WebhookValidator(signing_key).validate(url, raw_body, signature, sha256_signature=sha256_signature)


def validate_request(
    signing_key: str | bytes, signature: str | None, url: str, params_or_raw_body: str | bytes | FormParams
) -> bool:
    """Twilio-style check: a raw body like any webhook, parsed form parameters by the form scheme."""
    if isinstance(params_or_raw_body, (str, bytes)):
        return validate_webhook_signature(signing_key, signature, url, params_or_raw_body)
    if not signature:
        return False
    given = signature.strip().encode("latin-1", "replace")
    return any(_same(form_signature(signing_key, u, params_or_raw_body), given) for u in _url_variants(url))
