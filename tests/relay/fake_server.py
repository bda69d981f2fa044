"""A tiny scripted RELAY server on 127.0.0.1 for session tests: real WebSocket, test-controlled frames."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

Answer = Callable[[dict[str, Any]], dict[str, Any] | None]


class FakeRelayServer:
    """Answers connect (keeping the session's protocol on resume), receive and commands.

    ``answers[method]`` may return a result dict (or None to stay silent); ``received`` logs every
    frame clients sent, ``connects`` every connect params. ``send(obj)`` / ``send_raw(text)`` push
    frames to the current client; ``drop()`` aborts its TCP connection.
    """

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.received: list[dict[str, Any]] = []
        self.connects: list[dict[str, Any]] = []
        self.refuse_auth = False
        self.conn: ServerConnection | None = None
        self.connected = asyncio.Event()
        self._server: Server | None = None
        self._sessions = 0
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def __aenter__(self) -> FakeRelayServer:
        self._server = await serve(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def frames(self, method: str) -> list[dict[str, Any]]:
        return [f for f in self.received if f.get("method") == method]

    def acks(self) -> list[Any]:
        return [f["id"] for f in self.received if "method" not in f and f.get("result") == {}]

    async def send(self, obj: dict[str, Any]) -> None:
        await self.send_raw(json.dumps(obj))

    async def send_raw(self, text: str) -> None:
        assert self.conn is not None
        await self.conn.send(text)

    async def event(self, event_id: str, event_type: str, **params: Any) -> None:
        await self.send(
            {
                "jsonrpc": "2.0",
                "id": event_id,
                "method": "signalwire.event",
                "params": {
                    "event_type": event_type,
                    "event_channel": "c",
                    "timestamp": 1.0,
                    "project_id": "p",
                    "space_id": "s",
                    "params": params,
                },
            }
        )

    def drop(self) -> None:
        assert self.conn is not None
        self.connected.clear()
        self.conn.transport.abort()

    async def _handle(self, conn: ServerConnection) -> None:
        async for raw in conn:
            msg = json.loads(raw)
            self.received.append(msg)
            method = msg.get("method")
            if method is None:
                continue
            if method == "signalwire.connect":
                self.connects.append(msg["params"])
                if self.refuse_auth:
                    await conn.send(
                        json.dumps(
                            {
                                "jsonrpc": "2.0",
                                "id": msg["id"],
                                "error": {"code": -32002, "message": "Authentication failed"},
                            }
                        )
                    )
                    continue
                protocol = msg["params"].get("protocol")
                if protocol is None:
                    self._sessions += 1
                    protocol = f"signalwire_session{self._sessions}"
                result: dict[str, Any] | None = {"protocol": protocol, "identity": "p@node"}
                self.conn = conn
                self.connected.set()
            elif method in self.answers:
                result = self.answers[method](msg["params"])
            else:
                result = {"code": "200", "message": "OK"}
            if result is not None:
                await conn.send(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": result}))
