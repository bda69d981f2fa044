"""A live call: its state, its typed events, and one typed method per calling command."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias, TypedDict, TypeVar, cast, overload

from signalwire_typed_gen._runtime import JsonObject

from ._lazy import LazyModule
from ._tasks import call_handler
from .actions import (
    Action,
    AIAction,
    CallEndedError,
    CollectAction,
    DetectAction,
    FaxAction,
    PayAction,
    PlayAction,
    PlayAndCollectAction,
    RecordAction,
    StreamAction,
    TapAction,
    TranscribeAction,
)

if TYPE_CHECKING:
    from signalwire_typed_gen.relay import convert, dicts, methods, models
    from signalwire_typed_gen.relay.events import CallingCallStateEvent, RelayEvent
    from signalwire_typed_gen.relay_ai import methods as ai_methods
    from signalwire_typed_gen.relay_ai import models as ai_models
    from typing_extensions import Unpack

else:
    convert = LazyModule("signalwire_typed_gen.relay.convert", "convert", globals())
    models = LazyModule("signalwire_typed_gen.relay.models", "models", globals())
    methods = LazyModule("signalwire_typed_gen.relay.methods", "methods", globals())
    ai_methods = LazyModule("signalwire_typed_gen.relay_ai.methods", "ai_methods", globals())

__all__ = ["CALL_STATES", "Call", "CallState"]

if TYPE_CHECKING:
    Media: TypeAlias = (
        "dicts.PlayAudioDict | dicts.PlayTtsDict | dicts.PlaySilenceDict | dicts.PlayRingtoneDict"
    )

logger = logging.getLogger("signalwire_typed.relay")

CallState = Literal["created", "ringing", "answered", "ending", "ended"]
CALL_STATES: Final[tuple[CallState, ...]] = ("created", "ringing", "answered", "ending", "ended")
_RANK: Final[dict[str, int]] = {state: rank for rank, state in enumerate(CALL_STATES)}

EvT = TypeVar("EvT")
ActionT = TypeVar("ActionT", bound="Action[Any]")
EndReason = Literal["hangup", "cancel", "busy", "noAnswer", "decline", "error"]


class Executor(Protocol):
    """What a call needs from its client: sending one request."""

    async def execute(self, method: str, params: JsonObject, timeout: float | None = None) -> JsonObject: ...


def _event_type_of(cls: type[object]) -> str:
    event_type = getattr(cls, "event_type", None)
    if not isinstance(event_type, str):
        raise TypeError(f"{cls!r} is not a RELAY event class (it has no event_type)")
    return event_type


_CONTROL_PREFIX = os.urandom(8).hex()
_control_ids = itertools.count(1)


def new_control_id() -> str:
    """A fresh control_id for an action: a random per-process prefix and a counter."""
    return f"{_CONTROL_PREFIX}-{next(_control_ids)}"


class Call:
    """One call leg. Received calls come to ``@client.on_call``; ``client.dial(...)`` places new ones.

    ``call.state`` follows ``calling.call.state`` events; ``call.on(CallingCallPlayEvent, handler)``
    (or ``call.on("calling.call.play", handler)``) gets this call's events; the command methods
    (``answer``, ``play``, ``collect``...) send ``calling.<command>`` for this call.
    """

    def __init__(
        self,
        client: Executor,
        *,
        call_id: str,
        node_id: str,
        context: str | None = None,
        tag: str | None = None,
        direction: str | None = None,
        state: str = "created",
        device: JsonObject | None = None,
    ) -> None:
        self._client = client
        self.call_id = call_id
        self.node_id = node_id
        self.context = context
        """Context the call came in on (inbound calls)."""
        self.tag = tag
        """Correlation tag: the one given to ``dial`` for outbound legs."""
        self.direction = direction
        """``inbound`` or ``outbound``."""
        self.state: str = state
        """``created``, ``ringing``, ``answered``, ``ending`` or ``ended``."""
        self.end_reason: str | None = None
        self._device: JsonObject = device or {}
        self._peer: JsonObject | None = None
        self._listeners: dict[str, list[Callable[[RelayEvent], object]]] = {}
        self._actions: dict[str, Action[object]] = {}
        self._ended: asyncio.Future[CallingCallStateEvent] = asyncio.get_running_loop().create_future()

    # --- what the device says --------------------------------------------------------------------

    @property
    def from_number(self) -> str | None:
        """Calling party (phone) or SIP from address."""
        return self._device_param("from_number", "from")

    @property
    def to_number(self) -> str | None:
        """Called party (phone) or SIP to address."""
        return self._device_param("to_number", "to")

    @property
    def device(self) -> models.CallDevice | None:
        """The far end as the server described it (phone numbers or SIP addresses), typed."""
        if not self._device:
            return None
        return convert.from_dict(models.CallDevice, self._device, "$.device")

    @property
    def peer(self) -> models.CallPeer | None:
        """The call this one is connected (bridged) to, while it is."""
        if self._peer is None:
            return None
        return convert.from_dict(models.CallPeer, self._peer, "$.peer")

    def _device_param(self, phone_key: str, sip_key: str) -> str | None:
        params = self._device.get("params")
        if isinstance(params, dict):
            value = params.get(phone_key, params.get(sip_key))
            if isinstance(value, str):
                return value
        return None

    # --- events ------------------------------------------------------------------------------------

    @overload
    def on(self, event: type[EvT], handler: Callable[[EvT], object]) -> Callable[[], None]: ...

    @overload
    def on(self, event: str, handler: Callable[[RelayEvent], object]) -> Callable[[], None]: ...

    def on(self, event: type[EvT] | str, handler: Callable[[EvT], object]) -> Callable[[], None]:
        """Call ``handler`` with each event of this type for this call; it may be async.

        ``event`` is an event class (``CallingCallPlayEvent``: the handler gets that class) or an
        event type (``"calling.call.play"``). Returns a function that removes the handler.
        """
        event_type = event if isinstance(event, str) else _event_type_of(event)
        listener = cast("Callable[[RelayEvent], object]", handler)
        self._listeners.setdefault(event_type, []).append(listener)

        def remove() -> None:
            handlers = self._listeners.get(event_type)
            if handlers and listener in handlers:
                handlers.remove(listener)

        return remove

    @overload
    async def wait_for(
        self,
        event: type[EvT],
        predicate: Callable[[EvT], bool] | None = None,
        *,
        timeout: float | None = None,
    ) -> EvT: ...

    @overload
    async def wait_for(
        self,
        event: CallState,
        predicate: None = None,
        *,
        timeout: float | None = None,
    ) -> CallingCallStateEvent | None: ...

    async def wait_for(
        self,
        event: type[EvT] | CallState,
        predicate: Callable[[EvT], bool] | None = None,
        *,
        timeout: float | None = None,
    ) -> EvT | CallingCallStateEvent | None:
        """Wait for the next event of a class (matching ``predicate``), or for a call state.

        ``await call.wait_for("ended")`` returns at once (with None) if the call is already in or
        past that state, else the ``calling.call.state`` event that brought it there.
        """
        if isinstance(event, str):
            return await self._wait_for_state(event, timeout)
        future: asyncio.Future[EvT] = asyncio.get_running_loop().create_future()

        def check(e: EvT) -> None:
            if not future.done() and (predicate is None or predicate(e)):
                future.set_result(e)

        remove = self.on(event, check)
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            remove()

    async def _wait_for_state(self, state: CallState, timeout: float | None) -> CallingCallStateEvent | None:
        if state not in _RANK:
            raise ValueError(f"unknown call state {state!r}; expected one of {', '.join(CALL_STATES)}")
        target = _RANK[state]
        if _RANK.get(self.state, -1) >= target:
            return None
        if state == "ended":
            async with asyncio.timeout(timeout):
                return await asyncio.shield(self._ended)
        future: asyncio.Future[CallingCallStateEvent] = asyncio.get_running_loop().create_future()

        def check(e: CallingCallStateEvent) -> None:
            if not future.done() and _RANK.get(self.state, -1) >= target:
                future.set_result(e)

        remove = self.on("calling.call.state", cast("Callable[[RelayEvent], object]", check))
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            remove()

    async def wait_for_ringing(self, timeout: float | None = None) -> CallingCallStateEvent | None:
        """Wait until the call rings (None at once if it already did)."""
        return await self._wait_for_state("ringing", timeout)

    async def wait_for_answered(self, timeout: float | None = None) -> CallingCallStateEvent | None:
        """Wait until the call is answered (None at once if it already was)."""
        return await self._wait_for_state("answered", timeout)

    async def wait_for_ending(self, timeout: float | None = None) -> CallingCallStateEvent | None:
        """Wait until the call is ending (None at once if it already is, or ended)."""
        return await self._wait_for_state("ending", timeout)

    async def wait_for_ended(self, timeout: float | None = None) -> CallingCallStateEvent | None:
        """Wait until the call has ended (None at once if it already had)."""
        return await self._wait_for_state("ended", timeout)

    # --- plumbing used by the client and the command methods ---------------------------------------

    def _dispatch(self, event_type: str, event: RelayEvent, params: Mapping[str, object]) -> None:
        """Take one event for this call (called by the client, in arrival order)."""
        if event_type == "calling.call.state":
            self._state_changed(event, params)
        elif event_type == "calling.call.connect":
            state = params.get("connect_state")
            peer = params.get("peer")
            self._peer = cast("JsonObject", peer) if state == "connected" and isinstance(peer, dict) else None
        control_id = params.get("control_id")
        if isinstance(control_id, str):
            action = self._actions.get(control_id)
            if action is not None and action._feed(event_type, event, params):
                del self._actions[action.control_id]
        handlers = self._listeners.get(event_type)
        if handlers:
            for handler in tuple(handlers):
                call_handler(handler, event, f"{event_type} handler of call {self.call_id}")

    def _state_changed(self, event: RelayEvent, params: Mapping[str, object]) -> None:
        state = params.get("call_state")
        if isinstance(state, str):
            self.state = state
        reason = params.get("end_reason")
        if isinstance(reason, str):
            self.end_reason = reason
        if self.state == "ended":
            if not self._ended.done():
                self._ended.set_result(cast("CallingCallStateEvent", event))
            for action in self._actions.values():
                action._fail(CallEndedError(action.method, self.call_id))
            self._actions.clear()

    # --- commands ----------------------------------------------------------------------------------
    # Params are built by the generated builders of each method: checked against the spec before
    # anything is sent (ValidationError names the JSON path of a mistake), nested values given as
    # models or as plain dicts. Results come back typed.

    def _ids(self) -> _Ids:
        return {"node_id": self.node_id, "call_id": self.call_id}

    async def _start(self, action: ActionT, params: JsonObject) -> ActionT:
        method = f"calling.{action.method}"
        if self.state == "ended":
            raise CallEndedError(method, self.call_id)
        self._actions[action.control_id] = action
        try:
            await self._client.execute(method, params)
        except BaseException as exc:
            self._actions.pop(action.control_id, None)
            action._fail(exc)
            raise
        return action

    async def answer(self, **options: Unpack[methods.CallingAnswerInput]) -> models.CallingAnswerResult:
        """Answer an inbound call (``calling.answer``); ``call.state`` turns answered with the next event."""
        params = methods.calling_answer(**self._ids(), **options)
        return methods.calling_answer_result(await self._client.execute("calling.answer", params))

    async def hangup(self, reason: EndReason = "hangup") -> models.CallingEndResult:
        """End the call (``calling.end``)."""
        params = methods.calling_end(**self._ids(), reason=reason)
        return methods.calling_end_result(await self._client.execute("calling.end", params))

    async def pass_(self) -> models.CallingPassResult:
        """Decline an inbound call so another client on its context can take it (``calling.pass``)."""
        params = methods.calling_pass(**self._ids())
        return methods.calling_pass_result(await self._client.execute("calling.pass", params))

    # play

    async def play(self, **options: Unpack[methods.CallingPlayInput]) -> PlayAction:
        """Play media (``calling.play``), e.g. ``play=[{"type": "tts", "params": {"text": "Hi"}}]``."""
        action = PlayAction(self, new_control_id(), "play")
        return await self._start(
            action, methods.calling_play(**self._ids(), control_id=action.control_id, **options)
        )

    async def play_tts(
        self,
        text: str,
        *,
        language: str | None = None,
        gender: Literal["male", "female"] | None = None,
        voice: str | None = None,
        volume: float | None = None,
    ) -> PlayAction:
        """Speak ``text`` (``calling.play`` of one tts item)."""
        return await self.play(**_play(_tts(text, language, gender, voice), volume))

    async def play_audio(self, url: str, *, volume: float | None = None) -> PlayAction:
        """Play the audio file at ``url``."""
        return await self.play(**_play({"type": "audio", "params": {"url": url}}, volume))

    async def play_silence(self, duration: float) -> PlayAction:
        """Play ``duration`` seconds of silence."""
        return await self.play(play=[{"type": "silence", "params": {"duration": duration}}])

    async def play_ringtone(
        self, name: str, *, duration: float | None = None, volume: float | None = None
    ) -> PlayAction:
        """Play the ringtone of a country (``us``, ``gb``, ``it``...)."""
        ring: dicts.PlayRingtoneParamsDict = {"name": name}
        if duration is not None:
            ring["duration"] = duration
        return await self.play(**_play({"type": "ringtone", "params": ring}, volume))

    # collect

    async def collect(self, **options: Unpack[methods.CallingCollectInput]) -> CollectAction:
        """Collect digits and/or speech without a prompt (``calling.collect``),
        e.g. ``digits={"max": 1, "digit_timeout": 5.0}``."""
        action = CollectAction(self, new_control_id(), "collect")
        params = methods.calling_collect(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def play_and_collect(
        self, **options: Unpack[methods.CallingPlayAndCollectInput]
    ) -> PlayAndCollectAction:
        """Play a prompt and collect input (``calling.play_and_collect``); ``wait()`` gives the result."""
        action = PlayAndCollectAction(self, new_control_id(), "play_and_collect")
        params = methods.calling_play_and_collect(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def prompt_tts(
        self,
        text: str,
        collect: dicts.CollectDict | models.Collect,
        *,
        language: str | None = None,
        gender: Literal["male", "female"] | None = None,
        voice: str | None = None,
        volume: float | None = None,
    ) -> PlayAndCollectAction:
        """Speak ``text`` and collect input: ``call.prompt_tts("Press 1", {"digits": {"max": 1}})``."""
        return await self.play_and_collect(**_prompt(_tts(text, language, gender, voice), collect, volume))

    async def prompt_audio(
        self, url: str, collect: dicts.CollectDict | models.Collect, *, volume: float | None = None
    ) -> PlayAndCollectAction:
        """Play the audio at ``url`` and collect input (digits and/or speech)."""
        return await self.play_and_collect(
            **_prompt({"type": "audio", "params": {"url": url}}, collect, volume)
        )

    # record

    async def record(self, **options: Unpack[methods.CallingRecordInput]) -> RecordAction:
        """Record the call (``calling.record``), e.g. ``record={"audio": {"format": "mp3"}}``;
        the final event carries the recording's URL."""
        action = RecordAction(self, new_control_id(), "record")
        params = methods.calling_record(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    # detect

    async def detect(self, **options: Unpack[methods.CallingDetectInput]) -> DetectAction:
        """Detect a machine, fax tones or digits (``calling.detect``)."""
        action = DetectAction(self, new_control_id(), "detect")
        params = methods.calling_detect(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def detect_answering_machine(
        self, *, timeout: float | None = None, **params: Unpack[dicts.DetectMachineParamsDict]
    ) -> DetectAction:
        """Detect whether a human or a machine answered."""
        return await self.detect(**_detect({"type": "machine", "params": params}, timeout))

    async def detect_fax(
        self, *, tone: Literal["CED", "CNG"] | None = None, timeout: float | None = None
    ) -> DetectAction:
        """Detect fax tones."""
        fax: dicts.DetectFaxParamsDict = {} if tone is None else {"tone": tone}
        return await self.detect(**_detect({"type": "fax", "params": fax}, timeout))

    async def detect_digit(self, *, digits: str | None = None, timeout: float | None = None) -> DetectAction:
        """Detect DTMF digits (of ``digits`` only, if given)."""
        digit: dicts.DetectDigitParamsDict = {} if digits is None else {"digits": digits}
        return await self.detect(**_detect({"type": "digit", "params": digit}, timeout))

    # bridging and transfer

    async def connect(self, **options: Unpack[methods.CallingConnectInput]) -> models.CallingConnectResult:
        """Bridge this call to another (``calling.connect``): ``devices`` is a plan, a list tried in
        order of lists rung together; ``call.peer`` is set once connected."""
        params = methods.calling_connect(**self._ids(), **options)
        return methods.calling_connect_result(await self._client.execute("calling.connect", params))

    async def disconnect(self) -> models.CallingDisconnectResult:
        """Undo a connect (``calling.disconnect``)."""
        params = methods.calling_disconnect(**self._ids())
        return methods.calling_disconnect_result(await self._client.execute("calling.disconnect", params))

    async def transfer(self, **options: Unpack[methods.CallingTransferInput]) -> models.CallingTransferResult:
        """Hand the call to another RELAY context or a SWML script (``calling.transfer``)."""
        params = methods.calling_transfer(**self._ids(), **options)
        return methods.calling_transfer_result(await self._client.execute("calling.transfer", params))

    async def refer(self, **options: Unpack[methods.CallingReferInput]) -> models.CallingReferResult:
        """Transfer a SIP call with a SIP REFER (``calling.refer``)."""
        params = methods.calling_refer(**self._ids(), **options)
        return methods.calling_refer_result(await self._client.execute("calling.refer", params))

    async def send_digits(self, digits: str) -> models.CallingSendDigitsResult:
        """Send DTMF ``digits`` (0-9, *, #, w for a pause) on the call (``calling.send_digits``)."""
        params = methods.calling_send_digits(**self._ids(), control_id=new_control_id(), digits=digits)
        return methods.calling_send_digits_result(await self._client.execute("calling.send_digits", params))

    # media streams

    async def tap(self, **options: Unpack[methods.CallingTapInput]) -> TapAction:
        """Copy the call's media to an RTP or WebSocket endpoint (``calling.tap``)."""
        action = TapAction(self, new_control_id(), "tap")
        return await self._start(
            action, methods.calling_tap(**self._ids(), control_id=action.control_id, **options)
        )

    async def stream(self, **options: Unpack[methods.CallingStreamInput]) -> StreamAction:
        """Stream the call's audio to a WebSocket URL (``calling.stream``)."""
        action = StreamAction(self, new_control_id(), "stream")
        params = methods.calling_stream(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def denoise(self) -> models.CallingDenoiseResult:
        """Start noise reduction (``calling.denoise``)."""
        params = methods.calling_denoise(**self._ids())
        return methods.calling_denoise_result(await self._client.execute("calling.denoise", params))

    async def denoise_stop(self) -> models.CallingDenoiseStopResult:
        """Stop noise reduction (``calling.denoise.stop``)."""
        params = methods.calling_denoise_stop(**self._ids())
        return methods.calling_denoise_stop_result(await self._client.execute("calling.denoise.stop", params))

    async def echo(self, **options: Unpack[methods.CallingEchoInput]) -> models.CallingEchoResult:
        """Echo the caller's audio back (``calling.echo``), for testing."""
        params = methods.calling_echo(**self._ids(), **options)
        return methods.calling_echo_result(await self._client.execute("calling.echo", params))

    async def hold(self) -> models.CallingHoldResult:
        """Put the call on hold (``calling.hold``)."""
        params = methods.calling_hold(**self._ids())
        return methods.calling_hold_result(await self._client.execute("calling.hold", params))

    async def unhold(self) -> models.CallingUnholdResult:
        """Take the call off hold (``calling.unhold``)."""
        params = methods.calling_unhold(**self._ids())
        return methods.calling_unhold_result(await self._client.execute("calling.unhold", params))

    # payments, fax, transcription

    async def pay(self, **options: Unpack[methods.CallingPayInput]) -> PayAction:
        """Collect a card payment through a payment connector (``calling.pay``)."""
        action = PayAction(self, new_control_id(), "pay")
        return await self._start(
            action, methods.calling_pay(**self._ids(), control_id=action.control_id, **options)
        )

    async def send_fax(self, **options: Unpack[methods.CallingSendFaxInput]) -> FaxAction:
        """Send the fax ``document`` (a URL) (``calling.send_fax``)."""
        action = FaxAction(self, new_control_id(), "send_fax")
        params = methods.calling_send_fax(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def receive_fax(self) -> FaxAction:
        """Receive a fax (``calling.receive_fax``); the final event has the document's URL."""
        action = FaxAction(self, new_control_id(), "receive_fax")
        return await self._start(
            action, methods.calling_receive_fax(**self._ids(), control_id=action.control_id)
        )

    async def transcribe(self, **options: Unpack[methods.CallingTranscribeInput]) -> TranscribeAction:
        """Transcribe the call until stopped (``calling.transcribe``)."""
        action = TranscribeAction(self, new_control_id(), "transcribe")
        params = methods.calling_transcribe(**self._ids(), control_id=action.control_id, **options)
        return await self._start(action, params)

    async def live_transcribe(
        self, **options: Unpack[ai_methods.CallingLiveTranscribeInput]
    ) -> ai_models.CallingLiveTranscribeResult:
        """Start or stop live transcription (``calling.live_transcribe``)."""
        params = ai_methods.calling_live_transcribe(**self._ids(), **options)
        return ai_methods.calling_live_transcribe_result(
            await self._client.execute("calling.live_transcribe", params)
        )

    async def live_translate(
        self, **options: Unpack[ai_methods.CallingLiveTranslateInput]
    ) -> ai_models.CallingLiveTranslateResult:
        """Start or stop live translation (``calling.live_translate``)."""
        params = ai_methods.calling_live_translate(**self._ids(), **options)
        return ai_methods.calling_live_translate_result(
            await self._client.execute("calling.live_translate", params)
        )

    # digit bindings and user events

    async def bind_digit(
        self, **options: Unpack[methods.CallingBindDigitInput]
    ) -> models.CallingBindDigitResult:
        """Run a calling method whenever the caller presses ``digits`` (``calling.bind_digit``)."""
        params = methods.calling_bind_digit(**self._ids(), **options)
        return methods.calling_bind_digit_result(await self._client.execute("calling.bind_digit", params))

    async def clear_digit_bindings(
        self, **options: Unpack[methods.CallingClearDigitBindingsInput]
    ) -> models.CallingClearDigitBindingsResult:
        """Remove digit bindings, of one realm or all (``calling.clear_digit_bindings``)."""
        params = methods.calling_clear_digit_bindings(**self._ids(), **options)
        result = await self._client.execute("calling.clear_digit_bindings", params)
        return methods.calling_clear_digit_bindings_result(result)

    async def user_event(
        self, **options: Unpack[methods.CallingUserEventInput]
    ) -> models.CallingUserEventResult:
        """Send a custom event to the call's other listeners (``calling.user_event``)."""
        params = methods.calling_user_event(**self._ids(), **options)
        return methods.calling_user_event_result(await self._client.execute("calling.user_event", params))

    # conferences, rooms, queues

    async def join_conference(
        self, **options: Unpack[methods.CallingJoinConferenceInput]
    ) -> models.CallingJoinConferenceResult:
        """Join the audio conference ``name`` (``calling.join_conference``)."""
        params = methods.calling_join_conference(**self._ids(), **options)
        return methods.calling_join_conference_result(
            await self._client.execute("calling.join_conference", params)
        )

    async def leave_conference(
        self, **options: Unpack[methods.CallingLeaveConferenceInput]
    ) -> models.CallingLeaveConferenceResult:
        """Leave a conference (``calling.leave_conference``)."""
        params = methods.calling_leave_conference(**self._ids(), **options)
        result = await self._client.execute("calling.leave_conference", params)
        return methods.calling_leave_conference_result(result)

    async def join_room(
        self, **options: Unpack[methods.CallingJoinRoomInput]
    ) -> models.CallingJoinRoomResult:
        """Join the video room ``name`` (``calling.join_room``)."""
        params = methods.calling_join_room(**self._ids(), **options)
        return methods.calling_join_room_result(await self._client.execute("calling.join_room", params))

    async def leave_room(self) -> models.CallingLeaveRoomResult:
        """Leave the video room (``calling.leave_room``)."""
        params = methods.calling_leave_room(**self._ids())
        return methods.calling_leave_room_result(await self._client.execute("calling.leave_room", params))

    async def queue_enter(
        self, **options: Unpack[methods.CallingQueueEnterInput]
    ) -> models.CallingQueueEnterResult:
        """Put the call in the queue ``queue_name`` (``calling.queue.enter``)."""
        params = methods.calling_queue_enter(**self._ids(), control_id=new_control_id(), **options)
        return methods.calling_queue_enter_result(await self._client.execute("calling.queue.enter", params))

    async def queue_leave(
        self, **options: Unpack[methods.CallingQueueLeaveInput]
    ) -> models.CallingQueueLeaveResult:
        """Take the call out of a queue (``calling.queue.leave``)."""
        params = methods.calling_queue_leave(**self._ids(), control_id=new_control_id(), **options)
        return methods.calling_queue_leave_result(await self._client.execute("calling.queue.leave", params))

    # AI

    async def ai(self, **options: Unpack[ai_methods.CallingAiInput]) -> AIAction:
        """Hand the call to an AI agent (``calling.ai``) until stopped or the call ends."""
        action = AIAction(self, new_control_id(), "ai")
        return await self._start(
            action, ai_methods.calling_ai(**self._ids(), control_id=action.control_id, **options)
        )

    async def amazon_bedrock(
        self, **options: Unpack[ai_methods.CallingAmazonBedrockInput]
    ) -> ai_models.CallingAmazonBedrockResult:
        """Hand the call to an Amazon Bedrock agent (``calling.amazon_bedrock``)."""
        params = ai_methods.calling_amazon_bedrock(**self._ids(), **options)
        return ai_methods.calling_amazon_bedrock_result(
            await self._client.execute("calling.amazon_bedrock", params)
        )

    async def ai_message(
        self, **options: Unpack[ai_methods.CallingAiMessageInput]
    ) -> ai_models.CallingAiMessageResult:
        """Send a message into the running AI session (``calling.ai_message``)."""
        params = ai_methods.calling_ai_message(**self._ids(), **options)
        return ai_methods.calling_ai_message_result(await self._client.execute("calling.ai_message", params))

    async def ai_hold(
        self, **options: Unpack[ai_methods.CallingAiHoldInput]
    ) -> ai_models.CallingAiHoldResult:
        """Put the AI session on hold (``calling.ai_hold``)."""
        params = ai_methods.calling_ai_hold(**self._ids(), **options)
        return ai_methods.calling_ai_hold_result(await self._client.execute("calling.ai_hold", params))

    async def ai_unhold(
        self, **options: Unpack[ai_methods.CallingAiUnholdInput]
    ) -> ai_models.CallingAiUnholdResult:
        """Resume the AI session (``calling.ai_unhold``)."""
        params = ai_methods.calling_ai_unhold(**self._ids(), **options)
        return ai_methods.calling_ai_unhold_result(await self._client.execute("calling.ai_unhold", params))

    def __repr__(self) -> str:
        return f"Call(call_id={self.call_id!r}, state={self.state!r}, direction={self.direction!r})"


class _Ids(TypedDict):
    node_id: str
    call_id: str


def _tts(
    text: str, language: str | None, gender: Literal["male", "female"] | None, voice: str | None
) -> dicts.PlayTtsDict:
    params: dicts.PlayTtsParamsDict = {"text": text}
    if language is not None:
        params["language"] = language
    if gender is not None:
        params["gender"] = gender
    if voice is not None:
        params["voice"] = voice
    return {"type": "tts", "params": params}


def _play(media: Media, volume: float | None) -> methods.CallingPlayInput:
    options: methods.CallingPlayInput = {"play": [media]}
    if volume is not None:
        options["volume"] = volume
    return options


def _prompt(
    media: Media, collect: dicts.CollectDict | models.Collect, volume: float | None
) -> methods.CallingPlayAndCollectInput:
    options: methods.CallingPlayAndCollectInput = {"play": [media], "collect": collect}
    if volume is not None:
        options["volume"] = volume
    return options


def _detect(
    detector: dicts.MachineDetectorDict | dicts.FaxDetectorDict | dicts.DigitDetectorDict,
    timeout: float | None,
) -> methods.CallingDetectInput:
    options: methods.CallingDetectInput = {"detect": detector}
    if timeout is not None:
        options["timeout"] = timeout
    return options
