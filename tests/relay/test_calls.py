"""Calls over a real loopback WebSocket against the emulator: every command, its events, its errors."""

from __future__ import annotations

import asyncio

import pytest
from signalwire_typed import ValidationError
from signalwire_typed.emulator import Emulator
from signalwire_typed.relay import CallEndedError, DialError, RequestError
from signalwire_typed_gen.relay import models
from signalwire_typed_gen.relay.events import (
    CallingCallCollectEvent,
    CallingCallDetectEvent,
    CallingCallFaxEvent,
    CallingCallPlayEvent,
    CallingCallRecordEvent,
    CallingCallStateEvent,
    RelayEvent,
)

from .harness import answered_call, commands, connected, run, until

PHONE = {"type": "phone", "params": {"from_number": "+15550001000", "to_number": "+15550002000"}}


def test_inbound_call_answer_play_collect_hangup() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call_id = emulator.ring("office", "+15551112222", "+15553334444")
            call = await inbox.call()
            assert call.call_id == call_id and call.state == "ringing" and call.direction == "inbound"
            assert (call.context, call.from_number, call.to_number) == (
                "office",
                "+15551112222",
                "+15553334444",
            )
            assert call.device is not None and call.device.type == "phone"
            assert isinstance(call.device.params, models.CallPhoneAddress)
            assert call.device.params.from_number == "+15551112222"
            result = await call.answer()
            assert result.code == "200"
            await call.wait_for_answered(timeout=5)
            assert call.state == "answered"

            play = await call.play_tts("Welcome to Acme", voice="polly.Joanna")
            finished = await play.wait(timeout=5)
            assert isinstance(finished, CallingCallPlayEvent)
            assert finished.params.state == "finished" and play.state == "finished"
            assert play.is_done and play.completed and play.result is finished

            prompt = await call.prompt_tts("Press 1 for sales", {"digits": {"max": 1, "digit_timeout": 5.0}})
            emulator.send_digits(call.call_id, "1")
            collected = await prompt.wait(timeout=5)
            assert isinstance(collected, CallingCallCollectEvent)
            assert collected.params.result is not None and collected.params.result.type == "digit"
            assert collected.params.result.params is not None and collected.params.result.params.digits == "1"

            await call.hangup()
            ended = await call.wait_for("ended", timeout=5)
            assert isinstance(ended, CallingCallStateEvent) and ended.params.call_state == "ended"
            assert call.state == "ended" and call.end_reason == "hangup"
            assert commands(emulator, call) == [
                "calling.answer",
                "calling.play",
                "calling.play_and_collect",
                "calling.end",
            ]
            sent = emulator.call_info(call.call_id).commands[1]["params"]
            assert sent["play"] == [
                {"type": "tts", "params": {"text": "Welcome to Acme", "voice": "polly.Joanna"}}
            ]

    run(main())


