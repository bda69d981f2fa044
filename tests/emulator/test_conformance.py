"""Every event the emulator sends, and every command result, decodes with the generated RELAY
types (specs/relay): the emulator and the spec agree on the wire."""

from __future__ import annotations

from typing import Any

from signalwire_typed.emulator import Emulator
from signalwire_typed_gen.relay import methods
from signalwire_typed_gen.relay.events import UnknownEvent, decode_event

from .raw_client import RawClient, run

TTS = [{"type": "tts", "params": {"text": "hi"}}]
PHONE = {"type": "phone", "params": {"to_number": "+15553330000", "from_number": "+15551110000"}}


async def _drive(emulator: Emulator, client: RawClient) -> None:
    call_id = emulator.ring("office")
    receive = await client.event("calling.call.receive")
    ids: dict[str, Any] = {"call_id": call_id, "node_id": receive["params"]["node_id"]}
    await client.call("calling.answer", **ids)
    await client.call("calling.play", **ids, play=TTS)
    await client.call(
        "calling.play", **ids, control_id="p", play=[{"type": "silence", "params": {"duration": 60}}]
    )
    await client.call("calling.play.pause", **ids, control_id="p")
    await client.call("calling.play.resume", **ids, control_id="p")
    await client.call("calling.play.stop", **ids, control_id="p")
    await client.call("calling.collect", **ids, digits={"max": 2}, speech={}, send_start_of_input=True)
    emulator.send_digits(call_id, "12")
    await client.call("calling.collect", **ids, speech={}, partial_results=True)
    emulator.send_speech(call_id, "hello")
    await client.call("calling.collect", **ids, digits={"max": 1}, initial_timeout=1)
    await client.call("calling.play_and_collect", **ids, play=TTS, collect={"digits": {"max": 1}})
    emulator.send_digits(call_id, "3")
    await client.call("calling.record", **ids, control_id="r", record={"audio": {}})
    await client.call("calling.record.pause", **ids, control_id="r")
    await client.call("calling.record.resume", **ids, control_id="r")
    await client.call("calling.record.stop", **ids, control_id="r")
    for kind in ("machine", "fax"):
        await client.call("calling.detect", **ids, detect={"type": kind, "params": {}})
    await client.call(
        "calling.detect", **ids, control_id="d", detect={"type": "digit", "params": {}}, timeout=60
    )
    emulator.send_digits(call_id, "4")
    await client.call("calling.detect.stop", **ids, control_id="d")
    await client.call(
        "calling.tap",
        **ids,
        control_id="t",
        tap={"type": "audio", "params": {}},
        device={"type": "rtp", "params": {"addr": "127.0.0.1", "port": 9}},
    )
    await client.call("calling.tap.stop", **ids, control_id="t")
    await client.call("calling.stream", **ids, control_id="s", url="wss://example.invalid/s")
    await client.call("calling.stream.stop", **ids, control_id="s")
    await client.call("calling.transcribe", **ids, control_id="x")
    await client.call("calling.transcribe.stop", **ids, control_id="x")
    await client.call("calling.send_digits", **ids, digits="9")
    await client.call("calling.send_fax", **ids, document="https://example.invalid/d.pdf")
    await client.call("calling.receive_fax", **ids)
    await client.call("calling.pay", **ids, payment_connector_url="https://example.invalid/pay")
    await client.call("calling.echo", **ids, timeout=1)
    await client.call("calling.denoise", **ids)
    await client.call("calling.denoise.stop", **ids)
    await client.call("calling.hold", **ids)
    await client.call("calling.unhold", **ids)
    emulator.send_authorization_state()
    await client.call(
        "calling.refer", **ids, device={"type": "sip", "params": {"to": "sip:a@example.invalid"}}
    )
    await client.call("calling.queue.enter", **ids, queue_name="q")
    await client.call("calling.queue.leave", **ids, queue_name="q")
    joined = await client.call("calling.join_conference", **ids, name="team")
    await client.call("calling.leave_conference", **ids, conference_id=joined["conference_id"])
    await client.call("calling.connect", **ids, devices=[[PHONE]])
    await client.events_until(lambda e: e["params"].get("connect_state") == "connected", limit=200)
    await client.call("calling.disconnect", **ids)
    await client.call("calling.dial", tag="dial-tag", devices=[[PHONE]])
    await client.events_until(lambda e: e["params"].get("dial_state") == "answered", limit=200)
    await client.call("messaging.send", context="office", from_number="+1555", to_number="+1666", body="hi")
    emulator.inbound_message("office", "+1666", "+1555", "hello")
    await client.call("calling.end", **ids, reason="hangup")
    await client.events_until(
        lambda e: e["params"].get("call_state") == "ended" and e["params"]["call_id"] == call_id, limit=200
    )


def test_every_event_the_emulator_sends_decodes_with_the_spec_types() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            await _drive(emulator, client)
            await client.close()
            kinds: set[str] = set()
            problems: list[str] = []
            for envelope in client.log:
                try:
                    event = decode_event(envelope, eager=True)
                except ValueError as exc:
                    problems.append(f"{envelope['event_type']}: {exc} in {envelope['params']}")
                    continue
                if isinstance(event, UnknownEvent):
                    problems.append(f"{envelope['event_type']} is not in the spec")
                kinds.add(envelope["event_type"])
            for method, result in client.results:
                decode = getattr(methods, method.replace(".", "_") + "_result", None)
                if decode is None:
                    problems.append(f"{method} has no result type in the spec")
                    continue
                try:
                    decode(result)
                except ValueError as exc:
                    problems.append(f"{method} result: {exc} in {result}")
            assert not problems, "\n".join(problems)
            assert len(kinds) >= 20, sorted(kinds)

    run(main(), timeout=30)
