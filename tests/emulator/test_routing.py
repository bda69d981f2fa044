"""Routing by context (connect contexts or signalwire.receive), dial, messaging, session resume."""

from __future__ import annotations

import asyncio

from signalwire_typed.emulator import Emulator, Timing

from .raw_client import RawClient, run, states


async def _client(emulator: Emulator, **connect: object) -> RawClient:
    client = await RawClient.open(emulator.url)
    frame = await client.connect(**connect)  # type: ignore[arg-type]
    assert "result" in frame, frame
    return client


def test_inbound_calls_go_only_to_clients_on_their_context() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            sales = await _client(emulator, contexts=["sales"], major=2)  # Python client style
            support = await _client(emulator)
            await support.call("signalwire.receive", contexts=["support"])  # Node client style
            for _ in range(3):
                emulator.ring("sales")
                emulator.ring("support")
            for _ in range(3):
                assert (await sales.event("calling.call.receive"))["params"]["context"] == "sales"
                assert (await support.event("calling.call.receive"))["params"]["context"] == "support"
            await sales.no_event()
            await support.no_event()
            nobody = emulator.ring("billing")
            assert emulator.call_info(nobody).delivered is False
            await sales.no_event()
            await support.no_event()
            await sales.close()
            await support.close()

    run(main())


def test_repeated_subscriptions_are_idempotent_and_unreceive_stops_delivery() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator)
            await client.call("signalwire.receive", contexts=["office"])
            await client.call("signalwire.receive", contexts=["office", "office"])
            emulator.ring("office")
            await client.event("calling.call.receive")
            await client.no_event()
            await client.call("signalwire.unreceive", contexts=["office"])
            assert emulator.call_info(emulator.ring("office")).delivered is False
            await client.no_event()
            bad = await client.request("signalwire.receive", {"contexts": "office"})
            assert "params.contexts must be a non-empty array of strings" in bad["result"]["message"]
            await client.close()

    run(main())


def test_inbound_calls_take_turns_among_clients_and_pass_hands_over() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            first = await _client(emulator, contexts=["office"])
            second = await _client(emulator, contexts=["office"])
            call_id = emulator.ring("office")
            tasks = [asyncio.create_task(first.event()), asyncio.create_task(second.event())]
            done, pending = await asyncio.wait(tasks, timeout=5, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            offered = done.pop().result()
            holder, other = (first, second) if offered["event_channel"] == first.protocol else (second, first)
            await holder.call("calling.pass", call_id=call_id, node_id=offered["params"]["node_id"])
            handed = await other.event("calling.call.receive")
            assert handed["params"]["call_id"] == call_id
            # The next call goes to the other client in turn.
            emulator.ring("office")
            tasks = [asyncio.create_task(first.event()), asyncio.create_task(second.event())]
            done, pending = await asyncio.wait(tasks, timeout=5, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            assert len(done) == 1
            await first.close()
            await second.close()

    run(main())


def test_dial_reports_dialing_states_and_answered_with_the_tag() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator)
            emulator.set_dial_outcome("+15550000001", "no_answer")
            devices = [
                [{"type": "phone", "params": {"to_number": "+15550000001", "from_number": "+15551111111"}}],
                [
                    {"type": "phone", "params": {"to_number": "+15550000002", "from_number": "+15551111111"}},
                    {
                        "type": "sip",
                        "params": {"to": "sip:desk@example.invalid", "from": "sip:me@example.invalid"},
                    },
                ],
            ]
            result = await client.call("calling.dial", tag="my-tag", devices=devices)
            assert "call_id" not in result
            events = await client.events_until(lambda e: e["params"].get("dial_state") == "answered")
            dial = [e for e in events if e["event_type"] == "calling.call.dial"]
            assert states(dial, "dial_state") == ["dialing", "answered"]
            leg_states = [
                (e["params"]["device"]["params"].get("to_number") or e["params"]["device"]["params"]["to"])
                + ":"
                + e["params"]["call_state"]
                for e in events
                if e["event_type"] == "calling.call.state"
            ]
            assert leg_states == [
                "+15550000001:created",
                "+15550000001:ringing",
                "+15550000001:ending",
                "+15550000001:ended",
                "+15550000002:created",
                "sip:desk@example.invalid:created",
                "+15550000002:ringing",
                "sip:desk@example.invalid:ringing",
                "+15550000002:answered",
                "sip:desk@example.invalid:ending",
                "sip:desk@example.invalid:ended",
            ]
            states_events = [e for e in events if e["event_type"] == "calling.call.state"]
            assert all(
                e["params"]["tag"] == "my-tag" and e["params"]["direction"] == "outbound"
                for e in states_events
            )
            winner = dial[-1]["params"]["call"]
            assert winner["tag"] == "my-tag" and winner["dial_winner"] is True
            assert emulator.call_info(winner["call_id"]).state == "answered"
            # The answered leg takes commands like any call.
            await client.call(
                "calling.play", call_id=winner["call_id"], play=[{"type": "tts", "params": {"text": "x"}}]
            )
            await client.close()

    run(main())


def test_dial_fails_when_every_device_fails() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator)
            emulator.set_dial_outcome("+15550000003", "failed")
            devices = [[{"type": "phone", "params": {"to_number": "+15550000003", "from_number": "+1"}}]]
            await client.call("calling.dial", tag="t2", devices=devices)
            events = await client.events_until(lambda e: e["params"].get("dial_state") == "failed")
            ended = [e for e in events if e["params"].get("call_state") == "ended"]
            assert ended[0]["params"]["end_reason"] == "error"
            bad = await client.request("calling.dial", {"tag": "t3", "devices": [[{"type": "pigeon"}]]})
            assert "params.devices[0][0]" in bad["result"]["message"]
            await client.close()

    run(main())


