"""The official Node realtime client (``@signalwire/realtime-api`` 4.2.1), unchanged, over ws:
it subscribes with ``signalwire.receive``, answers an inbound call, plays TTS and hangs up; and
it sends a message followed to "delivered" and receives one.

The package is installed once with npm into a cache directory (``SIGNALWIRE_TYPED_NODE_CACHE``,
by default under the system temp dir); the test is skipped, saying why, without node or npm or
when the install fails (no registry).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from signalwire_typed.emulator import Emulator

PACKAGE = "@signalwire/realtime-api@4.2.1"
SCRIPTS = Path(__file__).parent / "node"


def _node_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed to run the official Node realtime client")
    default = Path(tempfile.gettempdir()) / "signalwire-typed-node"
    cache = Path(os.environ.get("SIGNALWIRE_TYPED_NODE_CACHE", default))
    modules = cache / "node_modules"
    if not (modules / "@signalwire" / "realtime-api" / "package.json").exists():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(cache), PACKAGE],
                capture_output=True,
                text=True,
                timeout=300,
                check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            output = getattr(exc, "stderr", "") or ""
            pytest.skip(f"npm could not install {PACKAGE}: {output.strip()[-300:] or exc}")
    return modules


def test_official_node_client_answers_and_plays() -> None:
    modules = _node_modules()
    with Emulator() as emulator:
        env = {**os.environ, "NODE_PATH": str(modules)}
        node = subprocess.Popen(
            ["node", str(SCRIPTS / "answer_and_play.js"), emulator.url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        try:
            assert node.stdout is not None
            ready = node.stdout.readline()
            assert ready.strip() == "READY", ready + node.stdout.read()
            call_id = emulator.ring("office", "+15551230000", "+15557654321")
            output, _ = node.communicate(timeout=30)
        finally:
            if node.poll() is None:
                node.kill()
                node.wait(5)
        assert node.returncode == 0, output
        assert output.splitlines() == [
            f"RECEIVED {call_id} +15551230000 +15557654321",
            "ANSWERED",
            "PLAYING",
            "PLAYED",
            "HUNG UP",
        ]
        info = emulator.call_info(call_id)
        assert [c["method"] for c in info.commands] == ["calling.answer", "calling.play", "calling.end"]
        play = info.commands[1]["params"]
        assert isinstance(play, dict)
        assert play["play"] == [{"type": "tts", "params": {"text": "Welcome to the emulator"}}]
        assert info.state == "ended"


def test_official_node_client_sends_and_receives_messages() -> None:
    modules = _node_modules()
    with Emulator() as emulator:
        env = {**os.environ, "NODE_PATH": str(modules)}
        node = subprocess.Popen(
            ["node", str(SCRIPTS / "messaging.js"), emulator.url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        try:
            assert node.stdout is not None
            lines: list[str] = []
            for _ in range(20):
                line = node.stdout.readline()
                lines.append(line.strip())
                if line.strip() == "READY" or not line or line.startswith("FAILED"):
                    break
            assert lines[-1] == "READY", lines
            emulator.inbound_message("office", "+15553334444", "+15551110000", "hello node")
            output, _ = node.communicate(timeout=30)
        finally:
            if node.poll() is None:
                node.kill()
                node.wait(5)
        assert node.returncode == 0, lines + output.splitlines()
        lines += output.splitlines()
        assert [line for line in lines if line.startswith("STATE")] == [
            "STATE queued",
            "STATE initiated",
            "STATE sent",
            "STATE delivered",
        ]
        assert "SENT 200 with id" in lines
        assert lines[-1] == "RECEIVED +15553334444 +15551110000 hello node"
