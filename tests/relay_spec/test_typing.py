"""mypy --strict narrows RELAY events by class and by event_type, and rejects wrong use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GOOD = """\
from typing import assert_type
from signalwire_typed_gen.relay import models
from signalwire_typed_gen.relay.events import (
    CallingCallPlayEvent, CallingCallStateEvent, RelayEvent, UnknownEvent, decode_event,
)

def handle(event: RelayEvent) -> str:
    match event:
        case CallingCallPlayEvent(params=p):
            assert_type(p, models.CallingCallPlayParams)
            return p.state
        case CallingCallStateEvent():
            state: str = event.params.call_state
            return state
        case UnknownEvent():
            return event.event_type
        case _:
            return ""

def by_type(event: RelayEvent) -> str | None:
    if isinstance(event, UnknownEvent):
        return None
    if event.event_type == "calling.call.collect":
        assert_type(event.params, models.CallingCallCollectParams)
        return event.params.control_id
    return None

handle(decode_event({"event_type": "calling.call.play", "params": {}}))
"""

BAD = """\
from signalwire_typed_gen.relay.events import CallingCallPlayEvent, RelayEvent

def handle(event: RelayEvent) -> None:
    event.params.state
    if isinstance(event, CallingCallPlayEvent):
        event.params.nosuch
        x: int = event.params.state
"""


METHODS_GOOD = """\
from signalwire_typed_gen.relay import methods, models

params = methods.calling_play(
    node_id="n", call_id="c", control_id="x",
    play=[
        {"type": "tts", "params": {"text": "Hi"}},
        models.PlaySilence(type="silence", params=models.PlaySilenceParams(duration=1)),
    ],
    volume=-3,
)
collect = methods.calling_collect(
    node_id="n", call_id="c", control_id="y", digits={"max": 1, "digit_timeout": 5.0}
)
result: models.CallingPlayResult = methods.calling_play_result({"code": "200"})
methods.messaging_send(to_number="+1", from_number="+2", body="hi")
"""

METHODS_BAD = """\
from signalwire_typed_gen.relay import methods

methods.calling_play(node_id="n", call_id="c", control_id="x", play=[], volum=3)
methods.calling_play(node_id="n", call_id="c", control_id="x", play=[{"type": "tts", "params": {"tx": "Hi"}}])
methods.calling_collect(node_id="n", call_id="c", control_id="y", digits={"max": "one"})
methods.calling_answer(call_id="c")
methods.calling_end(node_id="n", call_id="c", reason="bored")
"""


def _mypy(tmp_path: Path, source: str) -> tuple[list[int], str]:
    path = tmp_path / "snippet.py"
    path.write_text(source)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
    )
    return sorted({int(n) for n in re.findall(r"snippet\.py:(\d+): error", out.stdout)}), out.stdout


def test_narrowing_type_checks(tmp_path: Path) -> None:
    lines, out = _mypy(tmp_path, GOOD)
    assert lines == [], out


def test_misuse_is_a_type_error(tmp_path: Path) -> None:
    lines, out = _mypy(tmp_path, BAD)
    assert lines == [4, 6, 7], out


def test_method_params_type_check(tmp_path: Path) -> None:
    lines, out = _mypy(tmp_path, METHODS_GOOD)
    assert lines == [], out


def test_method_mistakes_are_type_errors(tmp_path: Path) -> None:
    lines, out = _mypy(tmp_path, METHODS_BAD)
    assert lines == [3, 4, 5, 6, 7], out
