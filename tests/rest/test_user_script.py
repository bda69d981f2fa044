"""A user script over ten resources passes mypy --strict without casts, and runs against the server."""

from __future__ import annotations

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
