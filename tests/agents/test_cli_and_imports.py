"""The ``signalwire-typed agent`` command, and what importing the agents package loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from signalwire_typed.cli import main

ROOT = Path(__file__).resolve().parents[2]
TARGET = "tests.agents.agents_under_test:shop"


def test_swml_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agent", "swml", TARGET]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == "1.0.0"


def test_tools_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agent", "tools", TARGET]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "weather\twebhook\tLook up the weather" in lines
    assert "joke\tdata_map\tTell a joke" in lines


def test_call_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agent", "call", TARGET, "calculate", "--args", '{"expression": "2 * (3 + 4)"}']) == 0
    assert json.loads(capsys.readouterr().out) == {"status": 200, "response": "2 * (3 + 4) = 14"}
    assert main(["agent", "call", TARGET, "weather", "--args", '{"city": 1}']) == 0
    assert "city: expected string" in json.loads(capsys.readouterr().out)["response"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["agent", "swml", "no_such_module_x:agent"], "cannot import module 'no_such_module_x'"),
        (["agent", "swml", "tests.agents.agents_under_test"], "module:attr"),
        (["agent", "swml", "tests.agents.agents_under_test:missing"], "has no attribute 'missing'"),
        (["agent", "swml", "tests.agents.agents_under_test:SUMMARIES"], "not an AgentBase"),
        (["agent", "swml", "tests.agents.agents_under_test:ShopAgent"], "AgentBase class"),
        (["agent", "call", TARGET, "nope"], "has no tool 'nope'"),
        (["agent", "call", TARGET, "joke"], "DataMap tool"),
        (["agent", "call", TARGET, "weather", "--args", "{bad"], "--args is not valid JSON"),
        (["agent", "call", TARGET, "weather", "--args", "[1]"], "must be a JSON object"),
    ],
)
def test_cli_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_console_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "signalwire_typed.cli", "agent", "tools", TARGET],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "calculate" in out.stdout


def test_importing_agents_loads_no_relay_rest_or_server() -> None:
    prefixes = (
        "signalwire_typed.relay",
        "signalwire_typed.rest",
        "signalwire_typed_gen.relay",
        "signalwire_typed_gen.rest",
        "uvicorn",
        "httpx",
        "websockets",
        "signalwire.",
    )
    code = (
        "import sys\n"
        "from signalwire_typed import AgentBase\n"
        "AgentBase('x', basic_auth=('a', 'b'))\n"
        f"print(','.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == ""


def test_serve_command_runs_the_agent_with_uvicorn() -> None:
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "signalwire_typed.cli", "agent", "serve", TARGET, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        response = None
        for _ in range(200):
            try:
                response = httpx.post(f"http://127.0.0.1:{port}/shop", auth=("user", "pass"), timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert response is not None and response.status_code == 200
        assert response.json()["version"] == "1.0.0"
    finally:
        process.terminate()
        process.wait(timeout=10)
