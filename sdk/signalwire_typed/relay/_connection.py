"""A ``websockets`` client connection that hands each text message to a callback as it arrives.

The stock connection queues messages for a reader task, which costs an extra trip through the
event loop per message: a reply then reaches the request waiting for it one loop iteration
later. Here the message goes to ``on_text`` straight from ``data_received``, so a reply resolves
its request at once and acks for a whole TCP read leave together. (``create_connection`` is the
documented way to customise ``websockets.asyncio.client.connect``.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.frames import Frame, Opcode
from websockets.protocol import Event

__all__ = ["RelayConnection"]

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
