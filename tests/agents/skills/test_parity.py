"""Same names as the official SDK: every skill and prefab offers the tools the official one offers,
checked against the installed ``signalwire-sdk`` at test time."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents import prefabs as ours

SKILL_PARAMS: dict[str, dict[str, Any]] = {
    "datetime": {},
    "math": {},
    "swml_transfer": {"transfers": {"/sales/i": {"url": "https://example.com/s"}}},
    "play_background_file": {
        "files": [{"key": "m", "description": "music", "url": "https://example.com/m.mp3"}]
    },
    "info_gatherer": {"questions": [{"key_name": "a", "question_text": "A?"}]},
    "weather_api": {"api_key": "k"},
    "joke": {"api_key": "k"},
    "api_ninjas_trivia": {"api_key": "k"},
    "datasphere_serverless": {"space_name": "s", "project_id": "p", "token": "t", "document_id": "d"},
    "datasphere": {"space_name": "s", "project_id": "p", "token": "t", "document_id": "d"},
    "wikipedia_search": {},
    "google_maps": {"api_key": "k"},
    "web_search": {"api_key": "k", "search_engine_id": "e"},
}


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def _official_tools(agent: Any) -> list[str]:
    return sorted(agent._tool_registry._swaig_functions)


@pytest.mark.parametrize("name", sorted(SKILL_PARAMS))
def test_skill_tool_names_match_the_official(name: str) -> None:
    from signalwire import AgentBase as OfficialAgent

    official = OfficialAgent("x")
    official.add_skill(name, SKILL_PARAMS[name])
    mine = AgentBase("x").add_skill(name, SKILL_PARAMS[name])
    assert sorted(mine.list_tools()) == _official_tools(official)


def test_prefab_tool_names_match_the_official() -> None:
    from signalwire import prefabs as theirs
    from signalwire.agents.bedrock import BedrockAgent as TheirBedrock

    departments = [{"name": "sales", "description": "d", "number": "+15550000000"}]
    survey = [{"text": "Rate", "type": "rating"}]
    faqs = [{"question": "Q?", "answer": "A."}]
    questions = [{"key_name": "a", "question_text": "A?"}]
    pairs: list[tuple[Any, AgentBase]] = [
        (
            theirs.InfoGathererAgent(questions),
            ours.InfoGathererAgent([{"key_name": "a", "question_text": "A?"}]),
        ),
        (theirs.FAQBotAgent(faqs), ours.FAQBotAgent([{"question": "Q?", "answer": "A."}])),
        (theirs.ConciergeAgent("V", ["spa"], {}), ours.ConciergeAgent("V", ["spa"], {})),
        (
            theirs.ReceptionistAgent(departments),
            ours.ReceptionistAgent([{"name": "sales", "description": "d", "number": "+15550000000"}]),
        ),
        (theirs.SurveyAgent("S", survey), ours.SurveyAgent("S", [{"text": "Rate", "type": "rating"}])),
        (TheirBedrock(), ours.BedrockAgent()),
    ]
    for official, mine in pairs:
        assert (type(mine).__name__, sorted(mine.list_tools())) == (
            type(official).__name__,
            _official_tools(official),
        )
        assert (mine.name, mine.route) == (official.name, official.route)
