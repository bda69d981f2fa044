"""DataMap skills run the way SignalWire runs them (data_map_runner), against fake services on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from signalwire_typed.agents import AgentBase

from ..conftest import LiveServer
from .data_map_runner import run_data_map
from .fake_services import FakeServices

Serve = Callable[[Any], LiveServer]


@pytest.fixture
def services(serve: Serve) -> tuple[FakeServices, str]:
    fake = FakeServices()
    return fake, serve(fake).url


def _function(agent: AgentBase, name: str) -> dict[str, Any]:
    doc = json.loads(agent.render_swml(base_url="http://u:p@127.0.0.1:1"))
    ai = next(s["ai"] for s in doc["sections"]["main"] if "ai" in s)
    found: dict[str, Any] = next(f for f in ai["SWAIG"]["functions"] if f["function"] == name)
    return found


def test_weather_api(services: tuple[FakeServices, str], client: httpx.Client) -> None:
    fake, url = services
    agent = AgentBase("w").add_skill(
        "weather_api",
        {"api_key": "weather-key", "temperature_unit": "celsius", "base_url": f"{url}/weather/v1"},
    )
    tool = _function(agent, "get_weather")
    answer = run_data_map(tool, {"location": "London"}, client)["response"]
    assert "Conditions: Partly cloudy. Temperature: 11.0 degrees Celsius." in answer
    assert (
        "Wind: WSW at 8.1 miles per hour. Cloud cover: 75 percent. Feels like 9.6 degrees Celsius." in answer
    )
    assert fake.last("current.json")[2] == {"key": "weather-key", "q": "london", "aqi": "no"}
    nowhere = run_data_map(tool, {"location": "Atlantis"}, client)["response"]
    assert nowhere.startswith("Sorry, I cannot get the weather right now")


def test_joke(services: tuple[FakeServices, str], client: httpx.Client) -> None:
    _, url = services
    tool = _function(
        AgentBase("j").add_skill("joke", {"api_key": "ninja-key", "base_url": f"{url}/ninjas/v1"}), "get_joke"
    )
    dad = run_data_map(tool, {"type": "dadjokes"}, client)["response"]
    assert (
        dad
        == "Tell this joke to the user: I'm reading a book about anti-gravity. It's impossible to put down."
    )
    wrong = _function(
        AgentBase("j").add_skill("joke", {"api_key": "bad", "base_url": f"{url}/ninjas/v1"}), "get_joke"
    )
    assert run_data_map(wrong, {"type": "jokes"}, client)["response"].startswith("Sorry, the joke service")


def test_trivia(services: tuple[FakeServices, str], client: httpx.Client) -> None:
    fake, url = services
    agent = AgentBase("t").add_skill(
        "api_ninjas_trivia", {"api_key": "ninja-key", "categories": ["music"], "base_url": f"{url}/ninjas/v1"}
    )
    answer = run_data_map(_function(agent, "get_trivia"), {"category": "music"}, client)["response"]
    assert answer.startswith("Category music question: Who wrote Rhapsody in Blue Answer: Gershwin.")
    assert fake.last("trivia")[2] == {"category": "music"}


def test_datasphere_serverless(services: tuple[FakeServices, str], client: httpx.Client) -> None:
    fake, url = services
    params = {"space_name": "acme", "project_id": "proj-1", "token": "tok-1", "document_id": "doc-9"}
    agent = AgentBase("kb").add_skill("datasphere_serverless", {**params, "count": 2, "base_url": url})
    tool = _function(agent, "search_knowledge")
    answer = run_data_map(tool, {"query": "refund"}, client)["response"]
    assert answer.startswith(
        'I found results for "refund":\n\n=== RESULT ===\nRefunds are possible within 30 days.'
    )
    assert answer.count("=== RESULT ===") == 2
    assert fake.last("datasphere")[4]["query_string"] == "refund"
    failed = run_data_map(tool, {"query": "boom"}, client)["response"]
    assert failed.startswith("I couldn't find any relevant information for 'boom'")


def test_swml_transfer_and_background_file_expressions(client: httpx.Client) -> None:
    agent = AgentBase("x").add_skill(
        "swml_transfer",
        {"transfers": {"/sales|billing/i": {"address": "+15551230000", "message": "Connecting."}}},
    )
    tool = _function(agent, "transfer_call")
    assert run_data_map(tool, {"transfer_type": "Billing"}, client)["response"] == "Connecting."
    assert (
        run_data_map(tool, {"transfer_type": "weather"}, client)["response"]
        == "Please specify a valid transfer type."
    )
    files = [{"key": "music", "description": "hold music", "url": "https://cdn.example.com/m.mp3"}]
    player = _function(
        AgentBase("y").add_skill("play_background_file", {"files": files}), "play_background_file"
    )
    assert run_data_map(player, {"action": "start_music"}, client)["action"][0]["playback_bg"][
        "file"
    ].endswith("m.mp3")
    assert run_data_map(player, {"action": "stop"}, client)["action"] == [{"stop_playback_bg": True}]
