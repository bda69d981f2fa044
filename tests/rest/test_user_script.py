"""A user script over ten resources passes mypy --strict without casts, and runs against the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from signalwire_typed.rest import RestClient

from .server import PROJECT, TOKEN, SpecServer
from .user_script import main

SCRIPT = Path(__file__).with_name("user_script.py")


def test_user_script_type_checks_strictly() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "cast(" not in SCRIPT.read_text()


def test_user_script_runs(server: SpecServer) -> None:
    with RestClient(project=PROJECT, token=TOKEN, base_url=server.base_url, max_retries=0) as client:
        seen = main(client)
    assert len(seen) >= 10
    assert not server.errors, server.errors
    used = {s.operation_id for s in server.seen}
    assert len(used) >= 12


def test_rest_example_runs_against_the_server(server: SpecServer) -> None:
    env = {
        **os.environ,
        "SIGNALWIRE_REST_URL": server.base_url,
        "SIGNALWIRE_PROJECT_ID": PROJECT,
        "SIGNALWIRE_API_TOKEN": TOKEN,
    }
    example = Path(__file__).resolve().parents[2] / "examples" / "rest_client.py"
    out = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert "agent " in out.stdout and "bought " in out.stdout
    assert not server.errors, server.errors
