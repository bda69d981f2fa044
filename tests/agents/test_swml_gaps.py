"""The SWML gaps of issue 13, closed: new SWAIG actions, gather info and context entry settings,
DataMap bodies and no-match outputs; each checked over the real app against our SWML schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import jsonschema
import pytest
from signalwire_typed.agents import AgentBase, FunctionResult
from signalwire_typed.swml import json_schema

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
