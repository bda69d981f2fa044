"""A live call: its state, its typed events, and one typed method per calling command."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias, TypeVar, cast, overload

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
    from signalwire_typed_gen.relay import convert, dicts, models
    from signalwire_typed_gen.relay.events import CallingCallStateEvent, RelayEvent
    from signalwire_typed_gen.relay.models import CommandResult
    from typing_extensions import Unpack

else:
    convert = LazyModule("signalwire_typed_gen.relay.convert", "convert", globals())
    models = LazyModule("signalwire_typed_gen.relay.models", "models", globals())

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


def new_control_id() -> str:
    """A fresh control_id for an action (random, unique per process in practice)."""
    return os.urandom(16).hex()


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
        self.device: JsonObject = device or {}
        """The far end: ``{"type": "phone", "params": {"from_number", "to_number"}}`` and the like."""
        self.peer: JsonObject | None = None
        """The call this one is connected (bridged) to, while it is."""
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

    def _device_param(self, phone_key: str, sip_key: str) -> str | None:
        params = self.device.get("params")
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

    async def _execute(self, method: str, params: JsonObject) -> JsonObject:
        params["node_id"] = self.node_id
        params["call_id"] = self.call_id
        return await self._client.execute(method, params)

    async def _start(self, action: Action[EvT], method: str, params: JsonObject) -> Action[EvT]:
        if self.state == "ended":
            raise CallEndedError(method, self.call_id)
        self._actions[action.control_id] = cast("Action[object]", action)
        try:
            await self._execute(method, params)
        except BaseException as exc:
            self._actions.pop(action.control_id, None)
            action._fail(exc)
            raise
        return action

    def _dispatch(self, event_type: str, event: RelayEvent, params: Mapping[str, object]) -> None:
        """Take one event for this call (called by the client, in arrival order)."""
        if event_type == "calling.call.state":
            self._state_changed(event, params)
        elif event_type == "calling.call.connect":
            state = params.get("connect_state")
            peer = params.get("peer")
            self.peer = cast("JsonObject", peer) if state == "connected" and isinstance(peer, dict) else None
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
    # Options are checked by the generated converter before anything is sent (a wrong key or type
    # raises ValidationError naming its JSON path); dicts go out as given, models are dumped.

    def _params(
        self, params_cls: type[object], options: Mapping[str, object], control_id: str | None
    ) -> JsonObject:
        data: dict[str, object] = {**options, "node_id": self.node_id, "call_id": self.call_id}
        if control_id is not None:
            data["control_id"] = control_id
        convert.from_dict(params_cls, data)
        return cast("JsonObject", data)

    async def _command(self, method: str, params: JsonObject) -> CommandResult:
        result = await self._execute(f"calling.{method}", params)
        return convert.from_dict(models.CommandResult, result)

    async def _simple(self, method: str) -> CommandResult:
        return await self._command(method, {})

    async def _checked(
        self, method: str, params_cls: type[object], options: Mapping[str, object]
    ) -> CommandResult:
        return await self._command(method, self._params(params_cls, options, None))

    async def _run(self, action: ActionT, params_cls: type[object], options: Mapping[str, object]) -> ActionT:
        params = self._params(params_cls, options, action.control_id)
        await self._start(action, f"calling.{action.method}", params)
        return action

    async def answer(self) -> CommandResult:
        """Answer an inbound call (``calling.answer``); ``call.state`` turns answered with the next event."""
        return await self._simple("answer")

    async def hangup(self, reason: EndReason = "hangup") -> CommandResult:
        """End the call (``calling.end``)."""
        return await self._command("end", {"reason": reason})

    async def pass_(self) -> CommandResult:
        """Decline an inbound call so another client on its context can take it (``calling.pass``)."""
        return await self._simple("pass")

    # play

    async def play(self, **options: Unpack[dicts.CallingPlayOptionsDict]) -> PlayAction:
        """Play media (``calling.play``), e.g. ``play=[{"type": "tts", "params": {"text": "Hi"}}]``."""
        return await self._run(PlayAction(self, new_control_id(), "play"), models.CallingPlayParams, options)

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
        return await self.play(**_play([_tts(text, language, gender, voice)], volume))

    async def play_audio(self, url: str, *, volume: float | None = None) -> PlayAction:
        """Play the audio file at ``url``."""
        return await self.play(**_play([{"type": "audio", "params": {"url": url}}], volume))

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
        return await self.play(**_play([{"type": "ringtone", "params": ring}], volume))

    # collect

    async def collect(self, **options: Unpack[dicts.CallingCollectOptionsDict]) -> CollectAction:
        """Collect digits and/or speech without a prompt (``calling.collect``),
        e.g. ``digits={"max": 1, "digit_timeout": 5.0}``."""
        action = CollectAction(self, new_control_id(), "collect")
        return await self._run(action, models.CallingCollectParams, options)

    async def play_and_collect(
        self, **options: Unpack[dicts.CallingPlayAndCollectOptionsDict]
    ) -> PlayAndCollectAction:
        """Play a prompt and collect input (``calling.play_and_collect``); ``wait()`` gives the result."""
        action = PlayAndCollectAction(self, new_control_id(), "play_and_collect")
        return await self._run(action, models.CallingPlayAndCollectParams, options)

    async def prompt_tts(
        self,
        text: str,
        *,
        digits: dicts.CollectDigitsDict | None = None,
        speech: dicts.CollectSpeechDict | None = None,
        language: str | None = None,
        gender: Literal["male", "female"] | None = None,
        voice: str | None = None,
        volume: float | None = None,
    ) -> PlayAndCollectAction:
        """Speak ``text`` and collect digits and/or speech."""
        return await self.play_and_collect(
            **_prompt([_tts(text, language, gender, voice)], _collect(digits, speech), volume)
        )

    async def prompt_audio(
        self,
        url: str,
        *,
        digits: dicts.CollectDigitsDict | None = None,
        speech: dicts.CollectSpeechDict | None = None,
        volume: float | None = None,
    ) -> PlayAndCollectAction:
        """Play the audio at ``url`` and collect digits and/or speech."""
        return await self.play_and_collect(
            **_prompt([{"type": "audio", "params": {"url": url}}], _collect(digits, speech), volume)
        )

    # record

    async def record(self, **options: Unpack[dicts.CallingRecordOptionsDict]) -> RecordAction:
        """Record the call (``calling.record``), e.g. ``record={"audio": {"format": "mp3"}}``;
        the final event carries the recording's URL."""
        action = RecordAction(self, new_control_id(), "record")
        return await self._run(action, models.CallingRecordParams, options)

    # detect

    async def detect(self, **options: Unpack[dicts.CallingDetectOptionsDict]) -> DetectAction:
        """Detect a machine, fax tones or digits (``calling.detect``)."""
        action = DetectAction(self, new_control_id(), "detect")
        return await self._run(action, models.CallingDetectParams, options)

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

    async def connect(self, **options: Unpack[dicts.CallingConnectOptionsDict]) -> CommandResult:
        """Bridge this call to another (``calling.connect``): ``devices`` is a plan, a list tried in
        order of lists rung together; ``call.peer`` is set once connected."""
        return await self._checked("connect", models.CallingConnectParams, options)

    async def disconnect(self) -> CommandResult:
        """Undo a connect (``calling.disconnect``)."""
        return await self._simple("disconnect")

    async def transfer(self, **options: Unpack[dicts.CallingTransferOptionsDict]) -> CommandResult:
        """Hand the call to another RELAY context or a SWML script (``calling.transfer``)."""
        return await self._checked("transfer", models.CallingTransferParams, options)

    async def refer(self, **options: Unpack[dicts.CallingReferOptionsDict]) -> CommandResult:
        """Transfer a SIP call with a SIP REFER (``calling.refer``)."""
        return await self._checked("refer", models.CallingReferParams, options)

    async def send_digits(self, digits: str) -> CommandResult:
        """Send DTMF ``digits`` (0-9, *, #, w for a pause) on the call (``calling.send_digits``)."""
        params = self._params(models.CallingSendDigitsParams, {"digits": digits}, new_control_id())
        return await self._command("send_digits", params)

    # media streams

    async def tap(self, **options: Unpack[dicts.CallingTapOptionsDict]) -> TapAction:
        """Copy the call's media to an RTP or WebSocket endpoint (``calling.tap``)."""
        return await self._run(TapAction(self, new_control_id(), "tap"), models.CallingTapParams, options)

    async def stream(self, **options: Unpack[dicts.CallingStreamOptionsDict]) -> StreamAction:
        """Stream the call's audio to a WebSocket URL (``calling.stream``)."""
        action = StreamAction(self, new_control_id(), "stream")
        return await self._run(action, models.CallingStreamParams, options)

    async def denoise(self) -> CommandResult:
        """Start noise reduction (``calling.denoise``)."""
        return await self._simple("denoise")

    async def denoise_stop(self) -> CommandResult:
        """Stop noise reduction (``calling.denoise.stop``)."""
        return await self._simple("denoise.stop")

    async def echo(self, **options: Unpack[dicts.CallingEchoOptionsDict]) -> CommandResult:
        """Echo the caller's audio back (``calling.echo``), for testing."""
        return await self._checked("echo", models.CallingEchoParams, options)

    async def hold(self) -> CommandResult:
        """Put the call on hold (``calling.hold``)."""
        return await self._simple("hold")

    async def unhold(self) -> CommandResult:
        """Take the call off hold (``calling.unhold``)."""
        return await self._simple("unhold")

    # payments, fax, transcription

    async def pay(self, **options: Unpack[dicts.CallingPayOptionsDict]) -> PayAction:
        """Collect a card payment through a payment connector (``calling.pay``)."""
        return await self._run(PayAction(self, new_control_id(), "pay"), models.CallingPayParams, options)

    async def send_fax(self, **options: Unpack[dicts.CallingSendFaxOptionsDict]) -> FaxAction:
        """Send the fax ``document`` (a URL) (``calling.send_fax``)."""
        action = FaxAction(self, new_control_id(), "send_fax")
        return await self._run(action, models.CallingSendFaxParams, options)

    async def receive_fax(self) -> FaxAction:
        """Receive a fax (``calling.receive_fax``); the final event has the document's URL."""
        action = FaxAction(self, new_control_id(), "receive_fax")
        return await self._run(action, models.CallingReceiveFaxParams, {})

    async def transcribe(self, **options: Unpack[dicts.CallingTranscribeOptionsDict]) -> TranscribeAction:
        """Transcribe the call until stopped (``calling.transcribe``)."""
        action = TranscribeAction(self, new_control_id(), "transcribe")
        return await self._run(action, models.CallingTranscribeParams, options)

    async def live_transcribe(
        self, **options: Unpack[dicts.CallingLiveTranscribeOptionsDict]
    ) -> CommandResult:
        """Start or stop live transcription (``calling.live_transcribe``)."""
        return await self._checked("live_transcribe", models.CallingLiveTranscribeParams, options)

    async def live_translate(self, **options: Unpack[dicts.CallingLiveTranslateOptionsDict]) -> CommandResult:
        """Start or stop live translation (``calling.live_translate``)."""
        return await self._checked("live_translate", models.CallingLiveTranslateParams, options)

    # digit bindings and user events

    async def bind_digit(self, **options: Unpack[dicts.CallingBindDigitOptionsDict]) -> CommandResult:
        """Run a calling method whenever the caller presses ``digits`` (``calling.bind_digit``)."""
        return await self._checked("bind_digit", models.CallingBindDigitParams, options)

    async def clear_digit_bindings(
        self, **options: Unpack[dicts.CallingClearDigitBindingsOptionsDict]
    ) -> CommandResult:
        """Remove digit bindings, of one realm or all (``calling.clear_digit_bindings``)."""
        return await self._checked("clear_digit_bindings", models.CallingClearDigitBindingsParams, options)

    async def user_event(self, **options: Unpack[dicts.CallingUserEventOptionsDict]) -> CommandResult:
        """Send a custom event to the call's other listeners (``calling.user_event``)."""
        return await self._checked("user_event", models.CallingUserEventParams, options)

    # conferences, rooms, queues

    async def join_conference(
        self, **options: Unpack[dicts.CallingJoinConferenceOptionsDict]
    ) -> CommandResult:
        """Join the audio conference ``name`` (``calling.join_conference``)."""
        return await self._checked("join_conference", models.CallingJoinConferenceParams, options)

    async def leave_conference(
        self, **options: Unpack[dicts.CallingLeaveConferenceOptionsDict]
    ) -> CommandResult:
        """Leave a conference (``calling.leave_conference``)."""
        return await self._checked("leave_conference", models.CallingLeaveConferenceParams, options)

    async def join_room(self, **options: Unpack[dicts.CallingJoinRoomOptionsDict]) -> CommandResult:
        """Join the video room ``name`` (``calling.join_room``)."""
        return await self._checked("join_room", models.CallingJoinRoomParams, options)

    async def leave_room(self) -> CommandResult:
        """Leave the video room (``calling.leave_room``)."""
        return await self._simple("leave_room")

    async def queue_enter(self, **options: Unpack[dicts.CallingQueueEnterOptionsDict]) -> CommandResult:
        """Put the call in the queue ``queue_name`` (``calling.queue.enter``)."""
        params = self._params(models.CallingQueueEnterParams, options, new_control_id())
        return await self._command("queue.enter", params)

    async def queue_leave(self, **options: Unpack[dicts.CallingQueueLeaveOptionsDict]) -> CommandResult:
        """Take the call out of a queue (``calling.queue.leave``)."""
        params = self._params(models.CallingQueueLeaveParams, options, new_control_id())
        return await self._command("queue.leave", params)

    # AI

    async def ai(self, **options: Unpack[dicts.CallingAiOptionsDict]) -> AIAction:
        """Hand the call to an AI agent (``calling.ai``) until stopped or the call ends."""
        return await self._run(AIAction(self, new_control_id(), "ai"), models.CallingAiParams, options)

    async def amazon_bedrock(self, **options: Unpack[dicts.CallingAmazonBedrockOptionsDict]) -> CommandResult:
        """Hand the call to an Amazon Bedrock agent (``calling.amazon_bedrock``)."""
        return await self._checked("amazon_bedrock", models.CallingAmazonBedrockParams, options)

    async def ai_message(self, **options: Unpack[dicts.CallingAiMessageOptionsDict]) -> CommandResult:
        """Send a message into the running AI session (``calling.ai_message``)."""
        return await self._checked("ai_message", models.CallingAiMessageParams, options)

    async def ai_hold(self, **options: Unpack[dicts.CallingAiHoldOptionsDict]) -> CommandResult:
        """Put the AI session on hold (``calling.ai_hold``)."""
        return await self._checked("ai_hold", models.CallingAiHoldParams, options)

    async def ai_unhold(self, **options: Unpack[dicts.CallingAiUnholdOptionsDict]) -> CommandResult:
        """Resume the AI session (``calling.ai_unhold``)."""
        return await self._checked("ai_unhold", models.CallingAiUnholdParams, options)

    def __repr__(self) -> str:
        return f"Call(call_id={self.call_id!r}, state={self.state!r}, direction={self.direction!r})"


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


