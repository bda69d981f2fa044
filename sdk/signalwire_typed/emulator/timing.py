"""How long simulated things take, and the scheduler that runs state machine steps in order.

Steps due "now" run in FIFO order right after the current frame is answered, so a command's
result always precedes its events and the event order is deterministic.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Scheduler", "Timing"]


@dataclass(frozen=True, slots=True)
class Timing:
    """Durations of the simulated far end, in seconds of simulated time.

    ``time_scale`` turns simulated seconds into real ones: 0.05 (the default) makes a 5 s
    collect timeout fire after 250 ms. ``event_delay`` is real time between successive
    events of one state machine (0: back to back, right after the command's result).
    """

    time_scale: float = 0.05
    event_delay: float = 0.0
    media_seconds: float = 0.0
    """How long one audio, tts or ringtone item plays (silence plays its own duration)."""
    ring_seconds: float = 0.0
    """How long an outbound leg rings before the far end answers."""

    def __post_init__(self) -> None:
        for name in ("time_scale", "event_delay", "media_seconds", "ring_seconds"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"Timing.{name} must be a non-negative number of seconds, got {value!r}")

    def real(self, simulated: float) -> float:
        return max(0.0, simulated * self.time_scale)


class Scheduler:
    """Runs callbacks later on the loop; every pending one is cancelled by :meth:`cancel_all`."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._handles: set[asyncio.Handle] = set()

    def later(self, delay: float, callback: Callable[[], None]) -> asyncio.Handle:
        def run() -> None:
            self._handles.discard(handle)
            callback()

        handle: asyncio.Handle = (
            self._loop.call_soon(run) if delay <= 0 else self._loop.call_later(delay, run)
        )
        self._handles.add(handle)
        return handle

    def cancel(self, handle: asyncio.Handle | None) -> None:
        if handle is not None:
            handle.cancel()
            self._handles.discard(handle)

    def cancel_all(self) -> None:
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()
