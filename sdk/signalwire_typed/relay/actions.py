"""Handles on long-running call commands (play, record, collect, detect, tap, stream, fax, pay...).

Each action is told apart from others on the same call by its ``control_id``. ``await action.wait()``
returns the typed event that ended it; ``stop()`` and, where the wire has them, ``pause()``,
``resume()`` and ``volume()`` control it while it runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar, cast

from signalwire_typed_gen._runtime import JsonObject

from .errors import RelayError

if TYPE_CHECKING:
    # Named as strings in the base classes below, so the events load only with a client.
    from signalwire_typed_gen.relay.events import (  # noqa: F401
        CallingCallCollectEvent,
        CallingCallDetectEvent,
        CallingCallFaxEvent,
        CallingCallPayEvent,
        CallingCallPlayEvent,
        CallingCallRecordEvent,
        CallingCallStreamEvent,
        CallingCallTapEvent,
        CallingCallTranscribeEvent,
        RelayEvent,
    )

    from .call import Call

__all__ = [
    "AIAction",
    "Action",
    "CallEndedError",
    "CollectAction",
    "DetectAction",
    "FaxAction",
    "PayAction",
    "PlayAction",
    "PlayAndCollectAction",
    "RecordAction",
    "StreamAction",
    "TapAction",
    "TranscribeAction",
]

EvT = TypeVar("EvT")


class CallEndedError(RelayError):
    """The call ended before the action reached a final state."""

    def __init__(self, method: str, call_id: str) -> None:
        super().__init__(f"call {call_id} ended before {method} finished")
        self.method = method
        self.call_id = call_id


def _retrieve(future: asyncio.Future[Any]) -> None:
    # An action nobody waits on must not log "exception was never retrieved".
    if not future.cancelled():
        future.exception()


class Action(Generic[EvT]):
    """A running command on a call; ``wait()`` returns the event that ended it."""

    event_type: ClassVar[str]
    """Event type that reports this action's progress."""
    final_states: ClassVar[frozenset[str]] = frozenset({"finished", "error"})

    def __init__(self, call: Call, control_id: str, method: str) -> None:
        self.call = call
        self.control_id = control_id
        self.method = method
        """The command that started it, without ``calling.`` (``play``, ``send_fax``...)."""
        self.state: str | None = None
        """Last state reported for the action (``playing``, ``finished``...)."""
        self._done: asyncio.Future[EvT] = asyncio.get_running_loop().create_future()
        self._done.add_done_callback(_retrieve)

    @property
    def completed(self) -> bool:
        """True once the action has ended (or failed to start)."""
        return self._done.done()

    @property
    def result(self) -> EvT | None:
        """The event that ended the action, or None while it runs or if it failed."""
        if self._done.done() and not self._done.cancelled() and self._done.exception() is None:
            return self._done.result()
        return None

    async def wait(self, timeout: float | None = None) -> EvT:
        """Wait for the action to end; its final event. A timeout stops the wait, not the action."""
        if timeout is None:
            return await asyncio.shield(self._done)
        async with asyncio.timeout(timeout):
            return await asyncio.shield(self._done)

    async def stop(self) -> None:
        """Stop the action (``calling.<method>.stop``)."""
        await self._control("stop")

    # --- fed by the call --------------------------------------------------------------------------

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        return params.get("state") in self.final_states

    def _feed(self, event_type: str, event: RelayEvent, params: Mapping[str, object]) -> bool:
        """Take an event carrying our control_id; True once the action has ended."""
        if event_type == self.event_type:
            state = params.get("state")
            if isinstance(state, str):
                self.state = state
        if not self._done.done() and self._is_final(event_type, params):
            self._done.set_result(cast("EvT", event))
        return self._done.done()

    def _fail(self, error: BaseException) -> None:
        if not self._done.done():
            self._done.set_exception(error)

    async def _control(self, command: str, extra: JsonObject | None = None) -> None:
        params: JsonObject = {"control_id": self.control_id}
        if extra:
            params.update(extra)
        await self.call._execute(f"calling.{self.method}.{command}", params)


