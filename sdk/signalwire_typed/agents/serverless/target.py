"""What an entry point serves, and the shared plumbing: run the ASGI app once for one request."""

from __future__ import annotations

import asyncio
import importlib
from types import ModuleType
from typing import TypeAlias

from ..._asgi import ASGIApp, Message, Receive, Scope, Send, disconnected, replay
from ..agent import AgentBase
from ..server import AgentServer

__all__ = [
    "ASGIApp",
    "Receive",
    "Response",
    "Scope",
    "Send",
    "ServerlessTarget",
    "asgi_app_of",
    "call_app",
    "require",
]

ServerlessTarget: TypeAlias = AgentBase | AgentServer
"""An agent, or an AgentServer hosting several."""

Response: TypeAlias = tuple[int, list[tuple[str, str]], bytes]
"""Status, headers and body of one response."""


def asgi_app_of(target: ServerlessTarget) -> ASGIApp:
    if isinstance(target, (AgentBase, AgentServer)):
        return target.asgi_app
    raise TypeError(
        f"a serverless entry point serves an AgentBase or AgentServer, not {type(target).__name__}"
    )


def require(module: str, extra: str) -> ModuleType:
    """Import a platform adapter, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is needed for this entry point: pip install 'signalwire-typed[{extra}]'"
        ) from exc


async def call_app(app: ASGIApp, scope: Scope, body: bytes) -> Response:
    """Run one HTTP request through ``app`` and collect its response."""
    status = 500
    headers: list[tuple[str, str]] = []
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        nonlocal status
        if message.get("type") == "http.response.start":
            code = message.get("status")
            status = code if isinstance(code, int) else 500
            raw = message.get("headers")
            if isinstance(raw, (list, tuple)):
                headers.extend((bytes(k).decode("latin-1"), bytes(v).decode("latin-1")) for k, v in raw)
        elif message.get("type") == "http.response.body":
            chunk = message.get("body", b"")
            if isinstance(chunk, (bytes, bytearray)):
                chunks.append(bytes(chunk))

    await app(scope, replay(body, disconnected), send)
    return status, headers, b"".join(chunks)


def call_app_sync(app: ASGIApp, scope: Scope, body: bytes) -> Response:
    """``call_app`` from synchronous code (a fresh event loop per request: platforms call us from threads)."""
    return asyncio.run(call_app(app, scope, body))


def http_scope(
    *,
    method: str,
    scheme: str,
    path: str,
    raw_path: bytes | None,
    query_string: bytes,
    root_path: str,
    headers: list[tuple[bytes, bytes]],
    server: tuple[str, int] | None,
) -> Scope:
    """An ASGI HTTP scope (``path`` includes ``root_path``, as servers pass it)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": scheme,
        "path": path,
        "raw_path": raw_path,
        "query_string": query_string,
        "root_path": root_path,
        "headers": headers,
        "server": server,
        "client": None,
    }
