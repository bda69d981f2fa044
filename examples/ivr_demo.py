"""An IVR over RELAY, against the local emulator: answer, menu, digit, transfer or hang up, SMS.

The emulator runs in this process; the caller's side is scripted through its HTTP control API
(as a test or another program would), and the IVR is an ordinary ``RelayClient``.

    python examples/ivr_demo.py
"""

from __future__ import annotations

import asyncio

import httpx
from signalwire_typed.emulator import Emulator
from signalwire_typed.relay import Call, RelayClient
from signalwire_typed.relay.events import CallingCallPlayEvent, CallingCallStateEvent

CONTEXT = "acme-ivr"
CALLER, IVR_NUMBER = "+15551230000", "+15557654321"
MENU = "Welcome to Acme. Press 1 for sales, 2 for support."
DESTINATIONS = {"1": "sales", "2": "support"}


def say(who: str, text: str) -> None:
    print(f"{who:>8} | {text}", flush=True)


def build_ivr(client: RelayClient, finished: asyncio.Future[str]) -> None:
    @client.on_call
    async def on_call(call: Call) -> None:
        say("ivr", f"incoming call from {call.from_number} to {call.to_number} on {call.context!r}")
        call.on(CallingCallStateEvent, lambda e: say("relay", f"call is {e.params.call_state}"))
        call.on(CallingCallPlayEvent, lambda e: say("relay", f"menu {e.params.state}"))
        await call.answer()
        await call.wait_for_answered(timeout=5)

        say("ivr", f"menu: {MENU!r}")
        prompt = await call.prompt_tts(MENU, {"digits": {"max": 1, "digit_timeout": 5.0}})
        collected = await prompt.wait(timeout=10)
        result = collected.params.result
        digit = result.params.digits if result is not None and result.params is not None else None
        say("ivr", f"collected {result.type if result else 'nothing'}: {digit!r}")

        department = DESTINATIONS.get(digit or "")
        if department is not None:
            say("ivr", f"transferring to {department}")
            await call.transfer(dest=f"relay:{department}")
        else:
            say("ivr", "no valid choice: goodbye")
            await (await call.play_tts("Sorry, goodbye.")).wait(timeout=5)
            await call.hangup()
        await call.wait_for_ended(timeout=5)
        say("ivr", f"call ended ({call.end_reason})")

        thanks = f"Thanks for calling Acme {department or ''}".strip()
        message = await client.send_message(from_number=IVR_NUMBER, to_number=CALLER, body=thanks)
        say("ivr", f"SMS {message.message_id[:8]}... queued to {CALLER}")
        await message.wait(timeout=5)
        say("ivr", f"SMS {message.state}")
        finished.set_result(department or "hung up")


async def caller(http: httpx.AsyncClient) -> None:
    """The far end, through the emulator's HTTP control API."""
    ring = await http.post("/emulator/calls", json={"context": CONTEXT, "from": CALLER, "to": IVR_NUMBER})
    call_id = ring.json()["call_id"]
    say("caller", f"dials {IVR_NUMBER} (call {call_id[:8]}...)")
    # Wait until the menu is being collected, then press 2.
    for _ in range(500):
        info = (await http.get(f"/emulator/calls/{call_id}")).json()
        if any(c["method"] == "calling.play_and_collect" for c in info["commands"]):
            break
        await asyncio.sleep(0.01)
    say("caller", "presses 2")
    await http.post(f"/emulator/calls/{call_id}/digits", json={"digits": "2"})


async def main() -> None:
    async with Emulator() as emulator:
        say("demo", f"emulator listening on {emulator.url}")
        client = RelayClient(project="demo", token="demo-token", host=emulator.url, contexts=[CONTEXT])
        finished: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        build_ivr(client, finished)
        async with client, httpx.AsyncClient(base_url=emulator.http_url, timeout=5) as http:
            say("demo", f"IVR connected, receiving calls on {CONTEXT!r}")
            await caller(http)
            outcome = await asyncio.wait_for(finished, 20)
        commands = [str(c["method"]) for c in emulator.calls()[0].commands]
        say("demo", f"outcome: {outcome}; the emulator saw {', '.join(commands)}")


if __name__ == "__main__":
    asyncio.run(main())