class PlayAction(Action["CallingCallPlayEvent"]):
    """A running ``play``: stop, pause, resume, volume."""

    event_type = "calling.call.play"

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        return event_type == "calling.call.play" and params.get("state") in self.final_states

    async def pause(self) -> None:
        """Pause playing."""
        await self._control("pause")

    async def resume(self) -> None:
        """Resume a paused play."""
        await self._control("resume")

    async def volume(self, volume: float) -> None:
        """Change the volume, in dB from -40 to 40."""
        await self._control("volume", {"volume": volume})


class RecordAction(Action["CallingCallRecordEvent"]):
    """A running ``record``: stop, pause, resume. The final event carries the recording's URL."""

    event_type = "calling.call.record"
    final_states = frozenset({"finished", "no_input", "error"})

    async def pause(self, behavior: Literal["silence", "skip"] | None = None) -> None:
        """Pause recording; ``behavior`` says whether the pause is kept as silence or skipped."""
        await self._control("pause", {"behavior": behavior} if behavior else None)

    async def resume(self) -> None:
        """Resume a paused recording."""
        await self._control("resume")


def _collect_final(event_type: str, params: Mapping[str, object]) -> bool:
    if event_type != "calling.call.collect":
        return False
    # A partial speech result says final: false; anything else with a result ends the collect.
    if params.get("result") and params.get("final") is not False:
        return True
    return params.get("state") in {"finished", "error", "no_input", "no_match"}


class CollectAction(Action["CallingCallCollectEvent"]):
    """A running ``collect`` (no prompt): stop, start_input_timers. Ends with the collect result."""

    event_type = "calling.call.collect"

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        return _collect_final(event_type, params)

    async def start_input_timers(self) -> None:
        """Start the initial_timeout timer now (for a collect started with timers held)."""
        await self.call._execute("calling.collect.start_input_timers", {"control_id": self.control_id})


class PlayAndCollectAction(Action["CallingCallCollectEvent"]):
    """A running ``play_and_collect``: stop, volume. Ends with the collect result (play events
    share the control_id and only update ``play_state``)."""

    event_type = "calling.call.collect"

    def __init__(self, call: Call, control_id: str, method: str) -> None:
        super().__init__(call, control_id, method)
        self.play_state: str | None = None

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        if event_type == "calling.call.play":
            state = params.get("state")
            if isinstance(state, str):
                self.play_state = state
            return False
        return _collect_final(event_type, params)

    async def volume(self, volume: float) -> None:
        """Change the prompt's volume, in dB from -40 to 40."""
        await self._control("volume", {"volume": volume})

    async def start_input_timers(self) -> None:
        """Start the initial_timeout timer now."""
        await self.call._execute("calling.collect.start_input_timers", {"control_id": self.control_id})


class DetectAction(Action["CallingCallDetectEvent"]):
    """A running ``detect``: stop. Ends on the first thing detected, or when the detector stops."""

    event_type = "calling.call.detect"

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        if event_type != "calling.call.detect":
            return False
        detect = params.get("detect")
        if isinstance(detect, Mapping):
            inner = detect.get("params")
            happened = inner.get("event") if isinstance(inner, Mapping) else None
            # "finished"/"error" close the detector; READY and the like are only progress.
            return happened not in {None, "READY", "NOT_READY"}
        return params.get("state") in self.final_states


class FaxAction(Action["CallingCallFaxEvent"]):
    """A running ``send_fax`` or ``receive_fax``: stop. Ends when the transfer finishes or fails."""

    event_type = "calling.call.fax"

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        fax = params.get("fax")
        return event_type == "calling.call.fax" and isinstance(fax, Mapping) and fax.get("type") != "page"


class TapAction(Action["CallingCallTapEvent"]):
    """A running ``tap``: stop."""

    event_type = "calling.call.tap"
    final_states = frozenset({"finished"})


class StreamAction(Action["CallingCallStreamEvent"]):
    """A running ``stream``: stop."""

    event_type = "calling.call.stream"
    final_states = frozenset({"finished"})


class PayAction(Action["CallingCallPayEvent"]):
    """A running ``pay``: stop."""

    event_type = "calling.call.pay"


class TranscribeAction(Action["CallingCallTranscribeEvent"]):
    """A running ``transcribe``: stop. The final event carries the transcript's URL."""

    event_type = "calling.call.transcribe"
    final_states = frozenset({"finished"})


class AIAction(Action["RelayEvent"]):
    """A running ``ai`` agent session: stop. It ends when stopped or when the call ends."""

    event_type = "calling.call.ai"
