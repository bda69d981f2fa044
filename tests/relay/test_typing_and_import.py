"""The client is typed for real (mypy --strict) and importing it stays light."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BAD = """\
from signalwire_typed.relay import Call
from signalwire_typed_gen.relay.events import CallingCallPlayEvent, CallingCallRecordEvent

async def handle(call: Call) -> None:
    await call.collect(digits={"max": 1, "digit_timout": 5.0})
    await call.collect(digits={"max": "1"})
    await call.play(play=[{"type": "tts", "params": {"txt": "hi"}}])
    await call.play_tts("hi", gender="robot")
    await call.hangup(reason="because")
    action = await call.play_audio("https://example.com/a.wav")
    done: CallingCallRecordEvent = await action.wait()
    call.on(CallingCallPlayEvent, lambda e: e.params.no_such_field)
    await call.send_fax(documnet="https://example.com/f.pdf")
"""

GOOD = """\
from typing import assert_type

from signalwire_typed import RelayClient
from signalwire_typed.relay import Call, PlayAction, PlayAndCollectAction
from signalwire_typed_gen.relay.events import (
    CallingCallCollectEvent,
    CallingCallPlayEvent,
    CallingCallStateEvent,
    RelayEvent,
)


def describe(event: RelayEvent) -> str:
    match event:
        case CallingCallPlayEvent():
            assert_type(event, CallingCallPlayEvent)
            return event.params.state
        case CallingCallStateEvent():
            return event.params.call_state
        case _:
            return event.event_type


async def handle(call: Call) -> None:
    await call.answer()
    play = await call.play(play=[{"type": "tts", "params": {"text": "Hi"}}], volume=-3.0)
    assert_type(play, PlayAction)
    finished = await play.wait()
    assert_type(finished, CallingCallPlayEvent)
    prompt = await call.prompt_tts("Press 1", {"digits": {"max": 1, "digit_timeout": 5.0}})
    assert_type(prompt, PlayAndCollectAction)
    assert_type(await prompt.wait(), CallingCallCollectEvent)
    await call.collect(digits={"max": 1, "digit_timeout": 5.0}, speech={"end_silence_timeout": 1.0})
    call.on(CallingCallPlayEvent, lambda e: print(e.params.state))
    await call.hangup(reason="busy")


client = RelayClient(project="p", token="t", contexts=["office"])
client.on_call(handle)
"""


def _mypy(tmp_path: Path, source: str) -> list[int]:
    path = tmp_path / "snippet.py"
    path.write_text(source)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    return sorted({int(n) for n in re.findall(r"snippet\.py:(\d+): error", out.stdout)})


def test_mistakes_are_type_errors(tmp_path: Path) -> None:
    assert _mypy(tmp_path, BAD) == [5, 6, 7, 8, 9, 11, 12, 13]


def test_correct_use_type_checks(tmp_path: Path) -> None:
    assert _mypy(tmp_path, GOOD) == []


def test_importing_the_client_loads_no_agents_rest_or_generated_models() -> None:
    code = (
        "import sys\n"
        "from signalwire_typed.relay import RelayClient\n"
        "from signalwire_typed import RelayClient as Again\n"
        "assert RelayClient is Again\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = out.stdout.split()
    assert "signalwire_typed.relay.client" in loaded
    for banned in ("signalwire_typed.agents", "signalwire_typed.rest", "signalwire_typed_gen.rest"):
        assert not [m for m in loaded if m.startswith(banned)], banned
    for banned in ("signalwire.", "signalwire_typed_gen.swml"):
        assert not [m for m in loaded if m.startswith(banned)], banned
    # The typed models load with the first client, websockets with the first connection.
    assert "signalwire_typed_gen.relay.convert" not in loaded
    assert "websockets" not in loaded


def test_importing_the_package_loads_nothing_of_relay() -> None:
    code = "import sys, signalwire_typed.relay; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "websockets" not in out.stdout.split()
    assert "signalwire_typed.relay.client" not in out.stdout.split()
