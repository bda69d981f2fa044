"""A WebSocket connection driven by websockets' Sans-I/O server protocol over asyncio streams.

The server owns the socket (it also answers plain HTTP on the same port), so the handshake
is fed the request head it already read. Sending is synchronous (frames are queued on the
transport); ``drain`` applies back-pressure.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.protocol import State
from websockets.server import ServerProtocol

__all__ = ["WebSocketPeer"]

MAX_MESSAGE = 16 * 1024 * 1024
READ_CHUNK = 256 * 1024


class WebSocketPeer:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._protocol = ServerProtocol(max_size=MAX_MESSAGE)
        self._fragments: list[bytes] = []
        self._loop = asyncio.get_running_loop()
        # Frames queued this loop iteration, written in one go (one syscall, not one per frame).
        self._out: list[bytes] = []

    @property
    def open(self) -> bool:
        return self._protocol.state is State.OPEN

    async def handshake(self, head: bytes) -> bool:
        """Complete the opening handshake from the request head; False if it was refused."""
        self._protocol.receive_data(head)
        events = self._protocol.events_received()
        request = events[0] if events else None
        if not isinstance(request, Request):
            self._writer.close()
            return False
        response = self._protocol.accept(request)
        self._protocol.send_response(response)
        self._flush()
        await self._drain()
        return self._protocol.state is State.OPEN

    def send_text(self, text: str) -> bool:
        """Queue one text message; False if the connection is no longer open."""
        if self._protocol.state is not State.OPEN or self._writer.is_closing():
            return False
        # Server frames are unmasked and no extension is negotiated, so a data frame is just a
        # header and the payload: written directly, it costs a fraction of the generic encoder.
        payload = text.encode()
        size = len(payload)
        if size < 126:
            header = bytes((0x81, size))
        elif size < 65536:
            header = bytes((0x81, 126)) + size.to_bytes(2, "big")
        else:
            header = bytes((0x81, 127)) + size.to_bytes(8, "big")
        if not self._out:
            self._loop.call_soon(self._write_out)
        self._out.append(header)
        self._out.append(payload)
        return True

    def _write_out(self) -> None:
        if self._out:
            data = b"".join(self._out)
            self._out.clear()
            if not self._writer.is_closing():
                self._writer.write(data)

    async def drain(self) -> None:
        self._write_out()
        await self._drain()

    async def messages(self) -> AsyncIterator[str | bytes]:
        """Each complete text (str) or binary (bytes) message until the connection closes."""
        while self._protocol.state is not State.CLOSED:
            data = await self._reader.read(READ_CHUNK)
            if data:
                self._protocol.receive_data(data)
            else:
                self._protocol.receive_eof()
            for frame in self._protocol.events_received():
                if not isinstance(frame, Frame):
                    continue
                message = self._assemble(frame.opcode, bytes(frame.data), frame.fin)
                if message is not None:
                    yield message
            self._flush()
            if not data or self._protocol.close_expected():
                break
        self._close_transport()

    def _assemble(self, opcode: Opcode, data: bytes, fin: bool) -> str | bytes | None:
        if opcode in (Opcode.TEXT, Opcode.BINARY):
            self._fragments = [bytes([opcode.value]), data]
        elif opcode is Opcode.CONT and self._fragments:
            self._fragments.append(data)
        else:
            return None
        if not fin:
            return None
        kind, *parts = self._fragments
        self._fragments = []
        payload = b"".join(parts)
        if kind == bytes([Opcode.TEXT.value]):
            return payload.decode("utf-8", "replace")
        return payload

    def start_close(self, code: int = 1000, reason: str = "") -> None:
        """Send the closing frame; the connection ends when the peer answers it."""
        if self._protocol.state is State.OPEN:
            self._protocol.send_close(code, reason)
            self._flush()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        if self._protocol.state is State.OPEN:
            self._protocol.send_close(code, reason)
            self._flush()
            with contextlib.suppress(ConnectionError):
                await self._drain()
        self._close_transport()

    def abort(self) -> None:
        """Drop the TCP connection without a closing handshake (a network failure)."""
        self._out.clear()
        self._writer.transport.abort()

    def _flush(self) -> None:
        self._write_out()
        for chunk in self._protocol.data_to_send():
            if chunk:
                self._writer.write(chunk)
            else:
                # Sans-I/O signals the end of the TCP stream with an empty chunk.
                self._close_transport()
                return

    def _close_transport(self) -> None:
        if not self._writer.is_closing():
            self._writer.close()

    async def _drain(self) -> None:
        if not self._writer.is_closing():
            with contextlib.suppress(ConnectionError):
                await self._writer.drain()