def test_every_call_command_round_trips() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)

            await (await call.play_audio("https://example.com/a.wav", volume=-3.0)).wait(5)
            await (await call.play_silence(0.5)).wait(5)
            await (await call.play_ringtone("us", duration=1.0)).wait(5)
            await (await call.play(play=[{"type": "tts", "params": {"text": "Hi"}}], loop=1)).wait(5)

            record = await call.record(record={"audio": {"format": "mp3", "beep": True}})
            await record.stop()
            recorded = await record.wait(5)
            assert isinstance(recorded, CallingCallRecordEvent) and recorded.params.state == "finished"

            collect = await call.collect(digits={"max": 2, "digit_timeout": 5.0, "terminators": "#"})
            emulator.send_digits(call.call_id, "42")
            got = await collect.wait(5)
            assert got.params.result is not None and got.params.result.params is not None
            assert got.params.result.params.digits == "42"

            speech = await call.prompt_audio(
                "https://example.com/menu.wav", {"speech": {"end_silence_timeout": 1.0}}
            )
            emulator.send_speech(call.call_id, "sales please")
            said = await speech.wait(5)
            assert said.params.result is not None and said.params.result.type == "speech"

            detect = await call.detect_answering_machine(timeout=10.0, initial_timeout=3.0)
            assert isinstance(await detect.wait(5), CallingCallDetectEvent)
            digit = await call.detect_digit(digits="123", timeout=5.0)
            emulator.send_digits(call.call_id, "2")
            assert isinstance(await digit.wait(5), CallingCallDetectEvent)

            tap = await call.tap(
                tap={"type": "audio", "params": {"direction": "both"}},
                device={"type": "ws", "params": {"uri": "wss://example.com/tap"}},
            )
            await tap.stop()
            assert (await tap.wait(5)).params.state == "finished"
            stream = await call.stream(url="wss://example.com/stream", track="both_tracks")
            await stream.stop()
            await stream.wait(5)
            transcribe = await call.transcribe()
            await transcribe.stop()
            await transcribe.wait(5)

            fax = await call.send_fax(document="https://example.com/fax.pdf")
            assert isinstance(await fax.wait(5), CallingCallFaxEvent)
            pay = await call.pay(payment_connector_url="https://example.com/pay")
            assert (await pay.wait(5)).params.control_id == pay.control_id

            assert (await call.send_digits("12#")).code == "200"
            assert (await call.echo(timeout=1.0)).code == "200"
            assert (await call.denoise()).code == "200"
            assert (await call.denoise_stop()).code == "200"
            assert (await call.hold()).code == "200"
            assert (await call.unhold()).code == "200"
            await call.join_conference(name="standup", beep="onEnter")
            await call.join_room(name="room-1")
            await call.queue_enter(queue_name="support")
            await call.queue_leave(queue_name="support")
            await call.bind_digit(digits="*1", bind_method="calling.play", params={"play": []}, realm="menu")
            await call.clear_digit_bindings(realm="menu")
            await call.user_event(event="hello")
            await call.refer(
                device={"type": "sip", "params": {"from": "sip:a@example.com", "to": "sip:b@example.com"}}
            )
            await call.transfer(dest="swml:https://example.com/next.json")
            await call.wait_for_ended(timeout=5)

            sent = commands(emulator, call)
            for method in [
                "calling.play",
                "calling.record",
                "calling.record.stop",
                "calling.collect",
                "calling.play_and_collect",
                "calling.detect",
                "calling.tap",
                "calling.tap.stop",
                "calling.stream",
                "calling.stream.stop",
                "calling.transcribe",
                "calling.transcribe.stop",
                "calling.send_fax",
                "calling.pay",
                "calling.send_digits",
                "calling.echo",
                "calling.denoise",
                "calling.denoise.stop",
                "calling.hold",
                "calling.unhold",
                "calling.join_conference",
                "calling.join_room",
                "calling.queue.enter",
                "calling.queue.leave",
                "calling.bind_digit",
                "calling.clear_digit_bindings",
                "calling.user_event",
                "calling.refer",
                "calling.transfer",
            ]:
                assert method in sent, method
            assert emulator.call_info(call.call_id).digits_sent == "12#"

    run(main(), timeout=40)


def test_play_pause_resume_volume_and_concurrent_actions_by_control_id() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)
            music = await call.play(
                play=[{"type": "audio", "params": {"url": "https://example.com/long.mp3"}}], loop=0
            )
            record = await call.record(record={"audio": {"format": "wav"}})
            collect = await call.collect(digits={"max": 1, "digit_timeout": 5.0})
            assert len({music.control_id, record.control_id, collect.control_id}) == 3
            await music.pause()
            await until(lambda: music.state == "paused")
            await music.resume()
            await until(lambda: music.state == "playing")
            await music.volume(6.0)
            emulator.send_digits(call.call_id, "9")
            got = await collect.wait(5)
            # Only the collect ended; the others still run, each with its own state.
            assert got.params.control_id == collect.control_id
            assert not music.completed and not record.completed
            await record.pause(behavior="silence")
            await record.resume()
            await record.stop()
            assert (await record.wait(5)).params.control_id == record.control_id
            assert not music.completed
            await music.stop()
            assert (await music.wait(5)).params.control_id == music.control_id
            sent = commands(emulator, call)
            assert {
                "calling.play.pause",
                "calling.play.resume",
                "calling.play.volume",
                "calling.record.pause",
            } <= set(sent)

    run(main())


def test_call_end_fails_running_actions_and_later_commands() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)
            collect = await call.collect(digits={"max": 4, "digit_timeout": 30.0}, initial_timeout=30.0)
            emulator.hangup(call.call_id)
            await call.wait_for_ended(timeout=5)
            # The emulator reports the collect's end before the call's; either way wait() returns.
            try:
                await collect.wait(5)
            except CallEndedError as exc:
                assert call.call_id in str(exc)
            with pytest.raises(CallEndedError, match=r"ended before calling\.play"):
                await call.play_tts("too late")

    run(main())