def test_messaging_send_runs_to_delivered_or_fails_when_told() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator, contexts=["office"])
            params = {
                "context": "office",
                "from_number": "+15551111111",
                "to_number": "+15552222222",
                "body": "hi",
            }
            sent = await client.call("messaging.send", **params)
            events = [await client.event("messaging.state") for _ in range(4)]
            assert states(events, "message_state") == ["queued", "initiated", "sent", "delivered"]
            assert {e["params"]["message_id"] for e in events} == {sent["message_id"]}
            assert events[0]["params"]["body"] == "hi" and events[0]["params"]["direction"] == "outbound"
            emulator.fail_next_delivery()
            await client.call("messaging.send", **params)
            events = [await client.event("messaging.state") for _ in range(4)]
            assert states(events, "message_state") == ["queued", "initiated", "sent", "undelivered"]
            assert events[-1]["params"]["reason"]
            emulator.fail_next_delivery("failed", "no route")
            await client.call("messaging.send", **params)
            events = [await client.event("messaging.state") for _ in range(3)]
            assert states(events, "message_state") == ["queued", "initiated", "failed"]
            assert events[-1]["params"]["reason"] == "no route"
            empty = await client.request("messaging.send", {**params, "body": None})
            assert "needs a body, media or both" in empty["result"]["message"]
            info = emulator.message_info(sent["message_id"])
            assert info["states"] == ["queued", "initiated", "sent", "delivered"]
            await client.close()

    run(main())


def test_inbound_messages_go_to_their_context_only() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            office = await _client(emulator, contexts=["office"])
            home = await _client(emulator, contexts=["home"])
            message_id = emulator.inbound_message(
                "office", "+15551111111", "+15552222222", "hello", ["https://m/1"]
            )
            received = await office.event("messaging.receive")
            assert received["params"]["message_id"] == message_id
            assert received["params"]["message_state"] == "received" and received["params"]["media"] == [
                "https://m/1"
            ]
            await home.no_event()
            await office.close()
            await home.close()

    run(main())


def test_resume_redelivers_unacknowledged_events_in_order() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            first = await RawClient.open(emulator.url, ack=False)
            await first.connect(contexts=["office"])
            call_ids = [emulator.ring("office") for _ in range(3)]
            for _ in range(3):
                await first.event("calling.call.receive")
            assert emulator.unacked_events() == 3
            assert emulator.drop_connections() == 1
            emulator.ring("office")  # while nobody is connected: kept for the session
            second = await RawClient.open(emulator.url)
            resumed = await second.connect(protocol=first.protocol)
            assert resumed["result"]["protocol"] == first.protocol
            redelivered = [await second.event("calling.call.receive") for _ in range(4)]
            assert [e["params"]["call_id"] for e in redelivered][:3] == call_ids
            await second.no_event()
            for _ in range(50):
                if emulator.unacked_events() == 0:
                    break
                await asyncio.sleep(0.01)
            assert emulator.unacked_events() == 0
            # Subscriptions survive the resume.
            emulator.ring("office")
            await second.event("calling.call.receive")
            await second.close()
            await first.close()

    run(main())


