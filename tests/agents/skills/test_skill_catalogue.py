"""Skills without a service and DataMap skills: their SWML, several instances side by side, parameter
checks, environment variables, third-party registration and the ``signalwire-typed skills`` command."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from signalwire_typed.agents import AgentBase, FunctionResult
from signalwire_typed.agents import skills as skills_module
from signalwire_typed.agents.skills import Param, Params, list_skills, register_skill, skill_params
from signalwire_typed.cli import main
from signalwire_typed_gen._runtime import JsonObject

from ..conftest import LiveServer
from ..prefabs.helpers import AUTH, Caller, global_update

Serve = Callable[[Any], LiveServer]

OFFICIAL = {
    "datetime", "math", "swml_transfer", "play_background_file", "info_gatherer", "weather_api", "joke",
    "api_ninjas_trivia", "datasphere_serverless", "wikipedia_search", "google_maps", "web_search",
    "datasphere",
}  # fmt: skip


def _function(agent: AgentBase, name: str) -> dict[str, Any]:
    doc = json.loads(agent.render_swml(base_url="http://u:p@127.0.0.1:1"))
    ai = next(s["ai"] for s in doc["sections"]["main"] if "ai" in s)
    found: dict[str, Any] = next(f for f in ai["SWAIG"]["functions"] if f["function"] == name)
    return found


def test_catalogue_names() -> None:
    assert set(list_skills()) >= OFFICIAL


def test_swml_transfer_instances_side_by_side() -> None:
    agent = AgentBase("t")
    agent.add_skill(
        "swml_transfer",
        {
            "transfers": {
                "/sales/i": {"url": "https://example.com/sales", "message": "To sales!", "final": False},
                "/support/i": {"address": "+15551230000", "from_addr": "+15559990000"},
            },
            "required_fields": {"caller_name": "The caller's name"},
        },
    )
    agent.add_skill(
        "swml_transfer", {"tool_name": "escalate", "transfers": {"/boss/": {"address": "+15550000000"}}}
    )
    assert agent.list_skills() == ["swml_transfer_transfer_call", "swml_transfer_escalate"]
    with pytest.raises(ValueError, match="skill 'swml_transfer_escalate' is already added"):
        agent.add_skill("swml_transfer", {"tool_name": "escalate", "transfers": {"/x/": {"address": "+1"}}})
    tool = _function(agent, "transfer_call")
    assert tool["parameters"]["required"] == ["transfer_type", "caller_name"]
    sales, support, default = tool["data_map"]["expressions"]
    assert sales["string"] == "${args.transfer_type}" and sales["pattern"] == "/sales/i"
    assert sales["output"]["response"] == "To sales!"
    assert sales["output"]["action"][0] == {
        "set_global_data": {"call_data": {"caller_name": "${args.caller_name}"}}
    }
    swml = sales["output"]["action"][1]
    assert swml["SWML"]["sections"]["main"] == [
        {"set": {"ai_response": "The transfer is complete. How else can I help you?"}},
        {"transfer": {"dest": "https://example.com/sales"}},
    ]
    assert "transfer" not in swml
    connect = support["output"]["action"][1]["SWML"]["sections"]["main"][0]["connect"]
    assert connect == {"to": "+15551230000", "from": "+15559990000"}
    assert (
        default["pattern"] == "/.*/"
        and default["output"]["response"] == "Please specify a valid transfer type."
    )
    assert _function(agent, "escalate")["data_map"]["expressions"][0]["pattern"] == "/boss/"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "missing required parameter 'transfers'"),
        ({"transfers": {}}, "at least one pattern"),
        ({"transfers": {"/a/": {"url": "u", "address": "a"}}}, "exactly one of 'url' or 'address'"),
        ({"transfers": {"/a/": {"url": "u", "final": "yes"}}}, "'post_process' and 'final' must be booleans"),
        ({"transfers": {"/a/": {"url": "u", "colour": 1}}}, "unknown field"),
        ({"transfers": "x"}, "parameter 'transfers' must be object, got str"),
        ({"transfers": {"/a/": {"url": "u"}}, "tool": "x"}, "unknown parameter"),
    ],
)
def test_swml_transfer_bad_params(params: JsonObject, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AgentBase("t").add_skill("swml_transfer", params)


def test_play_background_file() -> None:
    files: list[Any] = [
        {"key": "music", "description": "hold music", "url": "https://cdn.example.com/m.mp3"},
        {"key": "rain", "description": "rain sounds", "url": "https://cdn.example.com/r.mp3", "wait": True},
    ]
    agent = AgentBase("p").add_skill("play_background_file", {"files": files})
    agent.add_skill("play_background_file", {"tool_name": "play_video", "files": files[:1]})
    tool = _function(agent, "play_background_file")
    assert tool["parameters"]["properties"]["action"]["enum"] == ["start_music", "start_rain", "stop"]
    music, rain, stop = tool["data_map"]["expressions"]
    assert music["output"]["action"] == [
        {"playback_bg": {"file": "https://cdn.example.com/m.mp3", "wait": False}}
    ]
    assert rain["output"]["action"][0]["playback_bg"]["wait"] is True and rain["pattern"] == "/start_rain/i"
    assert stop["output"]["action"] == [{"stop_playback_bg": True}]
    assert _function(agent, "play_video")["description"] == "Control background file playback for play video"
    with pytest.raises(ValueError, match="may hold only letters"):
        AgentBase("p").add_skill(
            "play_background_file", {"files": [{"key": "a b", "description": "d", "url": "u"}]}
        )
    with pytest.raises(ValueError, match="non-empty list"):
        AgentBase("p").add_skill("play_background_file", {"files": []})


def test_info_gatherer_skill_instances_over_http(serve: Serve, client: httpx.Client) -> None:
    agent = AgentBase("intake", basic_auth=AUTH)
    agent.add_skill("info_gatherer", {"questions": [{"key_name": "name", "question_text": "Your name?"}]})
    agent.add_skill(
        "info_gatherer",
        {"prefix": "med", "questions": [{"key_name": "allergy", "question_text": "Any allergies?"}]},
    )
    assert agent.list_tools() == [
        "start_questions",
        "submit_answer",
        "med_start_questions",
        "med_submit_answer",
    ]
    call = Caller(client, serve(agent.asgi_app), "/")
    state = call.ai()["global_data"]
    assert set(state) == {"skill:info_gatherer", "skill:med"}
    assert '"Any allergies?"' in call.call("med_start_questions")["response"]
    done = call.call("med_submit_answer", {"answer": "none"}, global_data=state)
    update = global_update(done)
    assert update["skill:med"]["answers"] == [{"key_name": "allergy", "answer": "none"}]
    assert update["skill:med"]["question_index"] == 1 and "skill:info_gatherer" not in update
    assert '"Your name?"' in call.call("start_questions")["response"]
    with pytest.raises(ValueError, match="question 1 needs a string 'key_name'"):
        AgentBase("x").add_skill("info_gatherer", {"questions": [{"question_text": "q"}]})


def test_weather_api_data_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEATHER_API_KEY", raising=False)
    with pytest.raises(ValueError, match=r"missing required parameter 'api_key' .*WEATHER_API_KEY"):
        AgentBase("w").add_skill("weather_api")
    monkeypatch.setenv("WEATHER_API_KEY", "env-key")
    agent = AgentBase("w").add_skill(
        "weather_api", {"temperature_unit": "celsius", "base_url": "http://127.0.0.1:5"}
    )
    hook = _function(agent, "get_weather")["data_map"]["webhooks"][0]
    assert hook["url"] == "http://127.0.0.1:5/current.json?key=env-key&q=${lc:enc:args.location}&aqi=no"
    assert "${current.temp_c} degrees Celsius" in hook["output"]["response"]
    with pytest.raises(
        ValueError, match="'temperature_unit' must be one of fahrenheit, celsius, got 'kelvin'"
    ):
        AgentBase("w").add_skill("weather_api", {"temperature_unit": "kelvin"})


def test_joke_and_trivia_data_maps() -> None:
    agent = AgentBase("fun").add_skill("joke", {"api_key": "ninja"})
    agent.add_skill("api_ninjas_trivia", {"api_key": "ninja", "categories": ["music", "geography"]})
    agent.add_skill(
        "api_ninjas_trivia", {"api_key": "ninja", "tool_name": "science_quiz", "categories": ["mathematics"]}
    )
    joke = _function(agent, "get_joke")
    assert joke["data_map"]["webhooks"][0]["url"] == "https://api.api-ninjas.com/v1/${args.type}"
    assert joke["data_map"]["webhooks"][0]["headers"] == {"X-Api-Key": "ninja"}
    assert joke["parameters"]["properties"]["type"]["enum"] == ["jokes", "dadjokes"]
    assert agent.config.global_data == {"joke_skill_enabled": True}
    trivia = _function(agent, "get_trivia")
    assert trivia["parameters"]["properties"]["category"]["enum"] == ["music", "geography"]
    assert _function(agent, "science_quiz")["parameters"]["properties"]["category"]["enum"] == ["mathematics"]
    with pytest.raises(ValueError, match="invalid categories \\['poetry'\\]"):
        AgentBase("x").add_skill("api_ninjas_trivia", {"api_key": "k", "categories": ["poetry"]})


def test_datasphere_serverless_data_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALWIRE_SPACE", "acme")
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", "proj-1")
    monkeypatch.setenv("SIGNALWIRE_TOKEN", "tok-1")
    agent = AgentBase("kb").add_skill("datasphere_serverless", {"document_id": "doc-9", "count": 3})
    agent.add_skill("datasphere_serverless", {"document_id": "doc-2", "tool_name": "search_policies"})
    hook = _function(agent, "search_knowledge")["data_map"]["webhooks"][0]
    assert hook["url"] == "https://acme.signalwire.com/api/datasphere/documents/search"
    assert hook["headers"]["Authorization"] == "Basic cHJvai0xOnRvay0x"
    assert hook["params"] == {
        "document_id": "doc-9",
        "count": 3,
        "distance": 3.0,
        "query_string": "${args.query}",
    }
    assert hook["foreach"]["max"] == 3 and hook["foreach"]["input_key"] == "chunks"
    assert _function(agent, "search_policies")["data_map"]["webhooks"][0]["params"]["document_id"] == "doc-2"
    monkeypatch.delenv("SIGNALWIRE_TOKEN")
    with pytest.raises(ValueError, match=r"missing required parameter 'token' .*SIGNALWIRE_TOKEN"):
        AgentBase("kb").add_skill("datasphere_serverless", {"document_id": "d"})


def test_params_checks() -> None:
    specs = (Param("n", "integer", "a number", 1), Param("flag", "boolean", "a flag", False))
    assert Params("demo", specs, {"n": 3}).get_int("n") == 3
    with pytest.raises(ValueError, match="demo skill: parameter 'n' must be integer, got bool"):
        Params("demo", specs, {"n": True})
    with pytest.raises(ValueError, match="demo skill: parameter 'flag' must be boolean, got int"):
        Params("demo", specs, {"flag": 1})
    assert [p.name for p in skill_params("web_search")][:2] == ["api_key", "search_engine_id"]


class GreeterSkill:
    """Says hello (a third-party skill)."""

    name = "greeter"
    PARAMS = (Param("greeting", "string", "What to say", "Hello"),)

    def __init__(self, params: JsonObject) -> None:
        self.greeting = Params(self.name, self.PARAMS, params).get_str("greeting")

    def setup(self, agent: AgentBase) -> None:
        greeting = self.greeting

        def greet(name: str) -> FunctionResult:
            """Greet someone."""
            return FunctionResult(f"{greeting}, {name}!")

        agent.define_tool("greet", "Greet someone", greet)


@pytest.fixture
def clean_registry() -> Iterator[None]:
    saved = dict(skills_module._REGISTRY)
    yield
    skills_module._REGISTRY.clear()
    skills_module._REGISTRY.update(saved)
    skills_module._ENTRY_POINTS = None


def test_register_skill(clean_registry: None, serve: Serve, client: httpx.Client) -> None:
    register_skill("greeter", GreeterSkill)
    with pytest.raises(ValueError, match="already registered"):
        register_skill("greeter", GreeterSkill)
    with pytest.raises(ValueError, match="already registered"):
        register_skill("math", GreeterSkill)
    agent = AgentBase("g", basic_auth=AUTH).add_skill("greeter", {"greeting": "Howdy"})
    assert (
        Caller(client, serve(agent.asgi_app), "/").call("greet", {"name": "Ada"})["response"] == "Howdy, Ada!"
    )
    with pytest.raises(ValueError, match=r"unknown skill 'nope'; available: .*greeter"):
        AgentBase("g").add_skill("nope")


def test_entry_point_skill(clean_registry: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme_skills.py").write_text(
        textwrap.dedent(
            """
            from signalwire_typed.agents.function_result import FunctionResult

            class Echo:
                '''Repeats what it is told.'''
                def __init__(self, params):
                    self.params = params
                def setup(self, agent):
                    def echo(text: str) -> FunctionResult:
                        return FunctionResult(text)
                    agent.define_tool("echo", "Repeat text", echo)
            """
        )
    )
    dist = tmp_path / "acme_skills-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-skills\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[signalwire_typed.skills]\necho = acme_skills:Echo\nbroken = acme_skills:Missing\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    skills_module._ENTRY_POINTS = None
    assert {"echo", "broken"} <= set(list_skills())
    agent = AgentBase("e").add_skill("echo")
    assert agent.list_tools() == ["echo"]
    with pytest.raises(ValueError, match="skill 'broken' could not be loaded from 'acme_skills:Missing'"):
        AgentBase("e").add_skill("broken")


def test_skills_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills"]) == 0
    out = capsys.readouterr().out
    for name in OFFICIAL:
        assert f"\n{name}: " in f"\n{out}"
    assert "  api_key (string, required, env GOOGLE_MAPS_API_KEY): Google Maps API key" in out
    assert out.endswith("not available yet: spider, native_vector_search, mcp_gateway, claude_skills\n")
    assert main(["skills", "weather_api", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["env_vars"] == ["WEATHER_API_KEY"]
    assert listed[0]["params"][0] == {
        "name": "api_key",
        "type": "string",
        "description": "WeatherAPI.com key",
        "required": True,
        "default": None,
        "env": "WEATHER_API_KEY",
    }
    assert main(["skills", "spider"]) == 2
    assert "not available yet: spider" in capsys.readouterr().err
    assert main(["skills", "nope"]) == 2
    assert "unknown skill(s) nope" in capsys.readouterr().err
    with pytest.raises(ValueError, match="'mcp_gateway' skill of the official SDK is not available"):
        AgentBase("x").add_skill("mcp_gateway")


def test_skills_and_prefabs_load_only_when_used() -> None:
    code = textwrap.dedent(
        """
        import sys
        from signalwire_typed.agents import AgentBase
        agent = AgentBase("cold")
        agent.render_swml()
        watched = (".skills", ".prefabs", "selectolax")
        loaded = sorted(m for m in sys.modules if any(w in m for w in watched))
        print(loaded)
        agent.add_skill("math")
        import signalwire_typed.agents.prefabs as prefabs
        before = sorted(m for m in sys.modules if ".prefabs." in m)
        prefabs.SurveyAgent
        after = sorted(m for m in sys.modules if ".prefabs." in m)
        print(before, after)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    first, second = out.splitlines()
    # Only the registry (names and the Param type) is there; no skill module, no prefab, no HTML parser.
    assert first == "['signalwire_typed.agents.skills']"
    assert second == "[] ['signalwire_typed.agents.prefabs.common', 'signalwire_typed.agents.prefabs.survey']"
