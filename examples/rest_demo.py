"""REST against the local emulator: buy a number, create a Fabric AI agent, dial a call over REST
while a RELAY client watches it, then end it over REST.

The emulator serves RELAY and REST on one port from its own thread; ``RestClient`` talks to it
through ``base_url``. The AI agent's config is the one the agents demo serves: the same SWML model classes.

    python examples/rest_demo.py
"""

from __future__ import annotations

import asyncio

from agents.simple_agent import create_agent
from signalwire_typed.emulator import Emulator, Timing
from signalwire_typed.relay import RelayClient
from signalwire_typed.relay.events import CallingCallStateEvent, RelayEvent
from signalwire_typed.rest import NOT_GIVEN, RestClient
from signalwire_typed.swml import models

PROJECT, TOKEN = "demo-project", "demo-token"
CONTEXT = "acme-outbound"
CUSTOMER = "+15557654321"


def say(who: str, text: str) -> None:
    print(f"{who:>6} | {text}", flush=True)


def agent_config() -> models.AiConfig:
    """The AI configuration the agents demo serves (examples/agents/simple_agent.py), from its SWML."""
    document = create_agent().to_swml(base_url="https://acme.example.com/weather")
    return next(step.ai for step in document.sections["main"] if isinstance(step, models.AiVerb))


def set_up(rest: RestClient) -> str:
    """Buy a number routed to our RELAY context and create the AI agent; returns the number."""
    offers = list(rest.phone_numbers.search(areacode="512", max_results=3))
    say("rest", f"available in 512: {', '.join(n.number for n in offers)}")
    number = rest.phone_numbers.create(number=offers[0].number)
    say("rest", f"bought {number.number} (id {number.id[:8]}...)")
    number = rest.phone_numbers.update(number.id, name="Acme front desk", call_relay_context=CONTEXT)
    say("rest", f"{number.number} now sends its calls to RELAY context {number.call_relay_context!r}")

    ai = agent_config()
    agent = rest.fabric.ai_agents.create(
        name="Weather",
        prompt=ai.prompt,
        post_prompt=ai.post_prompt or NOT_GIVEN,
        params=ai.params or NOT_GIVEN,
        global_data=ai.global_data or NOT_GIVEN,
        hints=ai.hints or NOT_GIVEN,
        languages=ai.languages or NOT_GIVEN,
        swaig=ai.SWAIG or NOT_GIVEN,
    )
    functions = [f.function for f in (agent.ai_agent.swaig.functions or [])] if agent.ai_agent.swaig else []
    say("rest", f"created AI agent {agent.display_name!r} (id {agent.id[:8]}...) with functions {functions}")
    assert agent.ai_agent.prompt == ai.prompt, "the agent's prompt comes back as the same SWML model"
    return number.number


async def watch_a_call(emulator: Emulator, rest: RestClient, number: str) -> None:
    relay = RelayClient(project=PROJECT, token=TOKEN, host=emulator.url, contexts=[CONTEXT])
    answered = asyncio.Event()
    ended = asyncio.Event()

    def on_event(event: RelayEvent) -> None:
        if isinstance(event, CallingCallStateEvent):
            p = event.params
            reason = f" ({p.end_reason})" if p.end_reason else ""
            say("relay", f"call {p.call_id[:8]}... on {p.context!r} is {p.call_state}{reason}")
            if p.call_state == "answered":
                answered.set()
            if p.call_state == "ended":
                ended.set()

    relay.on_event = on_event
    async with relay:
        say("relay", f"listening on context {CONTEXT!r}")
        say("rest", f"dialing {CUSTOMER} from {number}")
        call = await asyncio.to_thread(
            rest.calling.dial, from_=number, to=CUSTOMER, url="https://example.com/swml"
        )
        say("rest", f"call {call.id[:8]}... placed, status {call.status}")
        await asyncio.wait_for(answered.wait(), 5)
        info = emulator.call_info(call.id)
        say("demo", f"the emulator has the call: {info.direction}, {info.state}, context {info.context!r}")
        say("rest", "ending the call")
        ending = await asyncio.to_thread(rest.calling.end, call_id=call.id, reason="hangup")
        say("rest", f"end accepted, status {ending.status}")
        await asyncio.wait_for(ended.wait(), 5)


def main() -> int:
    # The callee rings for 2 simulated seconds (100 ms at the default time scale).
    with Emulator(project=PROJECT, token=TOKEN, timing=Timing(ring_seconds=2)) as emulator:
        say("demo", f"emulator serving RELAY and REST at {emulator.http_url}")
        with RestClient(project=PROJECT, token=TOKEN, base_url=emulator.http_url) as rest:
            number = set_up(rest)
            asyncio.run(asyncio.wait_for(watch_a_call(emulator, rest, number), 20))
            owned = [n.number for n in rest.phone_numbers.list()]
            agents = [a.display_name for a in rest.fabric.ai_agents.list()]
            say("rest", f"project now owns {owned} and AI agents {agents}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
