"""The hand-written transport: WebSocket framing both ways (fragments, 16- and 64-bit lengths)
and the minimal HTTP layer's answers to malformed requests, over real loopback sockets."""

from __future__ import annotations

import asyncio
import json

from signalwire_typed.emulator import Emulator

from .raw_client import RawClient, run


def test_fragmented_client_messages_are_reassembled() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect()
            frame = json.dumps({"jsonrpc": "2.0", "id": "frag", "method": "signalwire.ping", "params": {}})
            pieces = [frame[:10], frame[10:20], frame[20:]]
            await client.ws.send(iter(pieces))
            answer = await asyncio.wait_for(client.other.get(), 5)
            assert answer["id"] == "frag" and "timestamp" in answer["result"]
            await client.close()

    run(main())


def test_large_events_use_extended_lengths_intact() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            call_id = emulator.ring("office")
            await client.event("calling.call.receive")
            for size in (200, 70_000):  # 16-bit and 64-bit payload lengths
                blob = "x" * size
                emulator.emit_events(
                    call_id, "calling.call.play", {"control_id": "c", "state": "playing", "blob": blob}
                )
                event = await client.event("calling.call.play")
                assert event["params"]["blob"] == blob
            await client.close()

    run(main())


async def _raw_http(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return data


def test_malformed_http_gets_a_status_and_a_reason() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            bad_line = await _raw_http(emulator.port, b"NONSENSE\r\n\r\n")
            assert bad_line.startswith(b"HTTP/1.1 400") and b"malformed HTTP request line" in bad_line
            chunked = await _raw_http(
                emulator.port,
                b"POST /emulator/calls HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            )
            assert chunked.startswith(b"HTTP/1.1 501") and b"Content-Length" in chunked
            huge = await _raw_http(emulator.port, b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000 + b"\r\n\r\n")
            assert huge.startswith(b"HTTP/1.1 431")
            bad_header = await _raw_http(emulator.port, b"GET /emulator/health HTTP/1.1\r\nno colon\r\n\r\n")
            assert bad_header.startswith(b"HTTP/1.1 400") and b"header" in bad_header
            # Two requests on one keep-alive connection, then Connection: close.
            both = await _raw_http(
                emulator.port,
                b"GET /emulator/health HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            )
            assert both.count(b"HTTP/1.1 200 OK") == 2

    run(main())


def test_stop_is_bounded_even_with_a_client_that_stopped_reading() -> None:
    async def main() -> None:
        emulator = Emulator()
        await emulator.start()
        reader, writer = await asyncio.open_connection("127.0.0.1", emulator.port)
        handshake = (
            "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        writer.write(handshake.encode())
        await writer.drain()
        assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 101")
        started = asyncio.get_running_loop().time()
        await emulator.stop()
        assert asyncio.get_running_loop().time() - started < 5
        writer.close()

    run(main())
