"""A ``websockets`` client connection that hands each text message to a callback as it arrives.

The stock connection queues messages for a reader task, which costs an extra trip through the
event loop per message: a reply then reaches the request waiting for it one loop iteration
later. Here the message goes to ``on_text`` straight from ``data_received``, so a reply resolves
its request at once and acks for a whole TCP read leave together. (``create_connection`` is the
documented way to customise ``websockets.asyncio.client.connect``.)
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.frames import Frame, Opcode
from websockets.protocol import Event, State

from .errors import ConnectionLostError

__all__ = [
    "NETWORK_ERRORS",
    "ConnectionClosed",
    "RelayConnection",
    "open_connection",
    "write_all",
    "write_now",
]

NETWORK_ERRORS = (OSError, TimeoutError, InvalidHandshake, ConnectionClosed, ConnectionLostError)
"""What a failed (re)connect raises when the network or server is at fault (worth retrying)."""

_MAX_FRAME = 10 * 1024 * 1024
_WRITE_BUFFER_LIMIT = 64 * 1024  # beyond this, requests wait for the socket (websockets' flow control)

logger = logging.getLogger("signalwire_typed.relay")


def _ignore(data: bytes) -> None:
    logger.warning("RELAY text frame before the session was ready: dropped")


class RelayConnection(ClientConnection):
    """Text messages go to ``on_text`` (bytes of UTF-8 JSON) instead of the receive queue."""

    on_text: Callable[[bytes], None] = staticmethod(_ignore)
    _fragments: list[bytes] | None = None

    def process_event(self, event: Event) -> None:
        if not isinstance(event, Frame):
            super().process_event(event)  # the handshake response
            return
        opcode = event.opcode
        if opcode is Opcode.TEXT:
            if event.fin:
                self.on_text(bytes(event.data))
            else:
                self._fragments = [bytes(event.data)]
        elif opcode is Opcode.CONT and self._fragments is not None:
            self._fragments.append(bytes(event.data))
            if event.fin:
                data, self._fragments = b"".join(self._fragments), None
                self.on_text(data)
        elif opcode is Opcode.BINARY or opcode is Opcode.CONT:
            logger.warning("RELAY binary frame dropped: RELAY speaks JSON text")
        else:
            super().process_event(event)  # ping, pong, close


async def open_connection(url: str, ssl_context: ssl.SSLContext | None, timeout: float) -> RelayConnection:
    """Open the WebSocket (handshake included) within ``timeout`` seconds."""
    try:
        connection = await connect(
            url,
            ssl=ssl_context,
            max_size=_MAX_FRAME,
            open_timeout=timeout,
            compression=None,
            create_connection=RelayConnection,
        )
    except InvalidURI as exc:
        raise ValueError(f"not a valid RELAY URL: {url!r}") from exc
    assert isinstance(connection, RelayConnection)
    return connection


def _open(ws: ClientConnection) -> bool:
    return ws.protocol.state is State.OPEN and not ws.transport.is_closing()


def write_now(ws: ClientConnection, frame: str) -> bool:
    """Write a text frame straight to the transport when nothing is queued; False if it must wait."""
    if not _open(ws) or ws.transport.get_write_buffer_size() >= _WRITE_BUFFER_LIMIT:
        return False
    wire = ws.protocol
    wire.send_text(frame.encode())
    for data in wire.data_to_send():
        ws.transport.write(data)
    return True


def write_all(ws: ClientConnection, frames: list[str]) -> None:
    """Write small frames (acks, pongs) in one go, whatever is queued; dropped if the connection is gone."""
    if _open(ws):
        wire = ws.protocol
        for frame in frames:
            wire.send_text(frame.encode())
        ws.transport.write(b"".join(wire.data_to_send()))
