"""REST against the local emulator: buy a number, create a Fabric AI agent, dial a call over REST
while a RELAY client watches it, then end it over REST.

The emulator serves RELAY and REST on one port from its own thread; ``RestClient`` talks to it
through ``base_url``. The AI agent's config is built from the same SWML models a ``Document`` uses.

    python examples/rest_demo.py
"""

from __future__ import annotations

import asyncio

from signalwire_typed.emulator import Emulator, Timing
from signalwire_typed.relay import RelayClient
from signalwire_typed.rest import RestClient
from signalwire_typed.swml import models
from signalwire_typed_gen.relay.events import CallingCallStateEvent, RelayEvent

PROJECT, TOKEN = "demo-project", "demo-token"
CONTEXT = "acme-outbound"
CUSTOMER = "+15557654321"


def say(who: str, text: str) -> None:
    print(f"{who:>6} | {text}", flush=True)


def agent_config() -> tuple[models.AiPromptText, models.AiLanguage, models.Swaig]:
    prompt = models.AiPromptText(
        text="You are Riley, the front-desk assistant of Acme Dental. Be brief and friendly.",
        temperature=0.3,
    )
    language = models.AiLanguage(name="English", code="en-US", voice="elevenlabs.rachel")
    swaig = models.Swaig(
        defaults=models.SwaigDefaults(web_hook_url="https://example.com/acme/swaig"),
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
    return prompt, language, swaig


def set_up(rest: RestClient) -> str:
    """Buy a number routed to our RELAY context and create the AI agent; returns the number."""
    offers = list(rest.phone_numbers.search(areacode="512", max_results=3))
    say("rest", f"available in 512: {', '.join(n.number for n in offers)}")
    number = rest.phone_numbers.create(number=offers[0].number)
    say("rest", f"bought {number.number} (id {number.id[:8]}...)")
    number = rest.phone_numbers.update(number.id, name="Acme front desk", call_relay_context=CONTEXT)
    say("rest", f"{number.number} now sends its calls to RELAY context {number.call_relay_context!r}")

    prompt, language, swaig = agent_config()
    agent = rest.fabric.ai_agents.create(name="Riley", prompt=prompt, languages=[language], swaig=swaig)
    functions = [f.function for f in (agent.ai_agent.swaig.functions or [])] if agent.ai_agent.swaig else []
    say("rest", f"created AI agent {agent.display_name!r} (id {agent.id[:8]}...) with functions {functions}")
    assert agent.ai_agent.prompt == prompt, "the agent's prompt comes back as the same SWML model"
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
