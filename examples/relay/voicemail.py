"""A voicemail line over RELAY: answer, greet, record, then text the caller a thank-you.

Credentials come from SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN and the space from
SIGNALWIRE_SPACE; point it at the local emulator with ``SIGNALWIRE_SPACE=ws://127.0.0.1:8765``
(``signalwire-typed emulator`` serves one there).

    python examples/relay/voicemail.py
"""

from __future__ import annotations

from signalwire_typed import RelayClient
from signalwire_typed.relay import Call, CallEndedError, Message
from signalwire_typed.relay.events import CallingCallStateEvent

client = RelayClient(contexts=["voicemail"])


@client.on_call
async def take_a_message(call: Call) -> None:
    call.on(CallingCallStateEvent, lambda e: print(f"{call.call_id}: {e.params.call_state}"))
    await call.answer()
    greeting = await call.play_tts("Please leave a message after the beep.", voice="polly.Joanna")
    await greeting.wait(timeout=30)
    recording = await call.record(
        record={"audio": {"format": "mp3", "beep": True, "end_silence_timeout": 3.0}}
    )
    try:
        finished = await recording.wait(timeout=120)
    except CallEndedError:
        return
    print(f"recorded {finished.params.url} ({finished.params.duration}s)")
    await call.hangup()
    if call.from_number and call.to_number:
        await client.send_message(
            from_number=call.to_number, to_number=call.from_number, body="Thanks, we got your message."
        )


@client.on_message
async def on_text(message: Message) -> None:
    print(f"text from {message.from_number}: {message.body}")


if __name__ == "__main__":
    client.run()
