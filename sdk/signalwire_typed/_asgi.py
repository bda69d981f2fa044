"""ASGI types and the bounded body read, shared by the agents server, security and serverless."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import TypeAlias

__all__ = [
    "ASGIApp",
    "BodyTooLarge",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "disconnected",
    "read_body",
    "replay",
]

Scope: TypeAlias = MutableMapping[str, object]
Message: TypeAlias = MutableMapping[str, object]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request body is longer than the limit given to ``read_body``."""


async def read_body(receive: Receive, limit: int) -> bytes:
    """The request body; BodyTooLarge past ``limit`` bytes (reading stops there)."""
    chunks: list[bytes] = []
    size = 0
    for _ in range(1_000_000):
        message = await receive()
        if message.get("type") == "http.disconnect":
            break
        chunk = message.get("body", b"")
        if isinstance(chunk, (bytes, bytearray)) and chunk:
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            chunks.append(bytes(chunk))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def disconnected() -> Message:
    """A ``receive`` with nothing more to read: the client has gone."""
    return {"type": "http.disconnect"}


def replay(body: bytes, then: Receive) -> Receive:
    """A ``receive`` that hands over ``body`` (already read) as the whole request, then defers to ``then``."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await then()

    return receive
