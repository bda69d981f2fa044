"""FunctionResult has a method for every SWAIG action our SWML schema defines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from signalwire_typed.agents import FunctionResult
from signalwire_typed.swml import Document, ValidationError, json_schema

# One call per schema action (its key) through the typed method that produces it.
METHODS: dict[str, Callable[[FunctionResult], FunctionResult]] = {
    "SWML": lambda r: r.swml(Document().play(url="say:hi"), transfer=True),
    "change_context": lambda r: r.change_context("billing"),
    "change_step": lambda r: r.change_step("pay"),
    "context_switch": lambda r: r.switch_context("New prompt", user_prompt="Hi", consolidate=True),
    "hangup": lambda r: r.hangup(),
    "hold": lambda r: r.hold(60),
    "playback_bg": lambda r: r.play_background_file("https://example.com/a.mp3", wait=True),
    "say": lambda r: r.say("Hello"),
    "set_global_data": lambda r: r.update_global_data({"a": [1, {"b": None}]}),
    "set_meta_data": lambda r: r.set_metadata({"k": "v"}),
    "stop": lambda r: r.stop(),
    "stop_playback_bg": lambda r: r.stop_background_file(),
    "toggle_functions": lambda r: r.toggle_functions([("a", True), (["b", "c"], False)]),
    "unset_global_data": lambda r: r.remove_global_data(["a"]),
    "unset_meta_data": lambda r: r.remove_metadata("k"),
    "user_input": lambda r: r.simulate_user_input("yes"),
    "wait_for_user": lambda r: r.wait_for_user(timeout=30),
    "add_dynamic_hints": lambda r: r.add_dynamic_hints(
        ["Cabby", {"pattern": "cab bee", "replace": "Cabby", "ignore_case": True}]
    ),
    "clear_dynamic_hints": lambda r: r.clear_dynamic_hints(),
    "end_of_speech_timeout": lambda r: r.set_end_of_speech_timeout(800),
    "speech_event_timeout": lambda r: r.set_speech_event_timeout(1500),
    "change_voice": lambda r: r.change_voice("elevenlabs.rachel"),
    "functions_on_speaker_timeout": lambda r: r.enable_functions_on_timeout(),
    "extensive_data": lambda r: r.enable_extensive_data(),
    "replace_in_history": lambda r: r.replace_in_history("Looked up the order."),
    "settings": lambda r: r.update_settings({"top-p": 0.9}, temperature=0.3, barge_confidence=0.7),
    "back_to_back_functions": lambda r: r.back_to_back_functions("forever"),
    "transfer": lambda r: r.transfer_action("support", summarize=True),
    "user_event": lambda r: r.user_event({"type": "progress", "percent": 50}),
}

# Shortcuts that are SWML actions running one verb.
SWML_SHORTCUTS: dict[str, Callable[[FunctionResult], FunctionResult]] = {
    "connect": lambda r: r.connect("+15551234567", from_="+15557654321"),
    "sip_refer": lambda r: r.sip_refer("sip:a@example.com"),
    "send_sms": lambda r: r.send_sms(to_number="+15551234567", from_number="+15557654321", body="hi"),
    "record_call": lambda r: r.record_call(stereo=True, format="mp3", control_id="rec"),
    "stop_record_call": lambda r: r.stop_record_call("rec"),
    "tap": lambda r: r.tap("wss://example.com/tap", direction="both"),
    "stop_tap": lambda r: r.stop_tap("t"),
    "join_room": lambda r: r.join_room("room1"),
    "join_conference": lambda r: r.join_conference("conf", muted=True),
    "transfer": lambda r: r.swml_transfer("https://example.com/next.json", params={"a": 1}),
    "user_event": lambda r: r.swml_user_event({"type": "progress", "step": 2}),
    "execute_rpc": lambda r: r.execute_rpc("ai_unhold", call_id="call-2"),
    "pay": lambda r: r.pay(
        "https://pay.example.com/connector", charge_amount="10.00", currency="usd", ai_response=None
    ),
}


def _schema_actions() -> dict[str, str]:
    defs = json_schema()["$defs"]
    assert isinstance(defs, dict)
    actions: dict[str, str] = {}
    for ref in defs["SwaigAction"]["oneOf"]:
        name = ref["$ref"].rsplit("/", 1)[1]
        (key,) = defs[name]["required"]
        actions[key] = name
    return actions


@pytest.fixture(scope="module")
def action_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**json_schema(), "$ref": "#/$defs/SwaigAction"})


def test_every_schema_action_has_a_method(action_validator: jsonschema.Draft202012Validator) -> None:
    schema_keys = set(_schema_actions())
    assert schema_keys == set(METHODS), "FunctionResult must cover exactly the schema's SWAIG actions"
    for key, call in METHODS.items():
        out = call(FunctionResult("ok")).to_dict()
        actions = out["action"]
        assert isinstance(actions, list) and len(actions) == 1
        action = actions[0]
        assert isinstance(action, dict) and key in action, key
        action_validator.validate(action)


@pytest.mark.parametrize("verb", sorted(SWML_SHORTCUTS))
def test_swml_shortcuts_run_their_verb(verb: str, action_validator: jsonschema.Draft202012Validator) -> None:
    out = SWML_SHORTCUTS[verb](FunctionResult()).to_dict()
    action: Any = out["action"]
    action_validator.validate(action[0])
    assert next(iter(action[0]["SWML"]["sections"]["main"][0])) == verb


def test_chaining_and_output_shape() -> None:
    result = FunctionResult("Transferring").say("One moment").connect("+15551234567").set_post_process(True)
    out = result.to_dict()
    assert out["response"] == "Transferring" and out["post_process"] is True
    action: Any = out["action"]
    assert action[0] == {"say": "One moment"}
    assert action[1]["transfer"] is True
    assert action[1]["SWML"]["sections"]["main"] == [{"connect": {"to": "+15551234567"}}]
    assert FunctionResult().to_dict() == {"response": "Action completed."}
    assert FunctionResult("x").enable_functions("a", "b").to_dict()["action"] == [
        {"toggle_functions": [{"function": ["a", "b"], "active": True}]}
    ]


def test_bad_actions_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="between 0 and 900"):
        FunctionResult().hold(1000)
    with pytest.raises(ValueError, match="body or media"):
        FunctionResult().send_sms(to_number="+1", from_number="+2")
    with pytest.raises(ValueError, match=r"\$\.sections\.main\[0\]\.record_call\.format"):
        FunctionResult().record_call(format="ogg")  # type: ignore[arg-type]


def test_new_actions_put_the_official_wire_shapes() -> None:
    out = (
        FunctionResult("ok")
        .update_settings({"max-tokens": 512}, frequency_penalty=-0.5)
        .wait_for_user(answer_first=True)
        .wait_for_user(False)
        .add_dynamic_hints(["Cabby", {"pattern": "cab bee", "replace": "Cabby"}])
        .clear_dynamic_hints()
        .replace_in_history()
        .switch_context("Be brief")
        .switch_context(user_prompt="Start over", full_reset=True)
        .hold(120, step="resume", timeout_step="voicemail")
        .set_semantic_state({"mood": "calm"})
        .switch_context(system_pom=[{"title": "Role", "body": "Be calm"}])
        .transfer_action("https://example.com/next.json")
        .to_dict()
    )
    assert out["action"] == [
        {"settings": {"frequency-penalty": -0.5, "max-tokens": 512}},
        {"wait_for_user": "answer_first"},
        {"wait_for_user": False},
        {"add_dynamic_hints": ["Cabby", {"pattern": "cab bee", "replace": "Cabby"}]},
        {"clear_dynamic_hints": {}},
        {"replace_in_history": True},
        {"context_switch": "Be brief"},
        {"context_switch": {"full_reset": True, "user_prompt": "Start over"}},
        {"hold": {"step": "resume", "timeout": 120, "timeout_step": "voicemail"}},
        {"set_global_data": {"semantic_state": {"mood": "calm"}}},
        {"context_switch": {"system_pom": [{"body": "Be calm", "title": "Role"}]}},
        {"transfer": "https://example.com/next.json"},
    ]


def test_new_actions_refuse_bad_values_with_a_message() -> None:
    with pytest.raises(ValidationError, match=r"top-p"):
        FunctionResult().update_settings(top_p=1.5)
    with pytest.raises(ValidationError, match=r"temprature"):
        FunctionResult().update_settings({"temprature": 0.5})  # type: ignore[typeddict-unknown-key]
    with pytest.raises(ValueError, match="at least one setting"):
        FunctionResult().update_settings()
    with pytest.raises(ValueError, match="end_of_speech_timeout must be a whole number"):
        FunctionResult().set_end_of_speech_timeout(-1)
    with pytest.raises(ValueError, match="speech_event_timeout"):
        FunctionResult().set_speech_event_timeout(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-empty voice"):
        FunctionResult().change_voice("  ")
    with pytest.raises(ValidationError, match="replace"):
        FunctionResult().add_dynamic_hints([{"pattern": "x"}])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="list of hints"):
        FunctionResult().add_dynamic_hints("Cabby")
    with pytest.raises(ValueError, match="system_prompt, a user_prompt"):
        FunctionResult().switch_context()
    with pytest.raises(ValidationError, match=r"\$\.user_pom\[0\]"):
        FunctionResult().switch_context(user_pom=[{"title": "No body or bullets"}])
    with pytest.raises(ValueError, match="needs a destination"):
        FunctionResult().transfer_action("")


def test_rpc_commands_match_the_official_wire(action_validator: jsonschema.Draft202012Validator) -> None:
    from signalwire.core.function_result import FunctionResult as Official

    ours = (
        FunctionResult("ok")
        .rpc_dial("+15551234567", "+15557654321", "https://example.com/agent")
        .rpc_ai_message("call-2", "Nobody is free", global_data={"reason": "busy"})
        .rpc_ai_global_data("call-2", {"k": 1})
        .rpc_ai_unhold("call-2")
        .execute_rpc("custom", {"x": [1, 2]}, node_id="node-9")
        .to_dict()
    )
    official = (
        Official("ok")
        .rpc_dial("+15551234567", "+15557654321", "https://example.com/agent")
        .rpc_ai_message("call-2", "Nobody is free", global_data={"reason": "busy"})
        .rpc_ai_global_data("call-2", {"k": 1})
        .rpc_ai_unhold("call-2")
        .execute_rpc("custom", {"x": [1, 2]}, node_id="node-9")
        .to_dict()
    )
    assert ours == official
    actions: Any = ours["action"]
    for action in actions:
        action_validator.validate(action)
    with pytest.raises(ValueError, match="message_text, global_data, or both"):
        FunctionResult().rpc_ai_message("call-2")
    with pytest.raises(ValueError, match="needs a method name"):
        FunctionResult().execute_rpc("")


def test_tool_response_splits_result_and_prompt() -> None:
    from signalwire.core.function_result import FunctionResult as Official

    ours = FunctionResult().set_tool_response("status: on hold", "Tell the caller to wait").hold(60)
    official = Official().set_tool_response("status: on hold", "Tell the caller to wait")
    assert ours.to_dict()["response"] == official.to_dict()["response"]
    assert FunctionResult().set_tool_response(tool_prompt="Say hi").to_dict()["response"] == {
        "tool_prompt": "Say hi"
    }
    with pytest.raises(ValueError, match="tool_result, a tool_prompt, or both"):
        FunctionResult().set_tool_response()


def test_pay_with_prompts_matches_the_official_wire(
    action_validator: jsonschema.Draft202012Validator,
) -> None:
    from signalwire.core.function_result import FunctionResult as Official

    say = FunctionResult.create_payment_action("Say", "Please enter your card number")
    prompt = FunctionResult.create_payment_prompt("payment-card-number", [say], card_type="visa")
    param = FunctionResult.create_payment_parameter("order", "42")
    options: dict[str, Any] = {
        "input_method": "dtmf",
        "status_url": "https://pay.example.com/status",
        "payment_method": "credit-card",
        "timeout": 7,
        "max_attempts": 2,
        "security_code": False,
        "postal_code": "12345",
        "min_postal_code_length": 5,
        "token_type": "one-time",
        "charge_amount": "9.99",
        "currency": "eur",
        "language": "fr-FR",
        "voice": "man",
        "description": "Order 42",
        "valid_card_types": "visa amex",
        "ai_response": "Payment: ${pay_result}",
    }
    ours = FunctionResult("ok").pay(
        "https://pay.example.com/connector", parameters=[param], prompts=[prompt], **options
    )
    official = Official("ok").pay(
        "https://pay.example.com/connector",
        parameters=[dict(param)],
        prompts=[Official.create_payment_prompt("payment-card-number", [dict(say)], card_type="visa")],
        **options,
    )
    ours_action: Any = ours.to_dict()["action"]
    official_action: Any = official.to_dict()["action"]
    action_validator.validate(ours_action[0])
    ours_main = ours_action[0]["SWML"]["sections"]["main"]
    official_main = official_action[0]["SWML"]["sections"]["main"]
    assert ours_main[0] == official_main[0]
    # The official sends numbers and booleans as text; the values are the same.
    assert {
        k: str(v).lower() if isinstance(v, bool) else str(v) if isinstance(v, int) else v
        for k, v in ours_main[1]["pay"].items()
    } == official_main[1]["pay"]
    with pytest.raises(ValueError, match="'Say' or 'Play'"):
        FunctionResult.create_payment_action("Sing", "la")  # type: ignore[arg-type]
