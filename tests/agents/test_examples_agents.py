"""The agent examples build valid SWML, and the agents demo runs end to end over HTTP."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _examples_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "examples"))


@pytest.mark.parametrize("name", ["simple_agent", "contexts_agent", "data_map_agent", "dynamic_config_agent"])
def test_example_agents_render_valid_swml(
    name: str, calling_validator: jsonschema.Draft202012Validator
) -> None:
    module = importlib.import_module(f"agents.{name}")
    agent = module.create_agent()
    document = json.loads(agent.render_swml("call-1", "https://demo:demo-password@example.com"))
    assert [e.message for e in calling_validator.iter_errors(document)] == []


def test_multi_agent_server_example() -> None:
    module = importlib.import_module("agents.multi_agent_server")
    server = module.create_server()
    assert sorted(server.get_agents()) == ["/sales", "/support"]


def test_agents_demo_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "agents_demo.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "== get_weather through http://127.0.0.1:" in out.stdout
    assert '"response": "It is 21 degrees celsius and sunny in Lisbon."' in out.stdout
