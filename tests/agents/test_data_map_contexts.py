"""DataMap and contexts/steps build our SWML models, and refuse what the schema does not allow."""

from __future__ import annotations

import jsonschema
import pytest
from signalwire_typed.agents import AgentBase, DataMap, FunctionResult
from signalwire_typed.swml import json_schema, to_dict


@pytest.fixture(scope="module")
def function_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**json_schema(), "$ref": "#/$defs/SwaigFunction"})


def test_data_map_webhook_and_expressions(function_validator: jsonschema.Draft202012Validator) -> None:
    dm = (
        DataMap("weather")
        .description("Weather")
        .parameter("city", "string", "City", required=True)
        .parameter("unit", "string", "Unit", enum=["c", "f"])
        .expression("${args.city}", r"^test$", FunctionResult("Test city").say("testing"))
        .webhook(
            "GET",
            "https://api.example.com/w?q=${enc:args.city}",
            headers={"X-Key": "k"},
            require_args=["city"],
        )
        .params({"lang": "en", "n": 3})
        .foreach(input_key="days", output_key="summary", append="${this.t} ", max=3)
        .error_keys(["error"])
        .output(FunctionResult("Weather: ${summary}"))
        .fallback_output(FunctionResult("Unavailable"))
    )
    data = to_dict(dm.to_swaig_function())
    function_validator.validate(data)
    assert data["parameters"] == {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City"},
            "unit": {"type": "string", "description": "Unit", "enum": ["c", "f"]},
        },
        "required": ["city"],
    }
    data_map = data["data_map"]
    assert isinstance(data_map, dict)
    assert data_map["expressions"] == [
        {
            "output": {"action": [{"say": "testing"}], "response": "Test city"},
            "pattern": "^test$",
            "string": "${args.city}",
        }
    ]
    webhook = data_map["webhooks"][0]
    assert webhook["params"] == {"lang": "en", "n": 3}
    assert webhook["foreach"] == {
        "append": "${this.t} ",
        "input_key": "days",
        "max": 3,
        "output_key": "summary",
    }
    assert webhook["error_keys"] == ["error"] and webhook["output"] == {"response": "Weather: ${summary}"}
    assert data_map["output"] == {"response": "Unavailable"}


def test_data_map_mistakes() -> None:
    with pytest.raises(ValueError, match="call webhook\\(\\) before params"):
        DataMap("x").params({"a": 1})
    with pytest.raises(ValueError, match="needs a description"):
        DataMap("x").fallback_output(FunctionResult("a")).to_swaig_function()
    with pytest.raises(ValueError, match="needs an expression, a webhook or an output"):
        DataMap("x").description("d").to_swaig_function()


def test_contexts_render_and_validate() -> None:
    agent = AgentBase("ctx", basic_auth=("a", "b"))

    def lookup(q: str) -> str:
        return f"found {q}"

    agent.define_tool("lookup", "Look up", lookup, secure=False)
    contexts = agent.define_contexts()
    sales = contexts.add_context("default").set_prompt("Sales rules").set_exit_fillers({"en-US": ["Bye"]})
    sales.add_step("ask").set_text("Ask").set_functions(["lookup"]).set_skip_user_turn()
    sales.add_step("close").add_bullets("Close", ["Confirm", "Thank"]).set_valid_contexts(["support"])
    support = contexts.add_context("support").add_section("Role", "Support")
    support.add_step("fix").set_text("Fix it").set_end()
    doc = agent.to_swml("c", "http://a:b@h")
    ai = to_dict(doc)["sections"]["main"][1]["ai"]  # type: ignore[index, call-overload]
    assert ai["prompt"]["text"].startswith("You are ctx")
    ctx = ai["prompt"]["contexts"]
    assert ctx["default"]["text"] == "Sales rules" and ctx["default"]["exit_fillers"] == {"en-US": ["Bye"]}
    assert ctx["default"]["steps"][0] == {
        "name": "ask",
        "text": "Ask",
        "functions": ["lookup"],
        "skip_user_turn": True,
    }
    assert ctx["default"]["steps"][1]["pom"] == [{"bullets": ["Confirm", "Thank"], "title": "Close"}]
    assert ctx["support"]["pom"] == [{"body": "Support", "title": "Role"}]
    assert ctx["support"]["steps"] == [{"name": "fix", "text": "Fix it", "end": True}]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda c: c.add_context("main").add_step("a").set_text("x"), "must be named 'default'"),
        (lambda c: c.add_context("default").add_step("a"), "has no instructions"),
        (lambda c: c.add_context("default"), "has no steps"),
        (
            lambda c: c.add_context("default").add_step("a").set_text("x").set_functions(["nope"]),
            "unknown tool",
        ),
        (
            lambda c: c.add_context("default").add_step("a").set_text("x").set_valid_contexts(["other"]),
            "unknown context 'other'",
        ),
    ],
)
def test_context_mistakes(build: object, message: str) -> None:
    agent = AgentBase("ctx", basic_auth=("a", "b"))
    assert callable(build)
    build(agent.define_contexts())
    with pytest.raises(ValueError, match=message):
        agent.render_swml("c", "http://a:b@h")


def test_step_name_rules() -> None:
    contexts = AgentBase("x", basic_auth=("a", "b")).define_contexts()
    ctx = contexts.add_context("default")
    with pytest.raises(ValueError, match="reserved"):
        ctx.add_step("next")
    ctx.add_step("a")
    with pytest.raises(ValueError, match="already has a step"):
        ctx.add_step("a")
    with pytest.raises(TypeError, match="list of names"):
        ctx.add_step("b").set_functions("lookup")