def _play(media: list[Media], volume: float | None) -> dicts.CallingPlayOptionsDict:
    options: dicts.CallingPlayOptionsDict = {"play": media}
    if volume is not None:
        options["volume"] = volume
    return options


def _prompt(
    media: list[Media], collect: dicts.CollectDict, volume: float | None
) -> dicts.CallingPlayAndCollectOptionsDict:
    options: dicts.CallingPlayAndCollectOptionsDict = {"play": media, "collect": collect}
    if volume is not None:
        options["volume"] = volume
    return options


def _detect(
    detector: dicts.MachineDetectorDict | dicts.FaxDetectorDict | dicts.DigitDetectorDict,
    timeout: float | None,
) -> dicts.CallingDetectOptionsDict:
    options: dicts.CallingDetectOptionsDict = {"detect": detector}
    if timeout is not None:
        options["timeout"] = timeout
    return options


def _collect(
    digits: dicts.CollectDigitsDict | None, speech: dicts.CollectSpeechDict | None
) -> dicts.CollectDict:
    if digits is None and speech is None:
        raise ValueError("a prompt needs digits=... or speech=... (or both) to collect")
    collect: dicts.CollectDict = {}
    if digits is not None:
        collect["digits"] = digits
    if speech is not None:
        collect["speech"] = speech
    return collect
