"""examples/rest_demo.py runs end to end against the in-process emulator and tells the story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_rest_demo_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "rest_demo.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for expected in (
        "bought +1512",
        "created AI agent 'Weather'",
        "get_weather",
        "is answered",
        "is ended",
    ):
        assert expected in out, out
    relay_states = [
        line.rsplit(" is ", 1)[1] for line in out.splitlines() if line.strip().startswith("relay | call")
    ]
    assert relay_states == ["created", "ringing", "answered", "ending (hangup)", "ended (hangup)"]
