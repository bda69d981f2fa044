"""Webhook signatures: prove a request comes from SignalWire (``X-SignalWire-Signature``).

validator = WebhookValidator(signing_key)
validator.validate("https://example.com/hook", raw_body, request_headers["x-signalwire-signature"])

or wrap any ASGI app: ``SignatureMiddleware(app, signing_key=...)`` answers 401 to forged,
tampered or unsigned requests. Agents do this for every endpoint with ``signing_key=``
(or ``SIGNALWIRE_SIGNING_KEY``).
"""

from __future__ import annotations

from .middleware import SignatureGuard, SignatureMiddleware
from .public_url import public_url
from .signature import (
    SHA256_SIGNATURE_HEADER,
    SIGNATURE_HEADER,
    TWILIO_SIGNATURE_HEADER,
    FormParams,
    WebhookValidator,
    form_signature,
    json_signature,
    validate_request,
    validate_webhook_signature,
)

__all__ = [
    "SHA256_SIGNATURE_HEADER",
    "SIGNATURE_HEADER",
    "TWILIO_SIGNATURE_HEADER",
    "FormParams",
    "SignatureGuard",
    "SignatureMiddleware",
    "WebhookValidator",
    "form_signature",
    "json_signature",
    "public_url",
    "validate_request",
    "validate_webhook_signature",
]
