"""Running user handlers: sync ones inline, async ones as tasks we keep alive and whose errors we log."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["call_handler", "spawn"]

T = TypeVar("T")
logger = logging.getLogger("signalwire_typed.relay")

# asyncio keeps only weak references to running tasks: hold them until they finish.
_running: set[asyncio.Task[object]] = set()


def _finished(task: asyncio.Task[object]) -> None:
    _running.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.error("RELAY handler %s failed", task.get_name(), exc_info=task.exception())


async def _wait(awaitable: Awaitable[object]) -> object:
    return await awaitable


def spawn(awaitable: Awaitable[object], name: str) -> asyncio.Task[object]:
    """Run ``awaitable`` as a task held until it ends; its exception, if any, is logged."""

    loop = asyncio.get_running_loop()
    if inspect.iscoroutine(awaitable):
        task: asyncio.Task[object] = loop.create_task(awaitable, name=name)
    else:
        task = loop.create_task(_wait(awaitable), name=name)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def call_handler(handler: Callable[[T], object], value: T, name: str) -> None:
    """Call ``handler(value)``; a coroutine it returns runs as a task. Errors are logged, not raised."""
    try:
        result = handler(value)
    except Exception:
        logger.exception("RELAY handler %s failed", name)
        return
    if result is not None and inspect.isawaitable(result):
        spawn(result, name)
