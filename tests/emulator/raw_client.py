"""A small raw RELAY client for the emulator tests: websockets + json, every wait bounded."""

from __future__ import annotations

import asyncio
import json
import ssl
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection

TIMEOUT = 5.0

Frame = dict[str, Any]


def run(coro: Coroutine[Any, Any, None], timeout: float = 20.0) -> None:
    """Run one async test body with an overall time limit."""

    async def bounded() -> None:
        await asyncio.wait_for(coro, timeout)

    asyncio.run(bounded())


class RawClient:
    """Sends requests, answers pings, acks events (unless told not to), and queues what arrives."""

    def __init__(self, ws: ClientConnection, ack: bool = True) -> None:
        self.ws = ws
        self.ack = ack
        self.events: asyncio.Queue[Frame] = asyncio.Queue()
        self.other: asyncio.Queue[Frame] = asyncio.Queue()
        self.pending: dict[str, asyncio.Future[Frame]] = {}
        self.protocol = ""
        self.log: list[Frame] = []  # every event envelope received, in order
        self.results: list[tuple[str, Frame]] = []  # (method, result) of every successful call()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, url: str, ack: bool = True, ssl_context: ssl.SSLContext | None = None) -> RawClient:
        ws = await asyncio.wait_for(websockets.connect(url, ssl=ssl_context), TIMEOUT)
        return cls(ws, ack)

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                try:
                    frame = json.loads(raw)
                except ValueError:
                    await self.other.put({"invalid": raw})
                    continue
                if not isinstance(frame, dict):
                    await self.other.put({"raw": frame})
                    continue
                if "method" in frame:
                    if frame["method"] == "signalwire.event":
                        if self.ack:
                            await self.reply(frame)
                        self.log.append(frame["params"])
                        await self.events.put(frame)
                    else:
                        if frame["method"] == "signalwire.ping":
                            await self.reply(frame)
                        await self.other.put(frame)
                    continue
                future = self.pending.pop(str(frame.get("id")), None)
                if future is not None and not future.done():
                    future.set_result(frame)
                else:
                    await self.other.put(frame)
        except websockets.ConnectionClosed:
            pass

    async def reply(self, frame: Frame) -> None:
        await self.ws.send(json.dumps({"jsonrpc": "2.0", "id": frame["id"], "result": {}}))

    async def request(self, method: str, params: dict[str, Any] | None = None) -> Frame:
        """Send a request; the whole response frame (``result`` or ``error``)."""
        request_id = str(uuid.uuid4())
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self.pending[request_id] = future
        frame = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params or {}}
        await self.ws.send(json.dumps(frame))
        return await asyncio.wait_for(future, TIMEOUT)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """A request whose result must carry code 200."""
        frame = await self.request(method, params)
        assert "result" in frame, frame
        result: dict[str, Any] = frame["result"]
        assert result.get("code") == "200", result
        self.results.append((method, result))
        return result

    async def connect(
        self,
        project: str = "p",
        token: str = "t",
        contexts: list[str] | None = None,
        protocol: str | None = None,
        major: int = 3,
    ) -> Frame:
        params: dict[str, Any] = {
            "version": {"major": major, "minor": 0, "revision": 0},
            "agent": "tests/raw",
            "event_acks": True,
            "authentication": {"project": project, "token": token},
        }
        if contexts is not None:
            params["contexts"] = contexts
        if protocol is not None:
            params["protocol"] = protocol
        frame = await self.request("signalwire.connect", params)
        if "result" in frame:
            self.protocol = frame["result"]["protocol"]
        return frame

    async def event(self, event_type: str | None = None, timeout: float = TIMEOUT) -> Frame:
        """The next event's envelope (``params`` of the frame); checks its type when given."""
        frame = await asyncio.wait_for(self.events.get(), timeout)
        envelope: Frame = frame["params"]
        if event_type is not None:
            assert envelope["event_type"] == event_type, envelope
        return envelope

    async def events_until(self, done: Callable[[Frame], bool], limit: int = 50) -> list[Frame]:
        """Events up to and including the first for which ``done`` is true."""
        seen: list[Frame] = []
        for _ in range(limit):
            envelope = await self.event()
            seen.append(envelope)
            if done(envelope):
                return seen
        raise AssertionError(f"no matching event in {limit}: {seen}")

    async def no_event(self, wait: float = 0.1) -> None:
        try:
            envelope = await asyncio.wait_for(self.events.get(), wait)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected event {envelope}")

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()


async def with_client(url: str, body: Callable[[RawClient], Awaitable[None]], **connect: Any) -> None:
    client = await RawClient.open(url)
    try:
        await client.connect(**connect)
        await body(client)
    finally:
        await client.close()


def states(events: list[Frame], key: str = "state") -> list[str]:
    return [str(e["params"].get(key)) for e in events]
