"""The few ASGI types and helpers the security middleware needs (no dependency on the agents package)."""

from __future__ import annotations

import json

from .._asgi import ASGIApp, BodyTooLarge, Message, Receive, Scope, Send, read_body, replay

__all__ = [
    "ASGIApp",
    "BodyTooLarge",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "header",
    "read_body",
    "replay",
    "send_error",
]


def header(scope: Scope, name: bytes) -> str | None:
    """First value of a request header (``name`` in lower case), decoded as latin-1."""
    headers = scope.get("headers")
    if isinstance(headers, (list, tuple)):
        for key, value in headers:
            if bytes(key).lower() == name:
                return bytes(value).decode("latin-1")
    return None


async def send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
