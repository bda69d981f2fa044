"""The SWML gaps of issue 13, closed: new SWAIG actions, gather info and context entry settings,
DataMap bodies and no-match outputs; each checked over the real app against our SWML schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import jsonschema
import pytest
from signalwire_typed.agents import AgentBase, DataMap, FunctionResult, semantic_gate
from signalwire_typed.swml import ValidationError, json_schema

from .conftest import LiveServer, call_url, function_url

AUTH = ("user", "pass")


@pytest.fixture(scope="module")
def swml_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


@pytest.fixture(scope="module")
def action_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**json_schema(), "$ref": "#/$defs/SwaigAction"})


def _swml(client: httpx.Client, server: LiveServer, route: str, call_id: str) -> dict[str, Any]:
    response = client.post(f"{server.url}{route}", json={"call": {"call_id": call_id}}, auth=AUTH)
    assert response.status_code == 200, response.text
    doc: dict[str, Any] = response.json()
    return doc


def _call(client: httpx.Client, url: str, function: str, call_id: str, args: dict[str, Any]) -> Any:
    plain, creds = call_url(url)
    body = {
        "function": function,
        "argument": {"parsed": [args], "raw": json.dumps(args)},
        "call_id": call_id,
        "meta_data": {},
    }
    response = client.post(plain, json=body, auth=creds)
    assert response.status_code == 200, response.text
    return response.json()


class TuningAgent(AgentBase):
    @AgentBase.tool(description="Tune the conversation")
    def tune(self, voice: str, calm: bool = False) -> FunctionResult:
        result = (
            FunctionResult("Tuned")
            .update_settings(temperature=0.2 if calm else 0.9, top_p=0.8, barge_confidence=0.6)
            .set_end_of_speech_timeout(700)
            .set_speech_event_timeout(1200)
            .change_voice(voice)
            .add_dynamic_hints(["Cabby", {"pattern": "cab bee", "replace": "Cabby", "ignore_case": True}])
            .clear_dynamic_hints()
            .enable_functions_on_timeout()
            .enable_extensive_data()
            .replace_in_history("Tuned the call.")
            .wait_for_user(timeout=20)
            .switch_context("You are calm now", full_reset=True)
            .hold(60, step="resume")
            .back_to_back_functions()
            .user_event({"type": "tuned", "voice": voice})
            .transfer_action("support", summarize=True)
        )
        return result


def test_new_actions_over_the_real_app(
    serve: Callable[[Any], LiveServer],
    client: httpx.Client,
    swml_validator: jsonschema.Draft202012Validator,
    action_validator: jsonschema.Draft202012Validator,
) -> None:
    agent = TuningAgent("tuning", route="/tune", basic_auth=AUTH)
    server = serve(agent.asgi_app)
    doc = _swml(client, server, "/tune", "call-tune")
    swml_validator.validate(doc)
    out = _call(client, function_url(doc, "tune"), "tune", "call-tune", {"voice": "elevenlabs.rachel"})
    assert out["response"] == "Tuned"
    actions = out["action"]
    for action in actions:
        action_validator.validate(action)
    assert [next(iter(a)) for a in actions] == [
        "settings",
        "end_of_speech_timeout",
        "speech_event_timeout",
        "change_voice",
        "add_dynamic_hints",
        "clear_dynamic_hints",
        "functions_on_speaker_timeout",
        "extensive_data",
        "replace_in_history",
        "wait_for_user",
        "context_switch",
        "hold",
        "back_to_back_functions",
        "user_event",
        "transfer",
    ]
    assert actions[-2:] == [
        {"user_event": {"type": "tuned", "voice": "elevenlabs.rachel"}},
        {"transfer": {"dest": "support", "summarize": True}},
    ]
    assert actions[0] == {"settings": {"barge-confidence": 0.6, "temperature": 0.9, "top-p": 0.8}}
    assert actions[3] == {"change_voice": "elevenlabs.rachel"}
    assert actions[9] == {"wait_for_user": 20}
    assert actions[10] == {"context_switch": {"full_reset": True, "system_prompt": "You are calm now"}}
    # A bad argument type is refused before the handler runs.
    plain, creds = call_url(function_url(doc, "tune"))
    bad = {"function": "tune", "argument": {"parsed": [{"voice": 3}]}, "call_id": "call-tune"}
    refused = client.post(plain, json=bad, auth=creds)
    assert refused.status_code in (200, 400, 422)
    assert "action" not in refused.json()


def _intake_agent() -> AgentBase:
    agent = AgentBase("intake", route="/intake", basic_auth=AUTH)

    def check_email(email: str) -> str:
        return f"{email} ok"

    agent.define_tool("check_email", "Check an email address", check_email)
    contexts = agent.define_contexts()
    default = (
        contexts.add_context("default")
        .set_prompt("Collect the caller's details")
        .set_valid_contexts(["billing"])
        .set_initial_step("collect")
        .set_history("keep")
    )
    (
        default.add_step("greet")
        .set_text("Greet the caller")
        .set_skip_to_next_step()
        .set_reset_system_prompt("Be formal")
        .set_reset_consolidate()
    )
    (
        default.add_step("collect")
        .set_text("Ask for the details")
        .set_history("hide")
        .set_gather_info(
            output_key="caller", completion_action="next_step", prompt="Be patient", isolated=True
        )
        .add_gather_question("name", "What is your name?")
        .add_gather_question("age", "How old are you?", type="integer", confirm=True)
        .add_gather_question(
            "email", "Your email?", prompt="Spell it back", functions=["check_email"], isolated=False
        )
    )
    default.add_step("done").set_text("Thank the caller").set_end()
    billing = (
        contexts.add_context("billing")
        .add_system_section("Role", "You handle billing")
        .add_system_bullets("Rules", ["Never guess amounts"])
        .set_user_prompt("I have a billing question")
        .set_post_prompt("Summarise the billing issue")
        .set_consolidate()
        .set_full_reset()
        .add_enter_filler("en-US", ["One moment"])
        .add_bullets("Billing", ["Look up invoices"])
    )
    billing.add_step("invoice").set_text("Find the invoice").set_valid_steps(["next"])
    return agent


def test_gather_info_and_context_entry_over_the_real_app(
    serve: Callable[[Any], LiveServer], client: httpx.Client, swml_validator: jsonschema.Draft202012Validator
) -> None:
    server = serve(_intake_agent().asgi_app)
    doc = _swml(client, server, "/intake", "call-intake")
    swml_validator.validate(doc)
    contexts = next(v["ai"] for v in doc["sections"]["main"] if "ai" in v)["prompt"]["contexts"]
    default = contexts["default"]
    assert default["valid_contexts"] == ["billing"] and default["initial_step"] == "collect"
    assert default["history"] == "keep" and default["text"] == "Collect the caller's details"
    greet, collect, done = default["steps"]
    assert greet["skip_to_next_step"] is True
    assert greet["reset"] == {"consolidate": True, "system_prompt": "Be formal"}
    assert collect["history"] == "hide"
    assert collect["gather_info"] == {
        "questions": [
            {"key": "name", "question": "What is your name?"},
            {"key": "age", "question": "How old are you?", "type": "integer", "confirm": True},
            {
                "key": "email",
                "question": "Your email?",
                "prompt": "Spell it back",
                "functions": ["check_email"],
                "isolated": False,
            },
        ],
        "prompt": "Be patient",
        "output_key": "caller",
        "completion_action": "next_step",
        "isolated": True,
    }
    assert done == {"name": "done", "text": "Thank the caller", "end": True}
    billing = contexts["billing"]
    assert billing["system_prompt"] == "## Role\n\nYou handle billing\n\n## Rules\n\n- Never guess amounts"
    assert billing["user_prompt"] == "I have a billing question"
    assert billing["post_prompt"] == "Summarise the billing issue"
    assert billing["consolidate"] is True and billing["full_reset"] is True
    assert billing["enter_fillers"] == {"en-US": ["One moment"]}
    assert billing["pom"] == [{"bullets": ["Look up invoices"], "title": "Billing"}]


def _bad(change: Callable[[AgentBase], object]) -> AgentBase:
    agent = AgentBase("bad", basic_auth=AUTH)
    change(agent)
    return agent


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .set_initial_step("nope")
                .add_step("a")
                .set_text("x")
            ),
            "initial_step names unknown step 'nope'",
        ),
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .set_valid_contexts(["x"])
                .add_step("a")
                .set_text("x")
            ),
            "context 'default': valid_contexts names unknown context 'x'",
        ),
        (
            lambda a: (
                a.define_contexts().add_context("default").add_step("a").set_text("x").set_gather_info()
            ),
            "gather_info has no questions",
        ),
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .add_step("a")
                .set_text("x")
                .set_gather_info(completion_action="next_step")
                .add_gather_question("k", "q")
            ),
            "completion_action 'next_step' but it is the last step",
        ),
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .add_step("a")
                .set_text("x")
                .set_gather_info(completion_action="later")
                .add_gather_question("k", "q")
            ),
            "completion_action names unknown step 'later'",
        ),
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .add_step("a")
                .set_text("x")
                .set_gather_info()
                .add_gather_question("k", "q", functions=["ghost"])
            ),
            "gather question 'k' names unknown tool 'ghost'",
        ),
        (
            lambda a: (
                a.define_contexts()
                .add_context("default")
                .add_system_section("R", "x")
                .set_system_prompt("y")
                .add_step("a")
                .set_text("x")
            ),
            "set_system_prompt\\(\\) or system sections",
        ),
    ],
)
def test_context_mistakes_are_named(change: Callable[[AgentBase], object], message: str) -> None:
    agent = _bad(change)
    with pytest.raises(ValueError, match=message):
        agent.render_swml("c", "http://a:b@h")


def test_gather_builder_mistakes() -> None:
    step = AgentBase("x", basic_auth=AUTH).define_contexts().add_context("default").add_step("a")
    with pytest.raises(ValueError, match="call set_gather_info\\(\\) before add_gather_question"):
        step.add_gather_question("k", "q")
    step.set_gather_info().add_gather_question("k", "q")
    with pytest.raises(ValueError, match="already has a question with key 'k'"):
        step.add_gather_question("k", "again")
    with pytest.raises(ValueError, match="type must be one of"):
        step.add_gather_question("j", "q", type="date")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="history must be one of"):
        step.set_history("forget")  # type: ignore[arg-type]
    ctx = AgentBase("y", basic_auth=AUTH).define_contexts().add_context("default")
    ctx.add_step("a").set_text("1")
    ctx.add_step("b").set_text("2")
    assert list(ctx.move_step("b", 0).remove_step("a").steps) == ["b"]
    with pytest.raises(KeyError, match="no step 'a'"):
        ctx.remove_step("a")


def _weather_map() -> DataMap:
    return (
        DataMap("weather")
        .description("Weather")
        .parameter("city", "string", "City", required=True)
        .expression(
            "${args.city}",
            r"^[a-z ]+$",
            FunctionResult("Looking up ${args.city}"),
            nomatch_output=FunctionResult("Say the city again"),
        )
        .webhook("POST", "https://api.example.com/forms", form_param="payload", require_args=["city"])
        .body({"q": "${args.city}", "days": 2})
        .webhook_expression("${response.status}", "^closed$", FunctionResult("Service closed"))
        .output(FunctionResult("It is ${response.temp}"))
        .webhook("GET", "https://api.example.com/w?q=${enc:args.city}")
        .webhook_expressions(
            [
                {
                    "string": "${response.kind}",
                    "pattern": "storm",
                    "output": {"response": "Storm warning"},
                    "nomatch-output": {"response": "Calm weather"},
                }
            ]
        )
    )


def _official_weather_map() -> dict[str, Any]:
    from signalwire.core.data_map import DataMap as OfficialDataMap
    from signalwire.core.function_result import FunctionResult as OfficialResult

    official = (
        OfficialDataMap("weather")
        .description("Weather")
        .parameter("city", "string", "City", required=True)
        .expression(
            "${args.city}",
            r"^[a-z ]+$",
            OfficialResult("Looking up ${args.city}"),
            nomatch_output=OfficialResult("Say the city again"),
        )
        .webhook("POST", "https://api.example.com/forms", form_param="payload", require_args=["city"])
        .body({"q": "${args.city}", "days": 2})
        .webhook_expressions(
            [
                {
                    "string": "${response.status}",
                    "pattern": "^closed$",
                    "output": {"response": "Service closed"},
                }
            ]
        )
        .output(OfficialResult("It is ${response.temp}"))
        .webhook("GET", "https://api.example.com/w?q=${enc:args.city}")
        .webhook_expressions(
            [
                {
                    "string": "${response.kind}",
                    "pattern": "storm",
                    "output": {"response": "Storm warning"},
                    "nomatch-output": {"response": "Calm weather"},
                }
            ]
        )
    )
    data_map: dict[str, Any] = official.to_swaig_function()["data_map"]
    return data_map


def test_data_map_bodies_and_nomatch_match_the_official_wire(
    serve: Callable[[Any], LiveServer], client: httpx.Client, swml_validator: jsonschema.Draft202012Validator
) -> None:
    agent = AgentBase("maps", route="/maps", basic_auth=AUTH)
    agent.register_swaig_function(_weather_map())
    server = serve(agent.asgi_app)
    doc = _swml(client, server, "/maps", "call-maps")
    swml_validator.validate(doc)
    ai = next(v["ai"] for v in doc["sections"]["main"] if "ai" in v)
    (function,) = [f for f in ai["SWAIG"]["functions"] if f["function"] == "weather"]
    assert function["data_map"] == _official_weather_map()
    first = function["data_map"]["webhooks"][0]
    assert first["form_param"] == "payload" and first["params"] == {"q": "${args.city}", "days": 2}
    assert function["data_map"]["expressions"][0]["nomatch-output"] == {"response": "Say the city again"}


def test_data_map_mistakes_are_named() -> None:
    with pytest.raises(ValueError, match="call webhook\\(\\) before body"):
        DataMap("x").body({"a": 1})
    with pytest.raises(ValueError, match="call webhook\\(\\) before webhook_expression"):
        DataMap("x").webhook_expression("a", "b", FunctionResult("c"))
    with pytest.raises(ValidationError, match=r"\$\.x\.expressions\[0\].*output"):
        DataMap("x").webhook("GET", "https://e.com").webhook_expressions(
            [{"string": "a", "pattern": "b"}]  # type: ignore[list-item]
        )


def test_semantic_gates_match_the_official_wire(
    serve: Callable[[Any], LiveServer], client: httpx.Client, swml_validator: jsonschema.Draft202012Validator
) -> None:
    from signalwire.core.data_map import DataMap as OfficialDataMap
    from signalwire.core.function_result import FunctionResult as OfficialResult
    from signalwire.core.semantic_gate import SemanticGate

    ours = (
        DataMap("cancel")
        .description("Cancel the order")
        .gate(
            "Did the caller clearly ask to cancel?",
            0.8,
            FunctionResult("Ask the caller to confirm first").update_global_data({"asked": True}),
            id="explicit",
            true_means="They said cancel",
            visual_input=2,
        )
        .gate("Is the order still open?", 0.5, "The order has shipped")
        .gate_fillers({"en-US": ["Let me check"]})
        .fallback_output(FunctionResult("Cancelled"))
    )
    official = (
        OfficialDataMap("cancel")
        .description("Cancel the order")
        .gate(
            SemanticGate(
                "Did the caller clearly ask to cancel?",
                0.8,
                OfficialResult("Ask the caller to confirm first").update_global_data({"asked": True}),
                id="explicit",
                true_means="They said cancel",
                visual_input=2,
            )
        )
        .gate(SemanticGate("Is the order still open?", 0.5, "The order has shipped"))
        .gate_fillers({"en-US": ["Let me check"]})
        .fallback_output(OfficialResult("Cancelled"))
        .to_swaig_function()
    )
    agent = AgentBase("gated", route="/gated", basic_auth=AUTH)
    agent.register_swaig_function(ours)
    doc = _swml(client, serve(agent.asgi_app), "/gated", "call-gated")
    swml_validator.validate(doc)
    ai = next(v["ai"] for v in doc["sections"]["main"] if "ai" in v)
    (function,) = [f for f in ai["SWAIG"]["functions"] if f["function"] == "cancel"]
    assert function["gates"] == official["gates"]
    assert function["gate_fillers"] == official["gate_fillers"]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda d: d.gate("q", 0, "no"), r"\$\.g\.gates\[0\]\.threshold"),
        (lambda d: d.gate("q", 0.5, "no", id="bad id"), r"\$\.g\.gates\[0\]\.id"),
        (lambda d: d.gate("q", 0.5, "no", visual_input=9), r"\$\.g\.gates\[0\]\.visual_input"),
        (lambda d: d.gate("q", 0.5, FunctionResult()), "on_fail needs a response"),
        (lambda d: d.gate("q", 0.5, "no", id="a").gate("r", 0.5, "no", id="a"), "already has a gate 'a'"),
    ],
)
def test_gate_mistakes_are_named(build: Callable[[DataMap], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build(DataMap("g").description("d"))


def test_gate_fillers_need_a_gate() -> None:
    dm = DataMap("g").description("d").gate_fillers({"en-US": ["hm"]}).fallback_output(FunctionResult("x"))
    with pytest.raises(ValueError, match="gate_fillers\\(\\) without a gate"):
        dm.to_swaig_function()


class GatedAgent(AgentBase):
    @AgentBase.tool(
        description="Refund the order",
        gates=[
            semantic_gate("Did the caller ask for a refund?", 0.7, "Ask what they want first", id="asked"),
            {
                "question": "Is the caller the account owner?",
                "threshold": 0.9,
                "on_fail": {"response": "Verify"},
            },
        ],
        gate_fillers={"default": ["One moment"]},
    )
    def refund(self, order: str) -> str:
        return f"refunded {order}"


def test_webhook_tools_carry_gates(
    serve: Callable[[Any], LiveServer], client: httpx.Client, swml_validator: jsonschema.Draft202012Validator
) -> None:
    agent = GatedAgent("gated-tools", route="/gt", basic_auth=AUTH)
    doc = _swml(client, serve(agent.asgi_app), "/gt", "call-gt")
    swml_validator.validate(doc)
    ai = next(v["ai"] for v in doc["sections"]["main"] if "ai" in v)
    (function,) = [f for f in ai["SWAIG"]["functions"] if f["function"] == "refund"]
    assert function["gates"] == [
        {
            "id": "asked",
            "question": "Did the caller ask for a refund?",
            "threshold": 0.7,
            "on_fail": {"response": "Ask what they want first"},
        },
        {"question": "Is the caller the account owner?", "threshold": 0.9, "on_fail": {"response": "Verify"}},
    ]
    assert function["gate_fillers"] == {"default": ["One moment"]}
    out = _call(client, function_url(doc, "refund"), "refund", "call-gt", {"order": "A1"})
    assert out == {"response": "refunded A1"}
    with pytest.raises(ValueError, match=r"gates\[0\]\.threshold"):
        agent.define_tool(
            "bad",
            "Bad",
            lambda: "x",
            gates=[{"question": "q", "threshold": 2, "on_fail": {"response": "no"}}],
        )
    with pytest.raises(ValueError, match=r"gates\[0\]\.on_fail: missing required field response"):
        agent.define_tool(
            "bad",
            "Bad",
            lambda: "x",
            gates=[{"question": "q", "threshold": 0.5, "on_fail": {}}],  # type: ignore[list-item]
        )
    with pytest.raises(ValueError, match="gate_fillers without gates"):
        agent.define_tool("bad", "Bad", lambda: "x", gate_fillers={"default": ["hm"]})
