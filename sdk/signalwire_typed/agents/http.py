"""Minimal ASGI plumbing: read a bounded body, send a JSON or bytes response."""

from __future__ import annotations

import json

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .._asgi import BodyTooLarge, Receive, Scope, Send, read_body

__all__ = ["BodyTooLarge", "Receive", "Scope", "Send", "header", "read_body", "send_bytes", "send_json"]

_JSON = [(b"content-type", b"application/json")]
_SECURITY = [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store")]
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def header(scope: Scope, name: bytes) -> bytes | None:
    """First value of a request header (``name`` in lower case)."""
    headers = scope.get("headers")
    if isinstance(headers, list):
        for key, value in headers:
            if key == name:
                return bytes(value)
    return None


def headers_dict(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    headers = scope.get("headers")
    if isinstance(headers, list):
        for key, value in headers:
            out.setdefault(bytes(key).decode("latin-1"), bytes(value).decode("latin-1"))
    return out


async def send_bytes(
    send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    headers = [*_JSON, *_SECURITY, (b"content-length", str(len(body)).encode())]
    if extra:
        headers.extend(extra)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_json(
    send: Send, status: int, data: JsonObject | JsonValue, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send_bytes(send, status, _COMPACT.encode(data).encode(), extra)


def parse_json_object(body: bytes) -> JsonObject | str:
    """The body as a JSON object, or a message saying why it is not one."""
    if not body:
        return {}
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return f"request body is not valid JSON ({exc})"
    if not isinstance(data, dict):
        return "request body must be a JSON object"
    return data
