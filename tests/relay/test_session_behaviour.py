"""Client-level behaviour against the emulator: contexts, events, resume, bad frames, messaging, auth."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import socket

import pytest
from signalwire_typed.emulator import Emulator
from signalwire_typed.relay import AuthenticationError, Call, RelayClient
from signalwire_typed_gen.relay.events import (
    EVENT_CLASSES,
    CallingCallPlayEvent,
    CallingCallStateEvent,
    MessagingStateEvent,
    RelayEvent,
    UnknownEvent,
)

from .harness import Inbox, answered_call, connected, run, until

# A minimal valid payload for each calling event type (beyond call_id/node_id).
EVENT_PARAMS: dict[str, dict[str, object]] = {
    "calling.call.collect": {"control_id": "k", "result": {"type": "digit", "params": {"digits": "1"}}},
    "calling.call.connect": {"connect_state": "connected"},
    "calling.call.denoise": {"denoised": True},
    "calling.call.detect": {"control_id": "k", "detect": {"type": "machine", "params": {"event": "HUMAN"}}},
    "calling.call.echo": {"state": "finished"},
    "calling.call.fax": {"control_id": "k", "fax": {"type": "finished", "params": {"success": True}}},
    "calling.call.hold": {"state": "hold"},
    "calling.call.pay": {"control_id": "k", "state": "finished"},
    "calling.call.play": {"control_id": "k", "state": "playing"},
    "calling.call.queue": {"control_id": "k", "status": "enqueue"},
    "calling.call.record": {"control_id": "k", "state": "recording"},
    "calling.call.refer": {"state": "success"},
    "calling.call.send_digits": {"control_id": "k", "state": "finished"},
    "calling.call.stream": {"control_id": "k", "state": "streaming"},
    "calling.call.tap": {"control_id": "k", "state": "tapping"},
    "calling.call.transcribe": {"control_id": "k", "state": "finished"},
    "calling.conference": {"conference_id": "c1", "name": "standup", "status": "participant-join"},
    "calling.error": {"code": "500", "message": "boom"},
}


def describe(event: RelayEvent) -> str:
    """A ``match`` over the union: the type checker narrows each case to its class."""
    match event:
        case CallingCallPlayEvent():
            return f"play {event.params.state}"
        case CallingCallStateEvent():
            return f"state {event.params.call_state}"
        case UnknownEvent():
            return f"unknown {event.event_type}"
        case _:
            return event.event_type


def test_every_calling_event_reaches_its_typed_per_call_handler() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            got: dict[str, RelayEvent] = {}
            for event_type in EVENT_PARAMS:
                cls = EVENT_CLASSES[event_type]
                call.on(cls, lambda e: got.__setitem__(e.event_type, e))
            seen: list[RelayEvent] = []
            client.on_event = seen.append
            ids = {"call_id": call.call_id, "node_id": call.node_id}
            for event_type, params in EVENT_PARAMS.items():
                emulator.emit_events(call.call_id, event_type, {**params, **ids})
            emulator.emit_events(call.call_id, "calling.call.brand_new", {**ids, "x": 1})
            await until(lambda: len(got) == len(EVENT_PARAMS) and len(seen) == len(EVENT_PARAMS) + 1)
            for event_type, event in got.items():
                assert type(event) is EVENT_CLASSES[event_type]
                assert event.params.call_id == call.call_id  # type: ignore[union-attr]
            assert describe(got["calling.call.play"]) == "play playing"
            unknown = seen[-1]
            assert isinstance(unknown, UnknownEvent) and unknown.params == {**ids, "x": 1}
            assert describe(unknown) == "unknown calling.call.brand_new"

    run(main())


def test_contexts_are_isolated_and_can_change() -> None:
    async def main() -> None:
        async with (
            Emulator() as emulator,
            connected(emulator, ["sales"]) as (sales, sales_inbox),
            connected(emulator, ["support"]) as (_, support_inbox),
        ):
            emulator.ring("support")
            emulator.ring("sales")
            assert (await sales_inbox.call()).context == "sales"
            assert (await support_inbox.call()).context == "support"
            await asyncio.sleep(0.05)
            assert sales_inbox.calls.empty() and support_inbox.calls.empty()

            await sales.subscribe(["billing"])
            await sales.subscribe(["billing"])  # idempotent
            assert sales.contexts == ("sales", "billing")
            emulator.ring("billing")
            assert (await sales_inbox.call()).context == "billing"
            await sales.unsubscribe(["billing"])
            call_id = emulator.ring("billing")
            await asyncio.sleep(0.05)
            assert sales_inbox.calls.empty() and not emulator.call_info(call_id).delivered
            with pytest.raises(TypeError, match="not the string"):
                await sales.subscribe("sales")

    run(main())


def test_malformed_frames_from_the_server_are_logged_and_skipped(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            assert emulator.send_raw("this is not JSON") == 1
            emulator.send_raw(
                '{"jsonrpc":"2.0","id":"x1","method":"signalwire.event","params":{"event_type":7}}'
            )
            bad_envelope = {"event_type": "calling.call.play", "timestamp": "yesterday", "params": {}}
            emulator.send_raw(
                json.dumps(
                    {"jsonrpc": "2.0", "id": "x2", "method": "signalwire.event", "params": bad_envelope}
                )
            )
            # A payload that breaks the schema surfaces when a handler reads it: logged, not raised.
            call.on(CallingCallPlayEvent, lambda e: e.params.state)
            emulator.emit_events(
                call.call_id,
                "calling.call.play",
                {"call_id": call.call_id, "control_id": "k", "state": "exploded"},
            )
            # Still alive: commands and events work after the bad frames.
            await (await call.play_silence(0.1)).wait(5)
            assert client.connected and client.session.reconnects == 0

    with caplog.at_level(logging.WARNING, logger="signalwire_typed.relay"):
        run(main())
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert any("not JSON" in m and "this is not JSON" in m for m in skipped), skipped
    assert any("string event_type" in m for m in skipped), skipped
    assert any("$.timestamp: expected number" in m for m in skipped), skipped
    handler_errors = [r for r in caplog.records if "handler" in r.getMessage() and r.exc_info]
    assert any("$.params.state: expected one of" in str(r.exc_info[1]) for r in handler_errors if r.exc_info)


def test_dropped_connection_resumes_without_loss_or_duplicates() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            protocol = client.relay_protocol
            seen: list[str] = []
            call.on(CallingCallPlayEvent, lambda e: seen.append(e.params.control_id))
            ids = {"call_id": call.call_id, "node_id": call.node_id, "state": "playing"}
            for i in range(200):
                emulator.emit_events(call.call_id, "calling.call.play", {**ids, "control_id": f"c{i}"})
                if i in (50, 120):
                    emulator.drop_connections()
            await until(lambda: len(seen) >= 200 and client.connected, timeout=10)
            await asyncio.sleep(0.1)  # room for any duplicate to show up
            assert seen == [f"c{i}" for i in range(200)]
            assert client.session.reconnects >= 1 and client.relay_protocol == protocol
            await until(lambda: emulator.unacked_events() == 0)
            # The call still works on the resumed session.
            assert (await call.send_digits("1")).code == "200"

    run(main(), timeout=30)


def test_requests_made_while_disconnected_wait_for_the_reconnect() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            client.session.drop_connection()
            await until(lambda: not client.connected)
            play = await call.play_silence(0.1)
            await play.wait(5)
            assert client.session.reconnects == 1

    run(main())


def test_messages_sent_received_and_failed() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            states: list[str] = []
            message = await client.send_message(from_number="+15550001", to_number="+15550002", body="Hello")
            message.on(lambda e: states.append(e.params.message_state))
            assert not message.is_done and message.result is None
            final = await message.wait(timeout=5)
            assert isinstance(final, MessagingStateEvent)
            assert message.is_done and message.result is final
            assert (
                message.state == "delivered"
                and message.direction == "outbound"
                and message.context == "office"
            )
            assert states[-1] == "delivered" and "sent" in states

            emulator.fail_next_delivery("undelivered", "carrier rejected")
            failed = await client.send_message(
                from_number="+15550001", to_number="+15550002", media=["https://example.com/cat.png"]
            )
            await failed.wait(timeout=5)
            assert failed.state == "undelivered" and failed.reason == "carrier rejected"

            message_id = emulator.inbound_message("office", "+15559998888", "+15550001", "Hi there", None)
            received = await inbox.message()
            assert (received.message_id, received.body, received.from_number) == (
                message_id,
                "Hi there",
                "+15559998888",
            )
            assert received.direction == "inbound" and received.state == "received"

            with pytest.raises(ValueError, match="body or media"):
                await client.send_message(from_number="+1", to_number="+2")

    run(main())


def test_wrong_credentials_raise_authentication_error() -> None:
    async def main() -> None:
        async with Emulator(project="proj", token="secret") as emulator:
            client = RelayClient(project="proj", token="wrong", host=emulator.url)
            with pytest.raises(AuthenticationError) as err:
                await client.connect()
            assert err.value.method == "signalwire.connect"
            good = RelayClient(project="proj", token="secret", host=emulator.url)
            async with good:
                assert good.connected

    run(main())


def test_credentials_and_host_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", "env-project")
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", "env-token")
    monkeypatch.setenv("SIGNALWIRE_SPACE", "example.signalwire.com")
    client = RelayClient()
    assert client.project == "env-project" and client.url == "wss://example.signalwire.com"
    monkeypatch.delenv("SIGNALWIRE_API_TOKEN")
    with pytest.raises(ValueError, match="SIGNALWIRE_API_TOKEN"):
        RelayClient()
    monkeypatch.delenv("SIGNALWIRE_PROJECT_ID")
    with pytest.raises(ValueError, match="SIGNALWIRE_PROJECT_ID"):
        RelayClient()
    monkeypatch.setenv("SIGNALWIRE_JWT_TOKEN", "ey.jwt")
    assert RelayClient(host="ws://127.0.0.1:1").url == "ws://127.0.0.1:1"
    with pytest.raises(ValueError, match="host must be"):
        RelayClient(host="https://example.com/x")
    with pytest.raises(TypeError, match="not the string"):
        RelayClient(contexts="office")


def jwt(project: str, token: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"project_id": project}).encode())
    signature = hmac.new(token.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(signature)}"


def test_jwt_authentication_and_run_forever() -> None:
    async def main() -> None:
        async with Emulator(project="proj", token="secret") as emulator:
            client = RelayClient(jwt=jwt("proj", "secret"), host=emulator.url, contexts=["office"])
            answered: list[Call] = []

            @client.on_call
            async def on_call(call: Call) -> None:
                await call.answer()
                answered.append(call)
                await client.disconnect()

            runner = asyncio.create_task(client.run_forever())
            await until(lambda: client.connected)
            emulator.ring("office")
            await asyncio.wait_for(runner, 5)
            assert len(answered) == 1

    run(main())


def test_run_forever_waits_for_the_server_to_come_up() -> None:
    async def main() -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        client = RelayClient(
            project="p", token="t", host=f"ws://127.0.0.1:{port}", contexts=["office"], reconnect_delay=0.02
        )
        answered: list[str] = []

        @client.on_call
        async def on_call(call: Call) -> None:
            await call.answer()
            answered.append(call.call_id)
            await client.disconnect()

        runner = asyncio.create_task(client.run_forever())
        await asyncio.sleep(0.2)  # a few refused attempts
        assert not runner.done()
        async with Emulator(port=port) as emulator:
            await until(lambda: client.connected)
            call_id = emulator.ring("office")
            await asyncio.wait_for(runner, 5)
        assert answered == [call_id]

    run(main())


def test_a_restarted_server_gets_a_fresh_session_with_our_contexts() -> None:
    async def main() -> None:
        async with Emulator() as first:
            port = first.port
            client = RelayClient(
                project="p", token="t", host=first.url, contexts=["office"], reconnect_delay=0.02
            )
            inbox = Inbox(client)
            await client.connect()
            await client.subscribe(["sales"])
            old_protocol = client.relay_protocol
        # The server is gone; a new one (knowing nothing of us) comes up on the same port.
        await until(lambda: not client.connected)
        try:
            async with Emulator(port=port) as second:
                await until(lambda: client.connected, timeout=10)
                assert client.relay_protocol != old_protocol
                second.ring("sales")
                assert (await inbox.call()).context == "sales"
                second.ring("office")
                assert (await inbox.call()).context == "office"
        finally:
            await client.disconnect()

    run(main())
