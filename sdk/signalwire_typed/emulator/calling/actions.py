"""Long-running calling commands (play, collect, record, detect, tap, ...) as small state machines.

Each action is keyed by its ``control_id`` on the call, emits its own event type with
``control_id``, ``call_id`` and ``node_id``, and reaches a terminal state by itself, when
stopped, or when the call ends (so no client waits forever).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import ClassVar

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..calls import CallRecord
from ..core import EmulatorCore

__all__ = ["Action"]


class Action:
    event_type: ClassVar[str]
    # The state the action reports when stopped or when its call ends.
    final_state: ClassVar[str] = "finished"

    def __init__(self, core: EmulatorCore, call: CallRecord, control_id: str) -> None:
        self.core = core
        self.call = call
        self.control_id = control_id
        self.timer: asyncio.Handle | None = None
        self.done = False
        self.started_at = time.monotonic()

    def emit(self, params: JsonObject, event_type: str | None = None) -> None:
        full: JsonObject = {"control_id": self.control_id, **self.call.ids(), **params}
        self.core.emit_call(self.call, event_type or self.event_type, full)

    def start(self) -> None:
        """Register on the call and emit the first events (after the command's result)."""
        self.call.actions[self.control_id] = self
        self.core.soon(self.begin)

    def begin(self) -> None:
        raise NotImplementedError

    def schedule(self, simulated_seconds: float, callback: Callable[[], None]) -> None:
        self.core.scheduler.cancel(self.timer)
        self.timer = self.core.later(simulated_seconds, callback)

    def finish(self, params: JsonObject | None = None) -> None:
        """Emit the terminal event (by default ``state: final_state``) and forget the action."""
        if self.done:
            return
        self.done = True
        self.core.scheduler.cancel(self.timer)
        self.call.actions.pop(self.control_id, None)
        self.emit(params if params is not None else {"state": self.final_state})

    def stop(self) -> None:
        self.finish()

    def call_ended(self) -> None:
        self.finish()

    def on_digits(self, digits: str) -> str:
        """Offer far-end DTMF; returns what this action did not consume."""
        return digits

    def on_speech(self, text: str) -> bool:
        return False

    def elapsed(self) -> float:
        """Simulated seconds since the action started."""
        scale = self.core.timing.time_scale or 1.0
        return round((time.monotonic() - self.started_at) / scale, 3)


def media_seconds(core: EmulatorCore, media: list[JsonValue]) -> float:
    """How long a list of media items plays, in simulated seconds."""
    total = 0.0
    for item in media:
        if not isinstance(item, dict):
            continue
        params = item.get("params")
        duration = params.get("duration") if isinstance(params, dict) else None
        if (item.get("type") == "silence" and isinstance(duration, int | float)) or (
            item.get("type") == "ringtone" and isinstance(duration, int | float)
        ):
            total += float(duration)
        else:
            total += core.timing.media_seconds
    return total
