"""CGI: the request from the environment and stdin, the response on stdout (one process per request)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from http import HTTPStatus
from typing import BinaryIO

from .target import ServerlessTarget, asgi_app_of, call_app_sync, http_scope

__all__ = ["run_cgi"]

_HEADER_ENV = {"CONTENT_TYPE": b"content-type", "CONTENT_LENGTH": b"content-length"}


def _headers(environ: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
    headers: list[tuple[bytes, bytes]] = []
    for name, value in environ.items():
        if name.startswith("HTTP_"):
            headers.append((name[5:].replace("_", "-").lower().encode("latin-1"), value.encode("latin-1")))
        elif name in _HEADER_ENV and value:
            headers.append((_HEADER_ENV[name], value.encode("latin-1")))
    return headers


def _write(stdout: BinaryIO, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    lines = [f"Status: {status} {phrase}".rstrip()]
    lines += [f"{name}: {value}" for name, value in headers if name.lower() != "content-length"]
    lines.append(f"Content-Length: {len(body)}")
    stdout.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
    stdout.flush()


def run_cgi(
    target: ServerlessTarget,
    *,
    environ: Mapping[str, str] | None = None,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    max_body_bytes: int = 10 * 1024 * 1024,
) -> int:
    """Answer the one CGI request of this process; returns the HTTP status.

    The web server must pass the ``Authorization`` header to CGI scripts (Apache:
    ``CGIPassAuth On``), or basic auth fails.
    """
    env = os.environ if environ is None else environ
    source = stdin if stdin is not None else sys.stdin.buffer
    sink = stdout if stdout is not None else sys.stdout.buffer
    length_text = env.get("CONTENT_LENGTH", "") or "0"
    if not length_text.isdigit():
        _write(sink, 400, [("Content-Type", "application/json")], b'{"error":"bad CONTENT_LENGTH"}')
        return 400
    length = int(length_text)
    if length > max_body_bytes:
        _write(sink, 413, [("Content-Type", "application/json")], b'{"error":"request body too large"}')
        return 413
    body = source.read(length) if length else b""
    scheme = "https" if env.get("HTTPS", "").lower() in ("on", "1") else "http"
    script = env.get("SCRIPT_NAME", "").rstrip("/")
    path = script + (env.get("PATH_INFO") or "/")
    request_uri = env.get("REQUEST_URI")
    raw_path = request_uri.split("?", 1)[0].encode("latin-1") if request_uri else None
    port_text = env.get("SERVER_PORT", "")
    scope = http_scope(
        method=env.get("REQUEST_METHOD", "GET"),
        scheme=scheme,
        path=path,
        raw_path=raw_path,
        query_string=env.get("QUERY_STRING", "").encode("latin-1"),
        root_path=script,
        headers=_headers(env),
        server=(env.get("SERVER_NAME", "localhost"), int(port_text) if port_text.isdigit() else 80),
    )
    status, headers, response = call_app_sync(asgi_app_of(target), scope, body)
    _write(sink, status, headers, response)
    return status
