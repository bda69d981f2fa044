"""Running a RelayClient against the emulator in one event loop, with bounded waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from signalwire_typed.emulator import Emulator
from signalwire_typed.relay import Call, Message, RelayClient


def run(coro: Coroutine[Any, Any, None], timeout: float = 20.0) -> None:
    """Run one test coroutine with a hard time limit."""
    asyncio.run(asyncio.wait_for(coro, timeout))


async def until(check: Callable[[], object], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.005)


class Inbox:
    """Calls and messages a client was offered, in order."""

    def __init__(self, client: RelayClient) -> None:
        self.calls: asyncio.Queue[Call] = asyncio.Queue()
        self.messages: asyncio.Queue[Message] = asyncio.Queue()
        client.on_call(self._call)
        client.on_message(self._message)

    async def _call(self, call: Call) -> None:
        await self.calls.put(call)

    async def _message(self, message: Message) -> None:
        await self.messages.put(message)

    async def call(self, timeout: float = 5.0) -> Call:
        async with asyncio.timeout(timeout):
            return await self.calls.get()

    async def message(self, timeout: float = 5.0) -> Message:
        async with asyncio.timeout(timeout):
            return await self.messages.get()


@asynccontextmanager
async def connected(
    emulator: Emulator, contexts: list[str], **kwargs: Any
) -> AsyncIterator[tuple[RelayClient, Inbox]]:
    client = RelayClient(
        project="p", token="t", host=emulator.url, contexts=contexts, reconnect_delay=0.01, **kwargs
    )
    inbox = Inbox(client)
    async with client:
        yield client, inbox


async def answered_call(emulator: Emulator, inbox: Inbox, context: str = "office") -> Call:
    emulator.ring(context)
    call = await inbox.call()
    await call.answer()
    await call.wait_for_answered(timeout=5)
    return call


def commands(emulator: Emulator, call: Call) -> list[str]:
    return [str(c["method"]) for c in emulator.call_info(call.call_id).commands]
