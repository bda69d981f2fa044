"""A minimal HTTP/1.1 layer: read one request head and body from a stream, write a JSON response.

Only what the control API and the REST side need: Content-Length bodies (no chunked uploads), keep-alive.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from http import HTTPStatus

from signalwire_typed_gen._runtime import JsonValue

from .wire import dumps

__all__ = ["HttpError", "HttpRequest", "HttpResponse", "read_head"]

MAX_HEAD = 64 * 1024
MAX_BODY = 8 * 1024 * 1024


class HttpError(Exception):
    """A request that cannot be served; becomes a JSON error response with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    params: dict[str, str] = field(default_factory=lambda: dict[str, str]())

    @property
    def wants_websocket(self) -> bool:
        return self.headers.get("upgrade", "").lower() == "websocket"

    @property
    def keep_alive(self) -> bool:
        return self.headers.get("connection", "").lower() != "close"

    def json(self) -> JsonValue:
        """The body parsed as JSON (an empty body is an empty object)."""
        if not self.body.strip():
            return {}
        try:
            value: JsonValue = json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise HttpError(400, f"request body is not valid JSON: {exc}") from None
        return value


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    body: JsonValue = None
    content_type: str = "application/json"
    raw: bytes | None = None

    def encode(self, keep_alive: bool) -> bytes:
        payload = self.raw if self.raw is not None else dumps(self.body).encode()
        reason = HTTPStatus(self.status).phrase
        head = (
            f"HTTP/1.1 {self.status} {reason}\r\n"
            f"Content-Type: {self.content_type}\r\n"
            f"Content-Length: {len(payload)}\r\n"
            f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
        )
        return head.encode("latin-1") + payload


def parse_head(raw: bytes) -> HttpRequest:
    """Parse a request line and headers (``raw`` ends with the blank line)."""
    try:
        text = raw.decode("latin-1")
        request_line, *header_lines = text.split("\r\n")
        method, target, version = request_line.split(" ")
    except ValueError:
        raise HttpError(400, "malformed HTTP request line") from None
    if not version.startswith("HTTP/1."):
        raise HttpError(505, f"unsupported protocol {version}")
    headers: dict[str, str] = {}
    for line in header_lines:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise HttpError(400, f"malformed HTTP header line {line!r}")
        headers[name.strip().lower()] = value.strip()
    path, _, query = target.partition("?")
    return HttpRequest(method=method.upper(), path=path, query=query, headers=headers)


async def read_head(reader: asyncio.StreamReader) -> bytes | None:
    """The raw request head up to and including the blank line; None at a clean end of stream."""
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise HttpError(400, "connection closed inside the request head") from None
        return None
    except asyncio.LimitOverrunError:
        raise HttpError(431, f"request head larger than {MAX_HEAD} bytes") from None


async def read_body(reader: asyncio.StreamReader, request: HttpRequest) -> HttpRequest:
    if "transfer-encoding" in request.headers:
        raise HttpError(501, "chunked request bodies are not supported; send Content-Length")
    length_text = request.headers.get("content-length", "0")
    if not length_text.isdigit():
        raise HttpError(400, f"bad Content-Length {length_text!r}")
    length = int(length_text)
    if length > MAX_BODY:
        raise HttpError(413, f"request body larger than {MAX_BODY} bytes")
    body = await reader.readexactly(length) if length else b""
    return HttpRequest(request.method, request.path, request.query, request.headers, body)
