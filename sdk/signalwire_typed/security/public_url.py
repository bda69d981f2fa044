"""The URL SignalWire called, rebuilt from an ASGI request: it is what the signature covers."""

from __future__ import annotations

from urllib.parse import quote

from ._asgi import Scope, header

__all__ = ["public_url"]

# Characters a path keeps unescaped, so a decoded path is re-encoded the way it was sent.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _path(scope: Scope) -> str:
    raw = scope.get("raw_path")
    if isinstance(raw, (bytes, bytearray)) and raw:
        return bytes(raw).decode("latin-1")
    return quote(str(scope.get("path", "/")), safe=_PATH_SAFE)


def _first(value: str) -> str:
    return value.split(",", 1)[0].strip()


def public_url(scope: Scope, *, trust_proxy: bool = False, proxy_base: str | None = None) -> str:
    """The public URL of this request.

    ``proxy_base`` (the public base URL, as ``SWML_PROXY_URL_BASE``) wins; then, only when
    ``trust_proxy`` is set, ``X-Forwarded-Proto`` / ``X-Forwarded-Host``; then the scheme and
    ``Host`` the server saw. Forwarded headers are otherwise ignored: anyone can send them.
    """
    path = _path(scope)
    raw_query = scope.get("query_string", b"")
    query = bytes(raw_query).decode("latin-1") if isinstance(raw_query, (bytes, bytearray)) else ""
    tail = f"?{query}" if query else ""
    if proxy_base:
        root = str(scope.get("root_path", ""))
        if root and path.startswith(root):
            path = path[len(root) :]
        return f"{proxy_base.rstrip('/')}{path}{tail}"
    scheme = str(scope.get("scheme", "http"))
    host = header(scope, b"host")
    if trust_proxy:
        forwarded_host = header(scope, b"x-forwarded-host")
        forwarded_proto = header(scope, b"x-forwarded-proto")
        if forwarded_host:
            host = _first(forwarded_host)
        if forwarded_proto:
            scheme = _first(forwarded_proto)
    if not host:
        server = scope.get("server")
        if isinstance(server, (list, tuple)) and len(server) == 2:
            host_name, port = server
            default = {"http": 80, "https": 443}.get(scheme)
            host = str(host_name) if port in (None, default) else f"{host_name}:{port}"
        else:
            host = "localhost"
    return f"{scheme}://{host}{path}{tail}"
