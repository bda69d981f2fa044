"""examples/relay/voicemail.py, run as users run it (client.run(), env credentials), against the emulator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from signalwire_typed.emulator import Emulator

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relay" / "voicemail.py"


def _wait_for(check: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_voicemail_example_records_texts_and_stops_on_sigterm(relay_emulator: Emulator) -> None:
    env = {
        **os.environ,
        "SIGNALWIRE_PROJECT_ID": "p",
        "SIGNALWIRE_API_TOKEN": "t",
        "SIGNALWIRE_SPACE": relay_emulator.url,
        "PYTHONUNBUFFERED": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, str(EXAMPLE)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # Ring until the client has subscribed (it connects in the background).
        call_id = ""

        def rung() -> bool:
            nonlocal call_id
            call_id = relay_emulator.ring("voicemail", "+15550001111", "+15550002222")
            return relay_emulator.call_info(call_id).delivered

        _wait_for(rung)
        _wait_for(lambda: relay_emulator.call_info(call_id).state == "ended")
        methods = [c["method"] for c in relay_emulator.call_info(call_id).commands]
        assert methods[:3] == ["calling.answer", "calling.play", "calling.record"]
        assert methods[-1] == "calling.end"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert f"{call_id}: answered" in out and "recorded " in out
