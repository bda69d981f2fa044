"""Fabric AI agents and subscribers on the emulator: CRUD round trips, paging, errors."""

from __future__ import annotations

import asyncio

import pytest
from signalwire_typed.emulator import Emulator
from signalwire_typed.rest import NotFoundError, RestClient
from signalwire_typed.swml import models

from .conftest import PROJECT, TOKEN, SpecChecker, async_rest, checked_http


def _swaig() -> models.Swaig:
    return models.Swaig(
        defaults=models.SwaigDefaults(web_hook_url="https://example.com/swaig"),
        functions=[
            models.SwaigFunction(
                function="book_appointment",
                description="Book a cleaning for the caller.",
                parameters=models.FunctionParameters(
                    type="object",
                    properties={
                        "day": models.FunctionStringProperty(type="string", description="Requested day.")
                    },
                    required=["day"],
                ),
            )
        ],
    )


def test_ai_agent_crud_round_trip_with_swml_models(rest: RestClient) -> None:
    prompt = models.AiPromptText(text="You are Riley, the front desk of Acme Dental.", temperature=0.3)
    language = models.AiLanguage(name="English", code="en-US", voice="elevenlabs.rachel")
    created = rest.fabric.ai_agents.create(name="Riley", prompt=prompt, languages=[language], swaig=_swaig())
    assert created.type_ == "ai_agent" and created.display_name == "Riley"
    settings = created.ai_agent
    # The same SWML classes come back, equal to what was sent.
    assert settings.prompt == prompt and settings.languages == [language] and settings.swaig == _swaig()
    assert settings.agent_id == created.id
    assert rest.fabric.ai_agents.get(created.id) == created
    assert [a.id for a in rest.fabric.ai_agents.list()] == [created.id]
    updated = rest.fabric.ai_agents.update(created.id, name="Riley 2", post_prompt={"text": "Summarise."})
    assert updated.display_name == "Riley 2" and updated.ai_agent.name == "Riley 2"
    assert updated.ai_agent.prompt == prompt  # keys left out keep their values
    assert isinstance(updated.ai_agent.post_prompt, models.AiPostPromptText)
    rest.fabric.ai_agents.delete(created.id)
    with pytest.raises(NotFoundError, match=created.id):
        rest.fabric.ai_agents.get(created.id)
    with pytest.raises(NotFoundError):
        rest.fabric.ai_agents.delete(created.id)


def test_subscriber_crud_round_trip(rest: RestClient) -> None:
    created = rest.fabric.subscribers.create(
        email="ada@example.com", first_name="Ada", last_name="Lovelace", password="correct-horse"
    )
    assert created.type_ == "subscriber" and created.display_name == "Ada Lovelace"
    assert created.subscriber.email == "ada@example.com" and created.subscriber.id == created.id
    assert rest.fabric.subscribers.get(created.id).subscriber.first_name == "Ada"
    replaced = rest.fabric.subscribers.update(created.id, email="ada@acme.test", display_name="Countess")
    assert replaced.display_name == "Countess" and replaced.subscriber.first_name == ""  # PUT replaces
    assert [s.subscriber.email for s in rest.fabric.subscribers.list()] == ["ada@acme.test"]
    rest.fabric.subscribers.delete(created.id)
    assert list(rest.fabric.subscribers.list()) == []
    with pytest.raises(NotFoundError):
        rest.fabric.subscribers.update(created.id, email="x@example.com")


def test_lists_page_with_the_async_client(emulator: Emulator, checker: SpecChecker) -> None:
    async def main() -> list[int]:
        async with async_rest(emulator, checker) as client:
            for i in range(5):
                await client.fabric.subscribers.create(email=f"user{i}@example.com")
            pager = client.fabric.subscribers.list(page_size=2)
            sizes = [len(p.data) async for p in pager.pages()]
            emails = [s.subscriber.email async for s in client.fabric.subscribers.list(page_size=2)]
            assert emails == [f"user{i}@example.com" for i in range(5)]
            return sizes

    assert asyncio.run(asyncio.wait_for(main(), 20)) == [2, 2, 1]


def test_bad_bodies_get_422_naming_the_field(emulator: Emulator, checker: SpecChecker) -> None:
    with checked_http(emulator, checker, (PROJECT, TOKEN)) as http:
        no_prompt = http.post("/api/fabric/resources/ai_agents", json={"name": "x"})
        assert no_prompt.status_code == 422
        assert "missing required field prompt" in no_prompt.json()["errors"][0]["message"]
        bad_prompt = http.post("/api/fabric/resources/ai_agents", json={"name": "x", "prompt": {"text": 7}})
        assert bad_prompt.status_code == 422
        assert bad_prompt.json()["errors"][0]["attribute"].startswith("prompt")
        bad_language = http.post(
            "/api/fabric/resources/ai_agents",
            json={"name": "x", "prompt": {"text": "hi"}, "languages": [{"name": "English"}]},
        )
        assert bad_language.status_code == 422
        assert "languages[0]" in bad_language.json()["errors"][0]["attribute"]
        agent = http.post(
            "/api/fabric/resources/ai_agents", json={"name": "x", "prompt": {"text": "hi"}}
        ).json()
        read_only = http.patch(f"/api/fabric/resources/ai_agents/{agent['id']}", json={"agent_id": "other"})
        assert read_only.status_code == 422 and read_only.json()["errors"][0]["attribute"] == "agent_id"
        bad_email = http.post("/api/fabric/resources/subscribers", json={"email": ["a@b.c"]})
        assert bad_email.status_code == 422 and bad_email.json()["errors"][0]["attribute"] == "email"
        no_email = http.put(f"/api/fabric/resources/subscribers/{agent['id']}", json={"first_name": "A"})
        assert no_email.status_code == 404  # unknown id is checked before the body
        missing = http.get("/api/fabric/resources/subscribers/00000000-0000-0000-0000-000000000000")
        assert missing.status_code == 404 and "no subscriber" in missing.json()["error"]


def test_the_client_refuses_bad_input_before_sending(rest: RestClient) -> None:
    rest.fabric.ai_agents.create(name="ok", prompt={"text": "hi"})
    with pytest.raises(ValueError, match="prompt"):
        rest.fabric.ai_agents.create(name="x", prompt={"text": 7})  # type: ignore[typeddict-item]
    assert [a.display_name for a in rest.fabric.ai_agents.list()] == ["ok"]
