"""Skill parameters and prefab arguments are checked by type checkers; non-JSON values fail at run time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from signalwire_typed.agents import AgentBase

ROOT = Path(__file__).resolve().parents[3]

BAD = """\
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents.prefabs import ReceptionistAgent, SurveyAgent
from signalwire_typed.agents.skills import SwmlTransferParams, WeatherApiParams, WebSearchParams

agent = AgentBase("bad")
agent.add_skill("weather_api", WeatherApiParams(api_key="k", temperature_unit="kelvin"))
agent.add_skill("web_search", WebSearchParams(api_key="k", num_results="three"))
agent.add_skill("swml_transfer", SwmlTransferParams(transfers={"/a/": {"url": "u", "final": "yes"}}))
ReceptionistAgent([{"name": "sales", "description": "d"}])
SurveyAgent("S", [{"text": "Rate", "type": "essay"}])
"""
BAD_LINES = [6, 7, 8, 9, 10]

GOOD = """\
# pyright: strict
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents.prefabs import BedrockAgent, Department, InfoGathererAgent
from signalwire_typed.agents.skills import InfoGathererParams, WeatherApiParams

agent = AgentBase("good")
agent.add_skill("weather_api", WeatherApiParams(api_key="k", temperature_unit="celsius"))
agent.add_skill("info_gatherer", InfoGathererParams(questions=[{"key_name": "a", "question_text": "A?"}]))
agent.add_skill("math")
sales: Department = {"name": "sales", "description": "d", "number": "+15550000000"}
gatherer = InfoGathererAgent(question_callback=lambda query, body, headers: [])
bedrock = BedrockAgent(voice_id="amy", temperature=0.5)
"""


def _mypy(tmp_path: Path, source: str) -> tuple[list[int], str]:
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
    return sorted({int(n) for n in re.findall(r"snippet\.py:(\d+): error", out.stdout)}), out.stdout


def test_bad_params_are_type_errors(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, BAD)
    assert lines == BAD_LINES, output


def test_good_params_type_check(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, GOOD)
    assert lines == [], output
    out = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--pythonpath",
            sys.executable,
            str(tmp_path / "snippet.py"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    assert "0 errors" in out.stdout, out.stdout


def test_non_json_params_are_refused() -> None:
    with pytest.raises(TypeError, match=r"weather_api skill: params.api_key is a set, not a JSON value"):
        AgentBase("x").add_skill("weather_api", {"api_key": {"k"}})
    with pytest.raises(TypeError, match=r"params.transfers has a non-string key 1"):
        AgentBase("x").add_skill("swml_transfer", {"transfers": {1: {"url": "u"}}})


@pytest.mark.parametrize(
    ("skill", "typed"),
    [
        ("datetime", "DateTimeParams"),
        ("math", "MathParams"),
        ("swml_transfer", "SwmlTransferParams"),
        ("play_background_file", "PlayBackgroundFileParams"),
        ("info_gatherer", "InfoGathererParams"),
        ("weather_api", "WeatherApiParams"),
        ("joke", "JokeParams"),
        ("api_ninjas_trivia", "ApiNinjasTriviaParams"),
        ("datasphere", "DataSphereParams"),
        ("datasphere_serverless", "DataSphereParams"),
        ("wikipedia_search", "WikipediaSearchParams"),
        ("google_maps", "GoogleMapsParams"),
        ("web_search", "WebSearchParams"),
    ],
)
def test_typed_params_match_declared_params(skill: str, typed: str) -> None:
    from signalwire_typed.agents import skills

    keys = set(getattr(skills, typed).__annotations__)
    assert keys == {p.name for p in skills.skill_params(skill)}
