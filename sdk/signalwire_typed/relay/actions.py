"""Handles on long-running call commands (play, record, collect, detect, tap, stream, fax, pay...).

Each action is told apart from others on the same call by its ``control_id``. ``await action.wait()``
returns the typed event that ended it; ``stop()`` and, where the wire has them, ``pause()``,
``resume()`` and ``volume()`` control it while it runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Generic, Literal, TypedDict, TypeVar, cast

from signalwire_typed_gen._runtime import JsonObject

from ._lazy import LazyModule
from .errors import RelayError

if TYPE_CHECKING:
    from signalwire_typed_gen.relay import methods

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
    from signalwire_typed_gen.relay_ai import methods as ai_methods

    from .call import Call
else:
    methods = LazyModule("signalwire_typed_gen.relay.methods", "methods", globals())
    ai_methods = LazyModule("signalwire_typed_gen.relay_ai.methods", "ai_methods", globals())

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


class _Keys(TypedDict):
    node_id: str
    call_id: str
    control_id: str


class CallEndedError(RelayError):
    """The call ended before the action reached a final state."""

    def __init__(self, method: str, call_id: str) -> None:
        super().__init__(f"call {call_id} ended before {method} finished")
        self.method = method
        self.call_id = call_id


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

    @property
    def completed(self) -> bool:
        """True once the action has ended (or failed to start)."""
        return self._done.done()

    is_done = completed

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
        raise NotImplementedError

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
            # Marks it seen: an action nobody waits on must not log "exception was never retrieved".
            self._done.exception()

    async def _send(self, method: str, params: JsonObject) -> None:
        await self.call._client.execute(method, params)

    def _keys(self) -> _Keys:
        return {**self.call._ids(), "control_id": self.control_id}


class PlayAction(Action["CallingCallPlayEvent"]):
    """A running ``play``: stop, pause, resume, volume."""

    event_type = "calling.call.play"

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        return event_type == "calling.call.play" and params.get("state") in self.final_states

    async def stop(self) -> None:
        """Stop playing (``calling.play.stop``)."""
        await self._send("calling.play.stop", methods.calling_play_stop(**self._keys()))

    async def pause(self) -> None:
        """Pause playing (``calling.play.pause``)."""
        await self._send("calling.play.pause", methods.calling_play_pause(**self._keys()))

    async def resume(self) -> None:
        """Resume a paused play (``calling.play.resume``)."""
        await self._send("calling.play.resume", methods.calling_play_resume(**self._keys()))

    async def volume(self, volume: float) -> None:
        """Change the volume, in dB from -40 to 40 (``calling.play.volume``)."""
        await self._send("calling.play.volume", methods.calling_play_volume(**self._keys(), volume=volume))


class RecordAction(Action["CallingCallRecordEvent"]):
    """A running ``record``: stop, pause, resume. The final event carries the recording's URL."""

    event_type = "calling.call.record"
    final_states = frozenset({"finished", "no_input", "error"})

    async def stop(self) -> None:
        """Stop recording (``calling.record.stop``); the final event has the recording's URL."""
        await self._send("calling.record.stop", methods.calling_record_stop(**self._keys()))

    async def pause(self, behavior: Literal["silence", "skip"] | None = None) -> None:
        """Pause recording; ``behavior`` says whether the pause is kept as silence or skipped."""
        keys = self._keys()
        params = (
            methods.calling_record_pause(**keys, behavior=behavior)
            if behavior
            else methods.calling_record_pause(**keys)
        )
        await self._send("calling.record.pause", params)

    async def resume(self) -> None:
        """Resume a paused recording (``calling.record.resume``)."""
        await self._send("calling.record.resume", methods.calling_record_resume(**self._keys()))


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

    async def stop(self) -> None:
        """Stop collecting (``calling.collect.stop``)."""
        await self._send("calling.collect.stop", methods.calling_collect_stop(**self._keys()))

    async def start_input_timers(self) -> None:
        """Start the initial_timeout timer now (for a collect started with timers held)."""
        params = methods.calling_collect_start_input_timers(**self._keys())
        await self._send("calling.collect.start_input_timers", params)


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

    async def stop(self) -> None:
        """Stop the prompt and the collect (``calling.play_and_collect.stop``)."""
        await self._send(
            "calling.play_and_collect.stop", methods.calling_play_and_collect_stop(**self._keys())
        )

    async def volume(self, volume: float) -> None:
        """Change the prompt's volume, in dB from -40 to 40."""
        params = methods.calling_play_and_collect_volume(**self._keys(), volume=volume)
        await self._send("calling.play_and_collect.volume", params)

    async def start_input_timers(self) -> None:
        """Start the initial_timeout timer now."""
        params = methods.calling_collect_start_input_timers(**self._keys())
        await self._send("calling.collect.start_input_timers", params)


class DetectAction(Action["CallingCallDetectEvent"]):
    """A running ``detect``: stop. Ends on the first thing detected, or when the detector stops."""

    event_type = "calling.call.detect"

    async def stop(self) -> None:
        """Stop detecting (``calling.detect.stop``)."""
        await self._send("calling.detect.stop", methods.calling_detect_stop(**self._keys()))

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

    async def stop(self) -> None:
        """Stop sending or receiving (``calling.send_fax.stop`` / ``calling.receive_fax.stop``)."""
        if self.method == "send_fax":
            await self._send("calling.send_fax.stop", methods.calling_send_fax_stop(**self._keys()))
        else:
            await self._send("calling.receive_fax.stop", methods.calling_receive_fax_stop(**self._keys()))

    def _is_final(self, event_type: str, params: Mapping[str, object]) -> bool:
        fax = params.get("fax")
        return event_type == "calling.call.fax" and isinstance(fax, Mapping) and fax.get("type") != "page"


class TapAction(Action["CallingCallTapEvent"]):
    """A running ``tap``: stop."""

    event_type = "calling.call.tap"
    final_states = frozenset({"finished"})

    async def stop(self) -> None:
        """Stop tapping (``calling.tap.stop``)."""
        await self._send("calling.tap.stop", methods.calling_tap_stop(**self._keys()))


class StreamAction(Action["CallingCallStreamEvent"]):
    """A running ``stream``: stop."""

    event_type = "calling.call.stream"
    final_states = frozenset({"finished"})

    async def stop(self) -> None:
        """Stop streaming (``calling.stream.stop``)."""
        await self._send("calling.stream.stop", methods.calling_stream_stop(**self._keys()))


class PayAction(Action["CallingCallPayEvent"]):
    """A running ``pay``: stop."""

    event_type = "calling.call.pay"

    async def stop(self) -> None:
        """Stop collecting the payment (``calling.pay.stop``)."""
        await self._send("calling.pay.stop", methods.calling_pay_stop(**self._keys()))


class TranscribeAction(Action["CallingCallTranscribeEvent"]):
    """A running ``transcribe``: stop. The final event carries the transcript's URL."""

    event_type = "calling.call.transcribe"
    final_states = frozenset({"finished"})

    async def stop(self) -> None:
        """Stop transcribing (``calling.transcribe.stop``)."""
        await self._send("calling.transcribe.stop", methods.calling_transcribe_stop(**self._keys()))


class AIAction(Action["RelayEvent"]):
    """A running ``ai`` agent session: stop. It ends when stopped or when the call ends."""

    event_type = "calling.call.ai"

    async def stop(self) -> None:
        """End the AI session (``calling.ai.stop``)."""
        await self._send("calling.ai.stop", ai_methods.calling_ai_stop(**self._keys()))