def test_error_result_raises_typed_exception_naming_method_and_code() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            await call.hangup()
            await call.wait_for_ended(timeout=5)
            call.state = "answered"  # pretend we missed the end: the server's answer decides
            with pytest.raises(RequestError) as err:
                await call.answer()
            assert err.value.method == "calling.answer" and err.value.code == "404"
            assert "calling.answer failed with code 404" in str(err.value)
            with pytest.raises(RequestError) as err:
                await client.execute("calling.play", {"node_id": "n", "call_id": "nope", "play": []})
            assert err.value.code.startswith("4")

    run(main())


def test_bad_options_are_rejected_before_sending() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)
            with pytest.raises(ValidationError) as err:
                await call.play(play=[{"type": "video", "params": {"url": "x"}}])  # type: ignore[list-item]
            assert "$.play[0]" in str(err.value)
            with pytest.raises(ValidationError, match=r"\$\.digits"):
                await call.collect(digits={"max": "one"})  # type: ignore[typeddict-item]
            with pytest.raises(ValidationError, match=r"\$\.collect\.digits: unknown field digit_timout"):
                await call.prompt_tts("hi", {"digits": {"max": 1, "digit_timout": 5.0}})  # type: ignore[typeddict-unknown-key]
            # Models are accepted as well as dicts.
            model = models.Collect(digits=models.CollectDigits(max=1, digit_timeout=5.0))
            prompt = await call.prompt_tts("Press 1", model)
            emulator.send_digits(call.call_id, "1")
            assert (await prompt.wait(5)).params.control_id == prompt.control_id
            assert commands(emulator, call) == ["calling.answer", "calling.play_and_collect"]
            sent = emulator.call_info(call.call_id).commands[1]["params"]
            assert sent["collect"] == {"digits": {"max": 1, "digit_timeout": 5.0}}

    run(main())


def test_per_call_typed_events_and_string_event_types() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)
            typed: list[CallingCallPlayEvent] = []
            untyped: list[RelayEvent] = []
            remove = call.on(CallingCallPlayEvent, typed.append)
            call.on("calling.call.play", untyped.append)

            async def async_handler(event: CallingCallPlayEvent) -> None:
                await asyncio.sleep(0)
                typed.append(event)

            call.on(CallingCallPlayEvent, async_handler)
            await (await call.play_silence(0.1)).wait(5)
            await until(lambda: len(typed) == 4)
            assert sorted(e.params.state for e in typed) == ["finished", "finished", "playing", "playing"]
            assert len(untyped) == 2 and all(isinstance(e, CallingCallPlayEvent) for e in untyped)
            remove()
            await (await call.play_silence(0.1)).wait(5)
            await until(lambda: len(untyped) == 4 and len(typed) == 6)  # only the async handler is left
            with pytest.raises(TypeError, match="not a RELAY event class"):
                call.on(int, print)

            waiter = asyncio.create_task(
                call.wait_for(CallingCallPlayEvent, lambda e: e.params.state == "finished")
            )
            await asyncio.sleep(0)
            await call.play_silence(0.1)
            assert (await asyncio.wait_for(waiter, 5)).params.state == "finished"

    run(main())


def test_dial_connect_and_dial_failure() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await client.dial(devices=[[PHONE]], timeout=10)
            assert call.direction == "outbound" and call.state == "answered" and call.tag
            assert call.call_id in client.calls
            inbound = await answered_call(emulator, inbox)
            await inbound.connect(
                devices=[[{"type": "phone", "params": {"from_number": "+1555", "to_number": "+1666"}}]]
            )
            await until(lambda: inbound.peer is not None)
            assert inbound.peer is not None and inbound.peer.call_id != inbound.call_id
            await inbound.disconnect()
            await until(lambda: inbound.peer is None)
            emulator.set_dial_outcome("+15550009999", "busy")
            with pytest.raises(DialError, match=r"dial \w+ failed"):
                await client.dial(
                    devices=[
                        [{"type": "phone", "params": {"from_number": "+1555", "to_number": "+15550009999"}}]
                    ],
                    timeout=10,
                )
            await call.hangup()
            await call.wait_for_ended(timeout=5)
            assert call.call_id not in client.calls

    run(main())


