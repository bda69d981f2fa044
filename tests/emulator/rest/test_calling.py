"""Calls dialed over REST run in the emulator and reach RELAY clients; ended over REST or the control API."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx
import pytest
from signalwire_typed.emulator import Emulator
from signalwire_typed.relay import RelayClient
from signalwire_typed.rest import AsyncRestClient, NotFoundError, RestClient, ValidationError
from signalwire_typed_gen.relay.events import CallingCallStateEvent, RelayEvent

from .conftest import PROJECT, TOKEN, SpecChecker, async_rest, checked_http

FROM, TO = "+15125550100", "+15557654321"


class Listener:
    """A RelayClient on some contexts that queues the call state events it receives."""

    def __init__(self, emulator: Emulator, contexts: list[str]) -> None:
        self.client = RelayClient(project=PROJECT, token=TOKEN, host=emulator.url, contexts=contexts)
        self.states: asyncio.Queue[CallingCallStateEvent] = asyncio.Queue()

        def on_event(event: RelayEvent) -> None:
            if isinstance(event, CallingCallStateEvent):
                self.states.put_nowait(event)

        self.client.on_event = on_event

    async def next_states(self, count: int) -> list[tuple[str, str, str | None]]:
        events = [await asyncio.wait_for(self.states.get(), 5) for _ in range(count)]
        return [(e.params.call_id, e.params.call_state, e.params.end_reason) for e in events]

    async def nothing(self) -> None:
        await asyncio.sleep(0.2)
        assert self.states.empty(), self.states.get_nowait()


def scenario(
    emulator: Emulator,
    checker: SpecChecker,
    body: Callable[[AsyncRestClient, dict[str, Listener]], Awaitable[None]],
    contexts: tuple[str, ...] = ("rest",),
) -> None:
    async def main() -> None:
        listeners = {c: Listener(emulator, [c]) for c in contexts}
        for listener in listeners.values():
            await listener.client.connect()
        try:
            async with async_rest(emulator, checker) as rest:
                await body(rest, listeners)
        finally:
            for listener in listeners.values():
                await listener.client.disconnect()

    asyncio.run(asyncio.wait_for(main(), 30))


def test_dial_over_rest_reaches_relay_clients_on_rest_context_and_end_over_rest(
    emulator: Emulator, checker: SpecChecker
) -> None:
    async def body(rest: AsyncRestClient, listeners: dict[str, Listener]) -> None:
        call = await rest.calling.dial(from_=FROM, to=TO, url="https://example.com/swml")
        assert (call.from_, call.to, call.status, call.direction) == (FROM, TO, "created", "outbound-api")
        assert call.url == "https://example.com/swml" and call.type_ == "relay_pstn_call"
        on_rest = listeners["rest"]
        assert await on_rest.next_states(3) == [
            (call.id, "created", None),
            (call.id, "ringing", None),
            (call.id, "answered", None),
        ]
        await listeners["office"].nothing()
        info = emulator.call_info(call.id)
        assert (info.state, info.context, info.direction, info.delivered) == (
            "answered",
            "rest",
            "outbound",
            True,
        )
        ended = await rest.calling.end(call_id=call.id, reason="hangup")
        assert ended.id == call.id and ended.status == "ending"
        assert await on_rest.next_states(2) == [(call.id, "ending", "hangup"), (call.id, "ended", "hangup")]
        info = emulator.call_info(call.id)
        assert info.state == "ended" and [c["method"] for c in info.commands] == [
            "rest.dial",
            "rest.calling.end",
        ]
        with pytest.raises(ValidationError, match="already ended"):
            await rest.calling.end(call_id=call.id)

    scenario(emulator, checker, body, ("rest", "office"))


def test_the_from_numbers_relay_context_routes_the_call(emulator: Emulator, checker: SpecChecker) -> None:
    async def body(rest: AsyncRestClient, listeners: dict[str, Listener]) -> None:
        number = await rest.phone_numbers.create(number=FROM)
        await rest.phone_numbers.update(number.id, call_relay_context="office")
        call = await rest.calling.dial(from_=FROM, to=TO, swml={"version": "1.0.0", "sections": {"main": []}})
        assert [s for _, s, _ in await listeners["office"].next_states(3)] == [
            "created",
            "ringing",
            "answered",
        ]
        await listeners["rest"].nothing()
        # The call is in the control API like any other; the far end hangs up through it.
        async with httpx.AsyncClient(base_url=emulator.http_url, timeout=5) as control:
            shown = (await control.get(f"/emulator/calls/{call.id}")).json()
            assert (shown["state"], shown["context"], shown["from"], shown["to"]) == (
                "answered",
                "office",
                FROM,
                TO,
            )
            assert call.id in [c["call_id"] for c in (await control.get("/emulator/calls")).json()["calls"]]
            hangup = await control.post(f"/emulator/calls/{call.id}/hangup", json={"reason": "busy"})
            assert hangup.status_code == 200
        assert [(s, r) for _, s, r in await listeners["office"].next_states(2)] == [
            ("ending", "busy"),
            ("ended", "busy"),
        ]

    scenario(emulator, checker, body, ("rest", "office"))


def test_a_busy_callee_ends_the_call_and_nobody_listening_is_fine(
    emulator: Emulator, checker: SpecChecker
) -> None:
    emulator.set_dial_outcome(TO, "busy")

    async def body(rest: AsyncRestClient, listeners: dict[str, Listener]) -> None:
        call = await rest.calling.dial(from_=FROM, to=TO, url="https://example.com/swml")
        assert await listeners["rest"].next_states(4) == [
            (call.id, "created", None),
            (call.id, "ringing", None),
            (call.id, "ending", "busy"),
            (call.id, "ended", "busy"),
        ]
        quiet = await rest.calling.dial(
            from_=FROM, to="sip:alice@example.com", url="https://example.com/swml"
        )
        assert quiet.type_ == "relay_sip_call"
        for _ in range(50):
            if emulator.call_info(quiet.id).state == "answered":
                break
            await asyncio.sleep(0.02)
        info = emulator.call_info(quiet.id)
        assert info.state == "answered" and info.delivered is True

    scenario(emulator, checker, body)


def test_relay_client_can_drive_a_rest_dialed_call(emulator: Emulator, checker: SpecChecker) -> None:
    async def body(rest: AsyncRestClient, listeners: dict[str, Listener]) -> None:
        call = await rest.calling.dial(from_=FROM, to=TO, url="https://example.com/swml")
        await listeners["rest"].next_states(3)
        info = emulator.call_info(call.id)
        played = await rest.calling.play(call_id=call.id, play=[{"type": "tts", "params": {"text": "Hi"}}])
        assert played.status == "answered"
        assert emulator.call_info(call.id).commands[-1]["method"] == "rest.calling.play"
        relay = listeners["rest"].client
        result = await relay._session.execute(  # a RELAY command on the same call
            "calling.end", {"node_id": info.node_id, "call_id": call.id, "reason": "hangup"}
        )
        assert result["code"] == "200"
        assert [s for _, s, _ in await listeners["rest"].next_states(2)] == ["ending", "ended"]

    scenario(emulator, checker, body)


def test_bad_commands_and_unknown_calls(rest: RestClient, emulator: Emulator, checker: SpecChecker) -> None:
    with pytest.raises(NotFoundError, match="no call"):
        rest.calling.end(call_id="00000000-0000-0000-0000-000000000000")
    with checked_http(emulator, checker, (PROJECT, TOKEN)) as http:
        unknown = http.post("/api/calling/calls", json={"command": "calling.fly", "id": "x"})
        assert unknown.status_code == 422
        error = unknown.json()["errors"][0]
        assert error["attribute"] == "command" and "calling.end" in error["message"]
        no_to = http.post(
            "/api/calling/calls", json={"command": "dial", "params": {"from": FROM, "url": "u"}}
        )
        assert no_to.status_code == 422 and "to" in no_to.json()["errors"][0]["message"]
        both = http.post(
            "/api/calling/calls",
            json={
                "command": "dial",
                "params": {"from": FROM, "to": TO, "url": "u", "swml": {"sections": {}}},
            },
        )
        assert both.status_code == 422
        bad_reason = http.post(
            "/api/calling/calls", json={"command": "calling.end", "id": "x", "params": {"reason": "bored"}}
        )
        assert bad_reason.status_code == 422 and "reason" in bad_reason.json()["errors"][0]["attribute"]
        assert http.post("/api/calling/calls", json=[1]).status_code == 422
    with checked_http(emulator, checker, (PROJECT, "nope")) as http:
        assert http.post("/api/calling/calls", json={"command": "dial"}).status_code == 401


def test_update_completed_ends_the_call(rest: RestClient, emulator: Emulator) -> None:
    call = rest.calling.dial(from_=FROM, to=TO, url="https://example.com/swml")
    for _ in range(50):
        if emulator.call_info(call.id).state == "answered":
            break
        time.sleep(0.02)
    rest.calling.update(id=call.id, status="completed", url="https://example.com/next")
    for _ in range(50):
        if emulator.call_info(call.id).state == "ended":
            break
        time.sleep(0.02)
    assert emulator.call_info(call.id).end_reason == "hangup"


def test_only_relay_sessions_of_the_dialing_project_see_the_call() -> None:
    async def main() -> None:
        async with Emulator() as emulator:  # no credentials: any project, each on its own
            listeners = {}
            for project in ("alpha", "beta"):
                client = RelayClient(project=project, token="t", host=emulator.url, contexts=["rest"])
                queue: asyncio.Queue[str] = asyncio.Queue()
                client.on_event = lambda e, q=queue: q.put_nowait(e.event_type)
                await client.connect()
                listeners[project] = (client, queue)
            async with AsyncRestClient(project="alpha", token="t", base_url=emulator.http_url) as rest:
                call = await rest.calling.dial(from_=FROM, to=TO, url="https://example.com/swml")
            alpha, beta = listeners["alpha"][1], listeners["beta"][1]
            assert [await asyncio.wait_for(alpha.get(), 5) for _ in range(3)] == ["calling.call.state"] * 3
            await asyncio.sleep(0.2)
            assert beta.empty()
            assert emulator.call_info(call.id).state == "answered"
            for client, _ in listeners.values():
                await client.disconnect()

    asyncio.run(asyncio.wait_for(main(), 30))