def test_unknown_protocol_starts_a_new_session() -> None:
    async def main() -> None:
        async with Emulator(timing=Timing()) as emulator:
            client = await RawClient.open(emulator.url)
            frame = await client.connect(protocol="signalwire_unknown")
            assert frame["result"]["protocol"] != "signalwire_unknown"
            await client.close()

    run(main())


def test_begin_dials_one_device_and_calling_receive_subscribes() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator)
            await client.call("calling.receive", contexts=["legacy"])
            emulator.ring("legacy")
            await client.event("calling.call.receive")
            device = {"type": "phone", "params": {"to_number": "+15550000009", "from_number": "+1"}}
            result = await client.call("calling.begin", tag="b1", device=device)
            events = [await client.event("calling.call.state") for _ in range(3)]
            assert states(events, "call_state") == ["created", "ringing", "answered"]
            assert {e["params"]["call_id"] for e in events} == {result["call_id"]}
            emulator.set_dial_outcome("+15550000010", "busy")
            busy = await client.call(
                "calling.begin", device={**device, "params": {"to_number": "+15550000010"}}
            )
            events = [await client.event("calling.call.state") for _ in range(4)]
            assert states(events, "call_state") == ["created", "ringing", "ending", "ended"]
            assert events[-1]["params"]["end_reason"] == "busy"
            assert emulator.call_info(busy["call_id"]).state == "ended"
            await client.close()

    run(main())


def test_a_session_not_resumed_within_the_window_is_forgotten() -> None:
    async def main() -> None:
        async with Emulator(resume_window=0.05) as emulator:
            first = await RawClient.open(emulator.url, ack=False)
            await first.connect(contexts=["office"])
            emulator.ring("office")
            await first.event("calling.call.receive")
            emulator.drop_connections()
            await asyncio.sleep(0.2)
            assert emulator.sessions() == []
            second = await RawClient.open(emulator.url)
            frame = await second.connect(protocol=first.protocol)
            assert frame["result"]["protocol"] != first.protocol
            await second.no_event()
            await second.close()
            await first.close()

    run(main())


def test_server_disconnect_closes_after_the_answer_and_restart_forbids_resume() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator, contexts=["office"])
            assert emulator.disconnect_clients() == 1
            request = await client.other.get()
            assert request["method"] == "signalwire.disconnect" and request["params"] == {}
            await client.reply(request)
            await asyncio.wait_for(client.ws.wait_closed(), 5)
            again = await RawClient.open(emulator.url)
            resumed = await again.connect(protocol=client.protocol)
            assert resumed["result"]["protocol"] == client.protocol
            assert emulator.disconnect_clients(restart=True) == 1
            request = await again.other.get()
            assert request["params"] == {"restart": True}
            await again.reply(request)
            await asyncio.wait_for(again.ws.wait_closed(), 5)
            fresh = await RawClient.open(emulator.url)
            assert (await fresh.connect(protocol=client.protocol))["result"]["protocol"] != client.protocol
            for c in (client, again, fresh):
                await c.close()

    run(main())


def test_authorization_state_is_sent_on_request_and_recorded_when_returned() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await _client(emulator)
            assert emulator.send_authorization_state() == 1
            event = await client.event("signalwire.authorization.state")
            blob = event["params"]["authorization_state"]
            assert blob.startswith("emulator-auth-")
            assert emulator.sessions()[0].authorization_state is None
            again = await RawClient.open(emulator.url)
            params = {
                "version": {"major": 2},
                "authentication": {"project": "p", "token": "t"},
                "protocol": client.protocol,
                "authorization_state": blob,
            }
            assert "result" in await again.request("signalwire.connect", params)
            assert emulator.sessions()[0].authorization_state == blob
            await again.close()
            await client.close()

    run(main())
