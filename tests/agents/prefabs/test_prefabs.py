"""Each prefab served over real HTTP: its SWML (checked against our schema) and each of its tools."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from signalwire_typed.agents.prefabs import (
    BedrockAgent,
    ConciergeAgent,
    FAQBotAgent,
    InfoGathererAgent,
    ReceptionistAgent,
    SurveyAgent,
)

from ..conftest import LiveServer
from .helpers import AUTH, Caller, global_update

Serve = Callable[[Any], LiveServer]


def test_info_gatherer_static_questions(serve: Serve, client: httpx.Client) -> None:
    agent = InfoGathererAgent(
        [
            {"key_name": "name", "question_text": "What is your name?"},
            {"key_name": "email", "question_text": "What is your email?", "confirm": True},
        ],
        basic_auth=AUTH,
    )
    call = Caller(client, serve(agent.asgi_app), "/info_gatherer")
    state = call.ai()["global_data"]
    assert state["question_index"] == 0 and len(state["questions"]) == 2
    assert call.ai()["params"]["end_of_speech_timeout"] == 800
    first = call.call("start_questions")
    assert '"What is your name?"' in first["response"] and "submit_answer" in first["response"]
    assert first["action"] == [{"replace_in_history": "Welcome! Let me ask you a few questions."}]
    step = call.call("submit_answer", {"answer": "Ada"}, global_data=state)
    update = global_update(step)
    assert update == {"answers": [{"key_name": "name", "answer": "Ada"}], "question_index": 1}
    assert '"What is your email?"' in step["response"] and "confirmation" in step["response"]
    assert {"replace_in_history": True} in step["action"]
    state = {**state, **update}
    unconfirmed = call.call("submit_answer", {"answer": "ada@x.org"}, global_data=state)
    assert "confirm" in unconfirmed["response"] and "action" not in unconfirmed
    done = call.call("submit_answer", {"answer": "ada@x.org", "confirmed_by_user": True}, global_data=state)
    assert global_update(done)["answers"][-1] == {"key_name": "email", "answer": "ada@x.org"}
    assert {
        "toggle_functions": [{"function": ["start_questions", "submit_answer"], "active": False}]
    } in done["action"]
    over = call.call("submit_answer", {"answer": "x"}, global_data={**state, "question_index": 2})
    assert over["response"] == "All questions have already been answered."
    bad = call.call("submit_answer", {"answer": 5}, global_data=state)
    assert "answer: expected string" in bad["response"]


def test_info_gatherer_question_callback(
    serve: Serve, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    def questions(query: dict[str, str], body: dict[str, Any], headers: dict[str, str]) -> list[Any]:
        if query.get("set") == "broken":
            raise RuntimeError("database down")
        if query.get("set") == "bad":
            return [{"key_name": "x"}]
        return [{"key_name": "order", "question_text": f"Order number for {query.get('shop', '?')}?"}]

    agent = InfoGathererAgent(question_callback=questions, basic_auth=AUTH)
    server = serve(agent.asgi_app)
    doc = client.post(f"{server.url}/info_gatherer?shop=north", json={}, auth=AUTH).json()
    ai = next(s["ai"] for s in doc["sections"]["main"] if "ai" in s)
    assert ai["global_data"]["questions"] == [
        {"key_name": "order", "question_text": "Order number for north?"}
    ]
    with caplog.at_level(logging.ERROR):
        for broken in ("broken", "bad"):
            doc = client.post(f"{server.url}/info_gatherer?set={broken}", json={}, auth=AUTH).json()
            ai = next(s["ai"] for s in doc["sections"]["main"] if "ai" in s)
            assert [q["key_name"] for q in ai["global_data"]["questions"]] == ["name", "message"]
    assert "question_callback failed" in caplog.text
    # The template agent itself is not changed by a request.
    assert agent.config.global_data == {}


def test_info_gatherer_bad_input() -> None:
    with pytest.raises(ValueError, match="question 1 needs a string 'question_text'"):
        InfoGathererAgent([{"key_name": "a"}])  # type: ignore[typeddict-item]
    with pytest.raises(ValueError, match="non-empty list"):
        InfoGathererAgent([])
    with pytest.raises(ValueError, match="not both"):
        InfoGathererAgent([{"key_name": "a", "question_text": "b"}], question_callback=lambda q, b, h: [])
    with pytest.raises(ValueError, match="static questions"):
        InfoGathererAgent([{"key_name": "a", "question_text": "b"}]).set_question_callback(lambda q, b, h: [])


def test_faq_bot(serve: Serve, client: httpx.Client) -> None:
    agent = FAQBotAgent(
        [
            {
                "question": "What is SignalWire?",
                "answer": "A communications platform.",
                "categories": ["general"],
            },
            {
                "question": "How much does it cost?",
                "answer": "See the pricing page.",
                "categories": ["billing"],
            },
            {"question": "What is SWML?", "answer": "A markup language for calls."},
        ],
        persona="You are Ada.",
        basic_auth=AUTH,
    )
    call = Caller(client, serve(agent.asgi_app), "/faq")
    ai = call.ai()
    titles = [s.get("title") for s in ai["prompt"]["pom"]]
    assert titles[:4] == ["Personality", "Goal", "Instructions", "FAQ Database"]
    assert ai["prompt"]["pom"][0]["body"] == "You are Ada."
    assert ai["global_data"] == {"faq_count": 3, "categories": ["billing", "general"]}
    assert "SignalWire" in ai["hints"] and ai["SWAIG"]["native_functions"] == ["check_time"]
    assert "matched_faq" in ai["post_prompt"]["text"]
    found = call.call("search_faqs", {"query": "what is"})
    assert found["response"].splitlines()[2:4] == ["1. What is SignalWire?", "2. What is SWML?"]
    by_category = call.call("search_faqs", {"category": "Billing"})
    assert "How much does it cost?" in by_category["response"]
    assert call.call("search_faqs", {"query": "weather"})["response"] == "No matching FAQs found."
    with pytest.raises(ValueError, match="FAQ 1 needs"):
        FAQBotAgent([{"question": "", "answer": "x"}])


def test_concierge(serve: Serve, client: httpx.Client) -> None:
    agent = ConciergeAgent(
        "Grand Hotel",
        ["room service", "spa"],
        {
            "pool": {"hours": "7 AM - 10 PM", "location": "2nd Floor"},
            "gym": {"hours": "24 hours", "towels": "yes"},
        },
        hours_of_operation={"weekdays": "9-5"},
        special_instructions=["Mention the rooftop bar."],
        welcome_message="Welcome to the Grand Hotel!",
        basic_auth=AUTH,
    )
    call = Caller(client, serve(agent.asgi_app), "/concierge")
    ai = call.ai()
    assert ai["params"]["static_greeting"] == "Welcome to the Grand Hotel!"
    assert ai["global_data"]["amenities"]["pool"]["location"] == "2nd Floor"
    amenities = next(s for s in ai["prompt"]["pom"] if s.get("title") == "Amenities")
    assert amenities["subsections"][0] == {
        "title": "Pool",
        "body": "Hours: 7 AM - 10 PM\nLocation: 2nd Floor",
    }
    yes = call.call("check_availability", {"service": "Spa", "date": "2026-01-02", "time": "10:00"})
    assert yes["response"].startswith("Yes, spa is available on 2026-01-02 at 10:00")
    no = call.call("check_availability", {"service": "golf", "date": "2026-01-02", "time": "10:00"})
    assert "don't offer golf at Grand Hotel" in no["response"]
    assert "2nd Floor" in call.call("get_directions", {"location": "Pool"})["response"]
    assert "front desk" in call.call("get_directions", {"location": "gym"})["response"]
    assert ai["global_data"]["amenities"]["gym"] == {"hours": "24 hours", "towels": "yes"}
    missing = call.call("check_availability", {"service": "spa"})
    assert "date" in missing["response"] and "Invalid arguments" in missing["response"]
    with pytest.raises(TypeError, match="not one string"):
        ConciergeAgent("X", "spa", {})


def test_receptionist_transfers(serve: Serve, client: httpx.Client) -> None:
    agent = ReceptionistAgent(
        [
            {"name": "sales", "description": "Buying", "number": "+15551235555"},
            {"name": "support", "description": "Help", "number": "sip:support@example.com"},
        ],
        greeting="Hello from Acme.",
        voice="rime.spore",
        basic_auth=AUTH,
    )
    call = Caller(client, serve(agent.asgi_app), "/receptionist")
    ai = call.ai()
    assert ai["languages"][0]["voice"] == "rime.spore"
    transfer = next(f for f in ai["SWAIG"]["functions"] if f["function"] == "transfer_call")
    assert transfer["parameters"]["properties"]["department"]["enum"] == ["sales", "support"]
    info = call.call("collect_caller_info", {"name": "Ada", "reason": "a new phone"})
    assert global_update(info) == {"caller_info": {"name": "Ada", "reason": "a new phone"}}
    state = {**ai["global_data"], **global_update(info)}
    moved = call.call("transfer_call", {"department": "support"}, global_data=state)
    assert moved["response"].endswith("Thank you for calling, Ada!") and moved["post_process"] is True
    swml = moved["action"][0]["SWML"]
    assert swml["sections"]["main"] == [{"connect": {"to": "sip:support@example.com"}}]
    assert moved["action"][0]["transfer"] in (True, "true")
    unknown = call.call("transfer_call", {"department": "legal"}, global_data=state)
    assert "no 'legal' department" in unknown["response"] and "action" not in unknown
    with pytest.raises(ValueError, match="department 1 needs a non-empty string 'number'"):
        ReceptionistAgent([{"name": "x", "description": "y", "number": ""}])
    with pytest.raises(ValueError, match="at least one department"):
        ReceptionistAgent([])


def test_survey_validates_and_limits_retries(serve: Serve, client: httpx.Client) -> None:
    agent = SurveyAgent(
        "Satisfaction",
        [
            {"id": "rating", "text": "How satisfied were you?", "type": "rating", "scale": 5},
            {
                "id": "channel",
                "text": "How did you find us?",
                "type": "multiple_choice",
                "options": ["Web", "Radio"],
            },
            {"id": "again", "text": "Would you come back?", "type": "yes_no"},
            {"id": "notes", "text": "Anything else?", "type": "open_ended", "required": False},
        ],
        brand_name="Acme",
        max_retries=1,
        basic_auth=AUTH,
    )
    call = Caller(client, serve(agent.asgi_app), "/survey")
    ai = call.ai()
    assert ai["params"]["static_greeting"].startswith("Welcome to our Satisfaction")
    assert ai["global_data"]["max_retries"] == 1 and "Radio" in ai["hints"]
    state = ai["global_data"]
    assert call.call("validate_response", {"question_id": "rating", "response": "4"})["response"] == (
        "Response to 'rating' is valid."
    )
    first = call.call("validate_response", {"question_id": "rating", "response": "9"}, global_data=state)
    assert first["response"].startswith("Invalid rating. Please provide a number between 1 and 5.")
    assert "do not ask it again" not in first["response"]
    state = {**state, **global_update(first)}
    assert state["retries"] == {"rating": 1}
    second = call.call("validate_response", {"question_id": "rating", "response": "ten"}, global_data=state)
    assert "do not ask it again" in second["response"]
    assert (
        "Invalid choice"
        in call.call("validate_response", {"question_id": "channel", "response": "TV"})["response"]
    )
    assert (
        "valid" in call.call("validate_response", {"question_id": "channel", "response": "radio"})["response"]
    )
    assert (
        "yes' or 'no"
        in call.call("validate_response", {"question_id": "again", "response": "maybe"})["response"]
    )
    assert "is valid" in call.call("validate_response", {"question_id": "notes", "response": ""})["response"]
    assert (
        "no question" in call.call("validate_response", {"question_id": "zzz", "response": "1"})["response"]
    )
    logged = call.call("log_response", {"question_id": "rating", "response": "4"}, global_data=state)
    assert logged["response"] == "Response to 'How satisfied were you?' has been recorded."
    assert global_update(logged) == {"responses": {"rating": "4"}}


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ([], "at least one question"),
        ([{"text": "Q", "type": "essay"}], "has type 'essay'"),
        ([{"text": "Q", "type": "multiple_choice"}], "needs 'options'"),
        ([{"text": "", "type": "yes_no"}], "missing its 'text'"),
        ([{"id": "a", "text": "Q", "type": "yes_no"}, {"id": "a", "text": "R", "type": "yes_no"}], "unique"),
    ],
)
def test_survey_bad_questions(questions: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SurveyAgent("S", questions)


def test_bedrock_agent(serve: Serve, client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    agent = BedrockAgent(system_prompt="You are a helpful assistant.", voice_id="amy", basic_auth=AUTH)
    agent.add_skill("math")
    agent.add_hint("Acme")  # not part of the amazon_bedrock verb: left out, with a warning
    agent.set_post_prompt("Summarize the call.")
    with caplog.at_level(logging.WARNING):
        call = Caller(client, serve(agent.asgi_app), "/bedrock")
    verbs = [next(iter(s)) for s in call.doc["sections"]["main"]]
    assert verbs == ["answer", "amazon_bedrock"]
    bedrock = call.verb("amazon_bedrock")
    assert bedrock["prompt"] == {
        "text": "You are a helpful assistant.",
        "voice_id": "amy",
        "temperature": 0.7,
        "top_p": 0.9,
        "max_tokens": 1024,
    }
    assert "hints" not in bedrock and "has no setting 'hints'" in caplog.text
    assert "/bedrock/post_prompt?__token=" in bedrock["post_prompt_url"]
    assert call.call("calculate", {"expression": "6 * 7"})["response"] == "6 * 7 = 42"
    agent.set_voice("tiffany").set_inference_params(temperature=0.2)
    again = Caller(client, serve(agent.asgi_app), "/bedrock", call_id="call-2")
    assert again.verb("amazon_bedrock")["prompt"]["voice_id"] == "tiffany"
    assert again.verb("amazon_bedrock")["prompt"]["temperature"] == 0.2
    with pytest.raises(ValueError, match="temperature must be between 0 and 2"):
        agent.set_inference_params(temperature=3)
    with pytest.raises(ValueError, match="top_p"):
        BedrockAgent(top_p=1.5)
