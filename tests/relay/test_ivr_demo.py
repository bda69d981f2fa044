"""The IVR demo runs against the emulator and tells the whole conversation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "examples" / "ivr_demo.py"


def test_ivr_demo_answers_collects_transfers_and_texts() -> None:
    out = subprocess.run([sys.executable, str(DEMO)], capture_output=True, text=True, check=True, timeout=60)
    lines = [line.split("|", 1)[1].strip() for line in out.stdout.splitlines() if "|" in line]
    expected = [
        "incoming call from +15551230000 to +15557654321 on 'acme-ivr'",
        "call is answered",
        "collected digit: '2'",
        "transferring to support",
        "call is ended",
        "SMS delivered",
        "outcome: support; the emulator saw calling.answer, calling.play_and_collect, calling.transfer",
    ]
    positions = [next(i for i, line in enumerate(lines) if line == want) for want in expected]
    assert positions == sorted(positions), out.stdout
    assert out.stderr == ""
