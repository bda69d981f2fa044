"""The asyncio session over a real loopback WebSocket, against a scripted server."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import pytest
from signalwire_typed.relay.errors import AuthenticationError, RequestError, RequestTimeoutError
from signalwire_typed.relay.protocol import EventReceived, RelayProtocol
from signalwire_typed.relay.session import RelaySession, relay_url, ssl_context_for

from .fake_server import FakeRelayServer


def run(coro: Coroutine[Any, Any, None], timeout: float = 10.0) -> None:
    asyncio.run(asyncio.wait_for(coro, timeout))


def decode(params: dict[str, object]) -> dict[str, object]:
    return params


def make_session(
    server: FakeRelayServer, got: list[EventReceived[dict[str, object]]], **kwargs: Any
) -> RelaySession[dict[str, object]]:
    protocol = RelayProtocol(credentials={"project": "p", "token": "t"}, decode=decode, contexts=["office"])
    return RelaySession(
        url=server.url, protocol=protocol, on_event=got.append, reconnect_delay=0.01, **kwargs
    )


async def until(check: Any, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.005)


def test_host_forms() -> None:
    assert relay_url("example.signalwire.com") == "wss://example.signalwire.com"
    assert relay_url("127.0.0.1:8765") == "wss://127.0.0.1:8765"
    assert relay_url("ws://127.0.0.1:1/api/relay/wss") == "ws://127.0.0.1:1/api/relay/wss"
    for bad in ("", "a/b", "user@host", "host?x=1"):
        with pytest.raises(ValueError, match="host must be"):
            relay_url(bad)
    assert ssl_context_for("ws://x") is None
    assert ssl_context_for("wss://x") is not None


def test_bad_ca_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    missing = tmp_path / "nope.pem"
    monkeypatch.setenv("SIGNALWIRE_RELAY_CA_FILE", str(missing))
    with pytest.raises(ValueError, match=r"SIGNALWIRE_RELAY_CA_FILE=.*nope\.pem"):
        ssl_context_for("wss://x")


def test_execute_round_trip_and_error_code() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            server.answers["calling.play"] = lambda p: {"code": "200", "message": "OK", **p}
            server.answers["calling.answer"] = lambda p: {"code": "404", "message": "Call not found"}
            session = make_session(server, [])
            await session.start()
            assert server.connects[0]["contexts"] == ["office"]
            result = await session.execute("calling.play", {"node_id": "n", "call_id": "c1"})
            assert result == {"code": "200", "message": "OK", "node_id": "n", "call_id": "c1"}
            with pytest.raises(RequestError) as err:
                await session.execute("calling.answer", {"node_id": "n", "call_id": "c1"})
            assert err.value.method == "calling.answer" and err.value.code == "404"
            await session.close()

    run(main())


def test_refused_credentials_raise_at_start() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            server.refuse_auth = True
            session = make_session(server, [])
            with pytest.raises(AuthenticationError, match="code -32002: Authentication failed"):
                await session.start()

    run(main())


def test_execute_timeout() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            server.answers["calling.play"] = lambda p: None
            session = make_session(server, [])
            await session.start()
            with pytest.raises(RequestTimeoutError, match=r"calling.play got no answer within 0.05s"):
                await session.execute("calling.play", {}, timeout=0.05)
            await session.close()

    run(main())


def test_events_acked_in_order_and_malformed_frames_skipped(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            got: list[EventReceived[dict[str, object]]] = []
            session = make_session(server, got)
            await session.start()
            await server.event("e1", "calling.call.state", call_id="c1", call_state="ringing")
            await server.send_raw("{this is not json")
            await server.send_raw('{"jsonrpc":"2.0","id":"e2","method":"signalwire.event","params":7}')
            await server.send({"jsonrpc": "2.0", "id": "p1", "method": "signalwire.ping", "params": {}})
            await server.event("e3", "calling.call.state", call_id="c1", call_state="answered")
            await until(lambda: len(got) == 2)
            assert [e.params["call_state"] for e in got] == ["ringing", "answered"]
            await until(lambda: server.acks() == ["e1", "e2", "p1", "e3"])
            # The session is still alive after the bad frames.
            assert (await session.execute("calling.end", {}))["code"] == "200"
            await session.close()

    with caplog.at_level(logging.WARNING, logger="signalwire_typed.relay"):
        run(main())
    skipped = [r.getMessage() for r in caplog.records if "frame skipped" in r.getMessage()]
    assert len(skipped) == 2
    assert "not JSON" in skipped[0] and "{this is not json" in skipped[0]
    assert "without params object" in skipped[1]


def test_dropped_connection_resumes_and_requests_wait_for_it() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            got: list[EventReceived[dict[str, object]]] = []
            session = make_session(server, got)
            await session.start()
            await session.subscribe(["sales"])
            first_protocol = server.connects[0].get("protocol")
            assert first_protocol is None
            server.drop()
            await until(lambda: not session.connected)
            # Made while disconnected: waits for the reconnect, then goes through.
            result = await session.execute("calling.answer", {"call_id": "c"}, timeout=5)
            assert result["code"] == "200"
            assert session.reconnects == 1
            resumed = server.connects[1]
            assert resumed["protocol"] == "signalwire_session1"
            assert resumed["contexts"] == ["office", "sales"]
            # An event redelivered after the resume reaches us once.
            await server.event("e1", "calling.call.state", call_id="c")
            await server.event("e1", "calling.call.state", call_id="c")
            await server.event("e2", "calling.call.state", call_id="c")
            await until(lambda: server.acks().count("e2") == 1)
            assert [e.event_type for e in got] == ["calling.call.state"] * 2
            await session.close()

    run(main())


def test_request_in_flight_when_dropped_fails_clearly() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            server.answers["calling.play"] = lambda p: None
            session = make_session(server, [])
            await session.start()
            task = asyncio.create_task(session.execute("calling.play", {}))
            await until(lambda: bool(server.frames("calling.play")))
            server.drop()
            with pytest.raises(ConnectionError, match=r"connection lost while calling\.play was in flight"):
                await task
            await until(lambda: session.connected)
            await session.close()

    run(main())


def test_close_fails_waiting_requests_and_wait_closed_returns() -> None:
    async def main() -> None:
        async with FakeRelayServer() as server:
            session = make_session(server, [])
            await session.start()
            server.answers["calling.play"] = lambda p: None
            task = asyncio.create_task(session.execute("calling.play", {}))
            await until(lambda: bool(server.frames("calling.play")))
            await session.close()
            with pytest.raises(Exception, match=r"calling\.play|closed"):
                await task
            await session.wait_closed()
            with pytest.raises(Exception, match="closed"):
                await session.execute("calling.play", {})

    run(main())