def test_ai_live_and_the_remaining_commands_round_trip() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (_, inbox):
            call = await answered_call(emulator, inbox)
            agent = await call.ai(prompt={"text": "You are Riley, the Acme receptionist."})
            assert (await call.ai_message(message_text="The caller is a VIP", role="system")).code == "200"
            assert (await call.ai_hold(timeout="30")).code == "200"
            assert (await call.ai_unhold()).code == "200"
            await agent.stop()
            assert (await call.amazon_bedrock(prompt={"text": "Be brief."})).code == "200"
            start = {"direction": ["remote-caller", "local-caller"], "lang": "en-US"}
            assert (await call.live_transcribe(action={"start": start})).code == "200"
            translate = {"direction": ["remote-caller"], "from_lang": "en-US", "to_lang": "es-ES"}
            assert (await call.live_translate(action={"start": translate})).code == "200"
            await call.join_conference(name="standup")
            assert (await call.leave_conference(conference_id="standup")).code == "200"
            await call.join_room(name="room-1")
            assert (await call.leave_room()).code == "200"
            tones = await call.detect_fax(tone="CED", timeout=5.0)
            assert isinstance(await tones.wait(5), CallingCallDetectEvent)
            incoming = await call.receive_fax()
            assert isinstance(await incoming.wait(5), CallingCallFaxEvent)
            with pytest.raises(RequestError, match="not connected"):
                await call.disconnect()
            with pytest.raises(ValidationError, match=r"\$\.action\.start: missing required field direction"):
                await call.live_transcribe(action={"start": {"lang": "en-US"}})  # type: ignore[typeddict-item]
            sent = commands(emulator, call)
            for method in [
                "calling.ai",
                "calling.ai.stop",
                "calling.ai_message",
                "calling.ai_hold",
                "calling.ai_unhold",
                "calling.amazon_bedrock",
                "calling.live_transcribe",
                "calling.live_translate",
                "calling.leave_conference",
                "calling.leave_room",
                "calling.detect",
                "calling.receive_fax",
                "calling.disconnect",
            ]:
                assert method in sent, method

    run(main())


def test_live_transcribe_and_translate_take_the_short_commands() -> None:
    async def main() -> None:
        async with Emulator() as emulator, connected(emulator, ["office"]) as (client, inbox):
            call = await answered_call(emulator, inbox)
            start = {"direction": ["remote-caller"], "lang": "en-US"}
            assert (await call.live_transcribe(action={"start": start})).code == "200"
            assert (await call.live_transcribe(action="summarize")).code == "200"
            assert (await call.live_transcribe(action="stop")).code == "200"
            assert (await call.live_translate(action="stop")).code == "200"
            sent = [c["params"] for c in emulator.call_info(call.call_id).commands[1:]]
            assert [s["action"] for s in sent] == [{"start": start}, "summarize", "stop", "stop"]
            with pytest.raises(ValidationError, match=r"\$\.action"):
                await call.live_transcribe(action="pause")  # type: ignore[arg-type]
            # Past the client's check, the emulator itself refuses an unknown command, naming the field.
            ids = {"node_id": call.node_id, "call_id": call.call_id}
            for method, action in [("calling.live_transcribe", "pause"), ("calling.live_translate", 3)]:
                with pytest.raises(RequestError, match=r"params\.action must be an object or one of") as info:
                    await client.execute(method, {**ids, "action": action})
                assert info.value.code == "400"
            with pytest.raises(RequestError, match=r"got null"):
                await client.execute("calling.live_transcribe", ids)

    run(main())


def test_pass_hands_the_call_to_another_client() -> None:
    async def main() -> None:
        async with (
            Emulator() as emulator,
            connected(emulator, ["office"]) as (_, first),
            connected(emulator, ["office"]) as (_, second),
        ):
            call_id = emulator.ring("office")
            await until(lambda: not first.calls.empty() or not second.calls.empty())
            offered, other = (first, second) if not first.calls.empty() else (second, first)
            call = await offered.call()
            assert (await call.pass_()).code == "200"
            taken = await other.call()
            assert taken.call_id == call_id and taken.state == "ringing"
            assert (await taken.answer()).code == "200"

    run(main())
