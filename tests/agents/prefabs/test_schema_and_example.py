"""Every prefab's SWML passes our published SWML JSON Schema; the part 2 example builds and serves."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents.prefabs import (
    BedrockAgent,
    ConciergeAgent,
    FAQBotAgent,
    InfoGathererAgent,
    ReceptionistAgent,
    SurveyAgent,
)

from ..conftest import LiveServer
from .helpers import Caller

ROOT = Path(__file__).resolve().parents[3]

PREFABS: dict[str, Callable[[], AgentBase]] = {
    "info_gatherer": lambda: InfoGathererAgent([{"key_name": "a", "question_text": "A?", "confirm": True}]),
    "info_gatherer_dynamic": lambda: InfoGathererAgent(),
    "faq_bot": lambda: FAQBotAgent([{"question": "Q?", "answer": "A.", "categories": ["c"]}]),
    "concierge": lambda: ConciergeAgent("Inn", ["spa"], {"pool": {"location": "roof"}}, welcome_message="Hi"),
    "receptionist": lambda: ReceptionistAgent(
        [{"name": "sales", "description": "d", "number": "+15550000000"}]
    ),
    "survey": lambda: SurveyAgent("S", [{"text": "Rate us", "type": "rating", "scale": 10}]),
    "bedrock": lambda: (
        BedrockAgent(system_prompt="Be brief.").add_skill("datetime").set_post_prompt("Sum up.")
    ),
}


@pytest.mark.parametrize("name", sorted(PREFABS))
def test_prefab_swml_passes_the_json_schema(
    name: str, calling_validator: jsonschema.Draft202012Validator
) -> None:
    document = json.loads(PREFABS[name]().render_swml("call-1", "https://u:p@example.com/x"))
    assert [e.message for e in calling_validator.iter_errors(document)] == []


def test_part2_example(
    monkeypatch: pytest.MonkeyPatch,
    serve: Callable[[Any], LiveServer],
    client: httpx.Client,
    calling_validator: jsonschema.Draft202012Validator,
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    agent = importlib.import_module("agents.part2_example").create_agent()
    assert agent.list_skills() == ["datetime", "math", "weather_api"]
    call = Caller(client, serve(agent.asgi_app), "/receptionist", auth=("demo", "demo-password"))
    assert [e.message for e in calling_validator.iter_errors(call.doc)] == []
    assert call.call("calculate", {"expression": "2 + 2"})["response"] == "2 + 2 = 4"
    moved = call.call("transfer_call", {"department": "sales"})
    assert moved["action"][0]["SWML"]["sections"]["main"] == [{"connect": {"to": "+15551230001"}}]
