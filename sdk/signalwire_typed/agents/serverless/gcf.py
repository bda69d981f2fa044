"""Google Cloud Functions: an HTTP function taking the Flask request functions-framework passes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeAlias

from .target import ServerlessTarget, asgi_app_of, call_app_sync, http_scope

__all__ = ["GcfHandler", "GcfRequest", "gcf_handler"]


class _Headers(Protocol):
    def items(self) -> Iterable[tuple[str, str]]: ...


class GcfRequest(Protocol):
    """What the entry point reads from the request (a ``flask.Request`` has all of it)."""

    @property
    def method(self) -> str: ...
    @property
    def scheme(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def root_path(self) -> str: ...
    @property
    def query_string(self) -> bytes: ...
    @property
    def headers(self) -> _Headers: ...
    def get_data(self) -> bytes: ...


GcfHandler: TypeAlias = Callable[[GcfRequest], tuple[bytes, int, list[tuple[str, str]]]]
"""``main(request) -> (body, status, headers)``, a return value Flask turns into the response."""


def _server(host: str, scheme: str) -> tuple[str, int]:
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if port.isdigit():
        return name, int(port)
    return host, 443 if scheme == "https" else 80


def gcf_handler(target: ServerlessTarget, *, max_body_bytes: int = 10 * 1024 * 1024) -> GcfHandler:
    """An HTTP function serving ``target``: ``main = gcf_handler(agent)``, deployed with entry point ``main``.

    Google's front end terminates TLS and sets ``X-Forwarded-Proto``; that one forwarded header is
    taken as the scheme (the host is the ``Host`` header, as Google sets it).
    """
    app = asgi_app_of(target)

    def main(request: GcfRequest) -> tuple[bytes, int, list[tuple[str, str]]]:
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in request.headers.items()]
        length = next((v for k, v in headers if k == b"content-length"), b"0")
        if length.isdigit() and int(length) > max_body_bytes:
            return b'{"error":"request body too large"}', 413, [("Content-Type", "application/json")]
        forwarded = next((v for k, v in headers if k == b"x-forwarded-proto"), None)
        scheme = forwarded.decode("latin-1").split(",")[0].strip() if forwarded else request.scheme
        host = next((v.decode("latin-1") for k, v in headers if k == b"host"), "localhost")
        root = request.root_path.rstrip("/")
        scope = http_scope(
            method=request.method,
            scheme=scheme,
            path=root + request.path,
            raw_path=None,
            query_string=request.query_string,
            root_path=root,
            headers=headers,
            server=_server(host, scheme),
        )
        status, response_headers, body = call_app_sync(app, scope, request.get_data())
        return body, status, response_headers

    return main
