"""Every calling state machine, event by event, over a real loopback WebSocket with a raw client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from signalwire_typed.emulator import Emulator, Timing

from .raw_client import Frame, RawClient, run, states


def scenario(
    body: Callable[[Emulator, RawClient, str], Awaitable[None]], timing: Timing | None = None
) -> None:
    """An answered inbound call on "office"; ``body`` gets the emulator, client and call_id."""

    async def main() -> None:
        async with Emulator(timing=timing) as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"], major=2)
            call_id = emulator.ring("office", "+15551110000", "+15552220000")
            receive = await client.event("calling.call.receive")
            assert receive["params"]["call_state"] == "ringing"
            await client.call("calling.answer", node_id=receive["params"]["node_id"], call_id=call_id)
            answered = await client.event("calling.call.state")
            assert answered["params"]["call_state"] == "answered"
            try:
                await body(emulator, client, call_id)
            finally:
                await client.close()

    run(main())


def by_type(events: list[Frame], event_type: str) -> list[Frame]:
    return [e for e in events if e["event_type"] == event_type]


def test_inbound_call_answer_and_hangup_by_the_client() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        result = await client.call("calling.end", call_id=call_id, reason="hangup")
        assert result["message"]
        events = [await client.event("calling.call.state"), await client.event("calling.call.state")]
        assert states(events, "call_state") == ["ending", "ended"]
        assert all(e["params"]["end_reason"] == "hangup" for e in events)
        gone = await client.request("calling.play", {"call_id": call_id, "play": []})
        assert gone["result"]["code"] == "404"
        info = emulator.call_info(call_id)
        assert info.state == "ended" and info.end_reason == "hangup" and info.delivered
        assert [c["method"] for c in info.commands] == ["calling.answer", "calling.end", "calling.play"]
        assert [e["event_type"] for e in info.events] == ["calling.call.receive"] + ["calling.call.state"] * 3

    scenario(body)


def test_answered_state_carries_what_the_node_client_needs() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        answered = emulator.call_info(call_id).events[1]["params"]
        assert isinstance(answered, dict)
        assert answered["direction"] == "inbound"
        for key in ("call_id", "node_id", "tag", "context", "device"):
            assert answered[key], key
        assert answered["context"] == "office"

    scenario(body)


def test_far_end_hangup_ends_running_actions_first() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.play", call_id=call_id, control_id="p1", loop=0, play=[_tts()])
        assert (await client.event("calling.call.play"))["params"]["state"] == "playing"
        emulator.hangup(call_id, "busy")
        events = await client.events_until(lambda e: e["params"].get("call_state") == "ended")
        assert [
            (e["event_type"], e["params"].get("state") or e["params"].get("call_state")) for e in events
        ] == [
            ("calling.call.play", "finished"),
            ("calling.call.state", "ending"),
            ("calling.call.state", "ended"),
        ]
        assert events[-1]["params"]["end_reason"] == "busy"

    scenario(body)


def _tts(text: str = "hello") -> dict[str, Any]:
    return {"type": "tts", "params": {"text": text}}


def test_play_runs_playing_then_finished_with_control_id() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        result = await client.call("calling.play", call_id=call_id, control_id="c1", play=[_tts()])
        assert result["control_id"] == "c1"
        events = [await client.event("calling.call.play"), await client.event("calling.call.play")]
        assert states(events) == ["playing", "finished"]
        assert all(e["params"]["control_id"] == "c1" and e["params"]["call_id"] == call_id for e in events)

    scenario(body)


def test_play_pause_resume_volume_stop() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        silence = {"type": "silence", "params": {"duration": 60}}
        await client.call("calling.play", call_id=call_id, control_id="c1", play=[silence])
        assert (await client.event())["params"]["state"] == "playing"
        await client.call("calling.play.pause", call_id=call_id, control_id="c1")
        assert (await client.event())["params"]["state"] == "paused"
        await client.call("calling.play.resume", call_id=call_id, control_id="c1")
        assert (await client.event())["params"]["state"] == "playing"
        await client.call("calling.play.volume", call_id=call_id, control_id="c1", volume=-4.0)
        bad = await client.request(
            "calling.play.volume", {"call_id": call_id, "control_id": "c1", "volume": "up"}
        )
        assert bad["result"]["code"] == "400" and "params.volume" in bad["result"]["message"]
        await client.call("calling.play.stop", call_id=call_id, control_id="c1")
        assert (await client.event())["params"]["state"] == "finished"
        again = await client.request("calling.play.stop", {"call_id": call_id, "control_id": "c1"})
        assert again["result"]["code"] == "404"
        await client.no_event()

    scenario(body)


def test_silence_plays_for_its_duration_in_scaled_time() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        silence = {"type": "silence", "params": {"duration": 2}}  # 2 s * 0.05 = 100 ms
        await client.call("calling.play", call_id=call_id, play=[silence])
        assert (await client.event())["params"]["state"] == "playing"
        await client.no_event(0.05)
        assert (await client.event())["params"]["state"] == "finished"

    scenario(body, Timing(time_scale=0.05))


def test_collect_digits_with_max() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.collect", call_id=call_id, control_id="k", digits={"max": 3})
        emulator.send_digits(call_id, "12")
        await client.no_event(0.05)
        emulator.send_digits(call_id, "3")
        event = await client.event("calling.call.collect")
        assert event["params"]["result"] == {"type": "digit", "params": {"digits": "123", "terminator": ""}}
        assert event["params"]["final"] is True and event["params"]["control_id"] == "k"

    scenario(body, Timing(time_scale=1.0))


def test_collect_digits_with_terminator_and_leftover_digits_wait() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        emulator.send_digits(call_id, "42#9")  # pressed before anything listens: they wait
        await client.call("calling.collect", call_id=call_id, digits={"max": 5, "terminators": "#"})
        event = await client.event("calling.call.collect")
        assert event["params"]["result"]["params"] == {"digits": "42", "terminator": "#"}
        await client.call("calling.collect", call_id=call_id, digits={"max": 1})
        event = await client.event("calling.call.collect")
        assert event["params"]["result"]["params"]["digits"] == "9"

    scenario(body)


def test_collect_digit_timeout_returns_what_was_pressed() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.collect", call_id=call_id, digits={"max": 4, "digit_timeout": 1})
        emulator.send_digits(call_id, "7")
        event = await client.event("calling.call.collect")
        assert event["params"]["result"]["params"]["digits"] == "7"

    scenario(body)


def test_collect_speech_and_start_of_input() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call(
            "calling.collect", call_id=call_id, speech={"end_silence_timeout": 1}, send_start_of_input=True
        )
        emulator.send_speech(call_id, "sales please")
        start = await client.event("calling.call.collect")
        assert start["params"]["result"] == {"type": "start_of_input"}
        final = await client.event("calling.call.collect")
        assert final["params"]["result"]["type"] == "speech"
        assert final["params"]["result"]["params"]["text"] == "sales please"

    scenario(body)


def test_collect_no_input_after_initial_timeout() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.collect", call_id=call_id, digits={"max": 1}, initial_timeout=1)
        event = await client.event("calling.call.collect")
        assert event["params"]["result"] == {"type": "no_input"}
        assert event["params"]["state"] == "no_input"

    scenario(body)


def test_collect_timers_wait_for_start_input_timers() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call(
            "calling.collect",
            call_id=call_id,
            control_id="k",
            digits={"max": 1},
            initial_timeout=0.5,
            start_input_timers=False,
        )
        await client.no_event(0.1)  # 20 simulated seconds: no timer is running
        await client.call("calling.collect.start_input_timers", call_id=call_id, control_id="k")
        event = await client.event("calling.call.collect")
        assert event["params"]["result"]["type"] == "no_input"

    scenario(body)


def test_collect_stop_and_continuous() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call(
            "calling.collect",
            call_id=call_id,
            control_id="k",
            digits={"max": 1},
            continuous=True,
            initial_timeout=60,
        )
        emulator.send_digits(call_id, "1")
        emulator.send_digits(call_id, "2")
        first, second = await client.event(), await client.event()
        assert [
            first["params"]["result"]["params"]["digits"],
            second["params"]["result"]["params"]["digits"],
        ] == [
            "1",
            "2",
        ]
        await client.call("calling.collect.stop", call_id=call_id, control_id="k")
        stopped = await client.event("calling.call.collect")
        assert stopped["params"]["final"] is True

    scenario(body)


def test_play_and_collect_plays_then_collects_and_digits_barge_in() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        menu = {"type": "silence", "params": {"duration": 60}}
        await client.call(
            "calling.play_and_collect",
            call_id=call_id,
            control_id="m",
            play=[menu],
            collect={"digits": {"max": 1}},
        )
        assert (await client.event("calling.call.play"))["params"]["state"] == "playing"
        emulator.send_digits(call_id, "2")
        finished = await client.event("calling.call.play")
        assert finished["params"] == {**finished["params"], "state": "finished", "control_id": "m"}
        collected = await client.event("calling.call.collect")
        assert collected["params"]["result"]["params"]["digits"] == "2"
        assert collected["params"]["control_id"] == "m"

    scenario(body)


def test_play_and_collect_without_input_gives_no_input_after_the_prompt() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call(
            "calling.play_and_collect", call_id=call_id, play=[_tts()], collect={"digits": {"max": 1}}
        )
        events = [await client.event() for _ in range(3)]
        assert [(e["event_type"], e["params"]["state"]) for e in events] == [
            ("calling.call.play", "playing"),
            ("calling.call.play", "finished"),
            ("calling.call.collect", "no_input"),
        ]
        bad = await client.request("calling.play_and_collect", {"call_id": call_id, "play": [_tts()]})
        assert "params.collect must be an object" in bad["result"]["message"]

    scenario(body)


def test_record_with_url_pause_resume_stop() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        result = await client.call(
            "calling.record", call_id=call_id, control_id="r", record={"audio": {"format": "wav"}}
        )
        assert result["url"].startswith(emulator.http_url) and result["url"].endswith("r.wav")
        recording = await client.event("calling.call.record")
        assert recording["params"]["state"] == "recording" and recording["params"]["url"] == result["url"]
        await client.call("calling.record.pause", call_id=call_id, control_id="r")
        await client.call("calling.record.resume", call_id=call_id, control_id="r")
        await client.call("calling.record.stop", call_id=call_id, control_id="r")
        events = [await client.event() for _ in range(3)]
        assert states(events) == ["paused", "recording", "finished"]
        done = events[-1]["params"]
        assert done["url"] == result["url"] and done["duration"] >= 0 and done["size"] > 0
        assert done["record"]["audio"]["url"] == result["url"]
        bad = await client.request(
            "calling.record", {"call_id": call_id, "record": {"audio": {"format": "ogg"}}}
        )
        assert "mp3 or wav" in bad["result"]["message"]

    scenario(body)


def test_record_ends_on_a_terminator_digit() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.record", call_id=call_id, record={"audio": {"terminators": "#"}})
        assert (await client.event())["params"]["state"] == "recording"
        emulator.send_digits(call_id, "#")
        assert (await client.event())["params"]["state"] == "finished"

    scenario(body)


def test_detect_machine_fax_and_digits() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        emulator.set_machine_detection("MACHINE")
        await client.call("calling.detect", call_id=call_id, detect={"type": "machine", "params": {}})
        events = [await client.event("calling.call.detect") for _ in range(2)]
        assert [e["params"]["detect"] for e in events] == [
            {"type": "machine", "params": {"event": "MACHINE"}},
            {"type": "machine", "params": {"event": "finished"}},
        ]
        await client.call("calling.detect", call_id=call_id, detect={"type": "fax", "params": {}})
        assert (await client.event())["params"]["detect"]["params"]["event"] == "CED"
        await client.event()
        await client.call(
            "calling.detect", call_id=call_id, control_id="d", detect={"type": "digit"}, timeout=60
        )
        emulator.send_digits(call_id, "5")
        assert (await client.event())["params"]["detect"] == {"type": "digit", "params": {"event": "5"}}
        await client.call("calling.detect.stop", call_id=call_id, control_id="d")
        assert (await client.event())["params"]["detect"]["params"]["event"] == "finished"
        bad = await client.request("calling.detect", {"call_id": call_id, "detect": {"type": "ghost"}})
        assert "machine, fax or digit" in bad["result"]["message"]

    scenario(body)


def test_tap_stream_transcribe_run_until_stopped() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        tap = {"type": "audio", "params": {"direction": "both"}}
        device = {"type": "ws", "params": {"uri": "wss://example.invalid/tap"}}
        result = await client.call("calling.tap", call_id=call_id, control_id="t", tap=tap, device=device)
        assert result["source_device"] == device
        tapping = await client.event("calling.call.tap")
        assert tapping["params"]["state"] == "tapping" and tapping["params"]["tap"] == tap
        await client.call("calling.stream", call_id=call_id, control_id="s", url="wss://example.invalid/s")
        assert (await client.event("calling.call.stream"))["params"]["state"] == "streaming"
        await client.call("calling.transcribe", call_id=call_id, control_id="x")
        assert (await client.event("calling.call.transcribe"))["params"]["state"] == "transcribing"
        for method, event_type in (
            ("calling.tap.stop", "calling.call.tap"),
            ("calling.stream.stop", "calling.call.stream"),
            ("calling.transcribe.stop", "calling.call.transcribe"),
        ):
            control_id = {"calling.tap.stop": "t", "calling.stream.stop": "s"}.get(method, "x")
            await client.call(method, call_id=call_id, control_id=control_id)
            assert (await client.event(event_type))["params"]["state"] == "finished"

    scenario(body)


def test_send_digits_reaches_the_far_end() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.send_digits", call_id=call_id, control_id="sd", digits="12#")
        event = await client.event("calling.call.send_digits")
        assert event["params"]["state"] == "finished" and event["params"]["control_id"] == "sd"
        assert emulator.call_info(call_id).digits_sent == "12#"
        bad = await client.request("calling.send_digits", {"call_id": call_id, "digits": "12x"})
        assert bad["result"]["code"] == "400"

    scenario(body)


def test_fax_pay_echo_denoise_refer_queue_conference_hold() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.send_fax", call_id=call_id, document="https://example.invalid/doc.pdf")
        faxes = [await client.event("calling.call.fax") for _ in range(2)]
        assert [f["params"]["fax"]["type"] for f in faxes] == ["page", "finished"]
        assert faxes[1]["params"]["fax"]["params"]["success"] is True
        await client.call("calling.receive_fax", call_id=call_id)
        await client.event("calling.call.fax")
        received = await client.event("calling.call.fax")
        assert received["params"]["fax"]["params"]["direction"] == "receive"
        await client.call("calling.pay", call_id=call_id, payment_connector_url="https://example.invalid/pay")
        assert (await client.event("calling.call.pay"))["params"]["state"] == "finished"
        await client.call("calling.echo", call_id=call_id, timeout=1)
        assert states([await client.event(), await client.event()]) == ["echoing", "finished"]
        await client.call("calling.denoise", call_id=call_id)
        assert (await client.event("calling.call.denoise"))["params"]["denoised"] is True
        await client.call("calling.denoise.stop", call_id=call_id)
        assert (await client.event("calling.call.denoise"))["params"]["denoised"] is False
        await client.call(
            "calling.refer", call_id=call_id, device={"type": "sip", "params": {"to": "sip:a@b"}}
        )
        refer = [await client.event("calling.call.refer") for _ in range(2)]
        assert states(refer) == ["inProgress", "success"]
        await client.call("calling.queue.enter", call_id=call_id, queue_name="support")
        assert (await client.event("calling.call.queue"))["params"]["status"] == "enqueue"
        await client.call("calling.queue.leave", call_id=call_id, queue_name="support")
        assert (await client.event("calling.call.queue"))["params"]["status"] == "leave"
        joined = await client.call("calling.join_conference", call_id=call_id, name="team")
        assert (await client.event("calling.conference"))["params"]["status"] == "participant-join"
        await client.call("calling.leave_conference", call_id=call_id, conference_id=joined["conference_id"])
        assert (await client.event("calling.conference"))["params"]["status"] == "participant-leave"
        await client.call("calling.hold", call_id=call_id)
        await client.call("calling.unhold", call_id=call_id)
        holds = [await client.event("calling.call.hold"), await client.event("calling.call.hold")]
        assert states(holds) == ["hold", "unhold"]

    scenario(body)


def test_commands_that_only_answer() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        for method, params in (
            ("calling.join_room", {"name": "r"}),
            ("calling.leave_room", {}),
            ("calling.ai", {"prompt": {"text": "hi"}}),
            ("calling.ai_hold", {}),
            ("calling.ai_unhold", {}),
            ("calling.ai_message", {"message_text": "hello"}),
            ("calling.amazon_bedrock", {}),
            ("calling.live_transcribe", {"action": {"start": {}}}),
            ("calling.live_translate", {"action": {"stop": {}}}),
            ("calling.bind_digit", {"digits": "*1", "bind_method": "calling.play"}),
            ("calling.clear_digit_bindings", {}),
            ("calling.user_event", {"event": {"x": 1}}),
        ):
            await client.call(method, call_id=call_id, **params)
        missing = await client.request("calling.bind_digit", {"call_id": call_id, "digits": "1"})
        assert "params.bind_method" in missing["result"]["message"]
        await client.no_event()

    scenario(body)


def test_transfer_moves_the_call_away() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        await client.call("calling.transfer", call_id=call_id, dest="support")
        events = [await client.event(), await client.event()]
        assert states(events, "call_state") == ["ending", "ended"]

    scenario(body)


def test_connect_and_disconnect_a_peer() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        devices = [
            [{"type": "phone", "params": {"to_number": "+15553330000", "from_number": "+15551110000"}}]
        ]
        await client.call("calling.connect", call_id=call_id, devices=devices)
        events = await client.events_until(lambda e: e["params"].get("connect_state") == "connected")
        connects = by_type(events, "calling.call.connect")
        assert states(connects, "connect_state") == ["connecting", "connected"]
        peer = connects[-1]["params"]["peer"]
        peer_states = [e["params"]["call_state"] for e in by_type(events, "calling.call.state")]
        assert peer_states == ["created", "ringing", "answered"]
        assert emulator.call_info(peer["call_id"]).to_number == "+15553330000"
        await client.call("calling.disconnect", call_id=call_id)
        both = [await client.event("calling.call.connect"), await client.event("calling.call.connect")]
        assert {e["params"]["call_id"] for e in both} == {call_id, peer["call_id"]}
        assert states(both, "connect_state") == ["disconnected", "disconnected"]
        again = await client.request("calling.disconnect", {"call_id": call_id})
        assert again["result"]["code"] == "400"

    scenario(body)


def test_connect_to_a_busy_number_fails() -> None:
    async def body(emulator: Emulator, client: RawClient, call_id: str) -> None:
        emulator.set_dial_outcome("+15559990000", "busy")
        devices = [[{"type": "phone", "params": {"to_number": "+15559990000", "from_number": "+1"}}]]
        await client.call("calling.connect", call_id=call_id, devices=devices)
        events = await client.events_until(lambda e: e["params"].get("connect_state") == "failed")
        assert [e["params"]["call_state"] for e in by_type(events, "calling.call.state")] == [
            "created",
            "ringing",
            "ending",
            "ended",
        ]

    scenario(body)
