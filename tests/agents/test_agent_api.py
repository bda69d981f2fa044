"""The rest of AgentBase's vocabulary: getters, replacements, skills bookkeeping, credentials."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import ClassVar

import jsonschema
import pytest
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents.skills import list_skills, register_skill
from signalwire_typed.agents.skills.math_skill import evaluate
from signalwire_typed.swml import models as m


def _doc(agent: AgentBase) -> dict[str, object]:
    data: dict[str, object] = json.loads(agent.render_swml("c", "http://a:b@h"))
    return data


def test_replacing_setters_and_getters(calling_validator: jsonschema.Draft202012Validator) -> None:
    agent = AgentBase("api", basic_auth=("a", "b"))
    agent.set_prompt_pom([{"title": "Role", "body": "Helper", "bullets": ["x"]}, {"body": "Untitled"}])
    agent.set_pronunciations([{"replace": "SQL", "with": "sequel"}, m.AiPronounce(replace="a", with_="b")])
    agent.set_internal_fillers({"next_step": {"en-US": ["Next"]}, "check_time": {"fr-FR": ["Un instant"]}})
    agent.set_function_includes([{"url": "https://x.example.com", "functions": ["f"]}])
    agent.set_multilingual(
        {"languages": [{"language": "en-US"}, {"language": "es-ES"}], "allowed": ["en", "es"]}
    )
    agent.add_swaig_query_params({"tenant": "t1"}).clear_swaig_query_params()
    agent.add_answer_verb(max_duration=600)
    agent.set_post_prompt("Sum up")
    doc = _doc(agent)
    calling_validator.validate(doc)
    main = doc["sections"]["main"]  # type: ignore[index]
    assert main[0] == {"answer": {"max_duration": 600}}
    ai = main[1]["ai"]
    assert ai["prompt"]["pom"] == [
        {"bullets": ["x"], "body": "Helper", "title": "Role"},
        {"body": "Untitled"},
    ]
    assert ai["pronounce"][0] == {"replace": "SQL", "with": "sequel"}
    assert ai["SWAIG"]["internal_fillers"]["check_time"] == {"fr-FR": ["Un instant"]}
    assert ai["multilingual"]["allowed"] == ["en", "es"]
    assert ai["post_prompt_url"].startswith("http://a:b@h/post_prompt?__token=")
    assert agent.get_name() == "api" and agent.get_post_prompt() == "Sum up"
    assert agent.get_prompt() == "## Role\n\nHelper\n\n- x\n\nUntitled"


def test_bad_replacements_name_the_problem() -> None:
    agent = AgentBase("api", basic_auth=("a", "b"))
    with pytest.raises(ValueError, match=r"\$\.internal_fillers"):
        agent.set_internal_fillers({"no_such_function": {"en-US": ["x"]}})
    with pytest.raises(ValueError, match=r"\$\.multilingual"):
        agent.set_multilingual({"languages": [{"language": 5}]})  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="POM section"):
        agent.set_prompt_pom([{"title": "x", "bullets": "not a list"}])
    with pytest.raises(ValueError, match=r"\$\.pronounce"):
        agent.set_pronunciations([{"replace": "a"}])  # type: ignore[typeddict-item]


def test_skills_bookkeeping() -> None:
    agent = AgentBase("skills", basic_auth=("a", "b"))
    agent.add_skill("math").add_skill("datetime")
    assert agent.list_skills() == ["math", "datetime"] and agent.has_skill("math")
    assert {"calculate", "get_current_time", "get_current_date"} <= set(agent.list_tools())
    with pytest.raises(ValueError, match="already added"):
        agent.add_skill("math")
    agent.remove_skill("datetime")
    assert not agent.has_tool("get_current_time") and agent.has_tool("calculate")
    with pytest.raises(KeyError):
        agent.remove_skill("datetime")
    with pytest.raises(ValueError, match="unknown skill 'weather'"):
        agent.add_skill("weather")
    with pytest.raises(ValueError, match="unknown parameter"):
        agent.add_skill("datetime", {"tz": "UTC"})
    assert {"datetime", "math"} <= set(list_skills())


def test_register_custom_skill() -> None:
    class Greeter:
        def __init__(self, params: dict[str, object]) -> None:
            self.greeting = str(params.get("greeting", "Hello"))

        def setup(self, agent: AgentBase) -> None:
            greeting = self.greeting

            def greet(name: str) -> str:
                return f"{greeting}, {name}"

            agent.define_tool("greet", "Greet someone", greet)

    register_skill("test_greeter", Greeter)
    with pytest.raises(ValueError, match="already registered"):
        register_skill("test_greeter", Greeter)
    agent = AgentBase("custom", basic_auth=("a", "b")).add_skill("test_greeter", {"greeting": "Hi"})
    assert agent.has_tool("greet")


@pytest.mark.parametrize(
    ("expression", "value"), [("2 + 3 * 4", 14), ("(2 + 3) * 4", 20), ("sqrt(16) + -1", 3), ("2 ** 10", 1024)]
)
def test_math_skill_evaluates(expression: str, value: float) -> None:
    assert evaluate(expression) == value


@pytest.mark.parametrize("expression", ["__import__('os')", "a + 1", "2 ** 1000", "1 +", "x" * 300, "[1, 2]"])
def test_math_skill_refuses(expression: str) -> None:
    with pytest.raises(ValueError):
        evaluate(expression)


def test_credentials_and_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SWML_PROXY_URL_BASE", raising=False)
    agent = AgentBase("urls", route="/bot", host="127.0.0.1", port=4000, basic_auth=("u", "p w"))
    assert agent.validate_basic_auth("u", "p w") and not agent.validate_basic_auth("u", "p")
    assert agent.get_full_url() == "http://127.0.0.1:4000/bot"
    assert agent.get_full_url(include_auth=True) == "http://u:p%20w@127.0.0.1:4000/bot"
    assert agent.get_app() is agent.asgi_app
    agent.set_prompt_text("x")
    assert json.loads(agent.render_document())["version"] == "1.0.0"


def test_prompt_sections_class_attribute_and_mcp_servers(
    calling_validator: jsonschema.Draft202012Validator,
) -> None:
    class Declared(AgentBase):
        PROMPT_SECTIONS: ClassVar[Mapping[str, str | Sequence[str]]] = {
            "Role": "You help.",
            "Rules": ["Be brief", "Be kind"],
        }

    agent = Declared("declared", basic_auth=("a", "b"))
    agent.add_mcp_server("https://mcp.example.com", headers={"Authorization": "Bearer x"}, resources=True)
    doc = _doc(agent)
    calling_validator.validate(doc)
    ai = doc["sections"]["main"][1]["ai"]  # type: ignore[index]
    assert ai["prompt"]["pom"] == [
        {"body": "You help.", "title": "Role"},
        {"bullets": ["Be brief", "Be kind"], "title": "Rules"},
    ]
    assert ai["SWAIG"]["mcp_servers"] == [
        {"url": "https://mcp.example.com", "headers": {"Authorization": "Bearer x"}, "resources": True}
    ]
