"""Every ``calling.*`` method: checks its params, answers like the service, starts its state machine."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import TypeVar

from signalwire_typed_gen._runtime import JsonObject

from .. import wire
from ..calls import CallRecord
from ..core import Connection, EmulatorCore, RequestHandler, failure, ok
from .actions import Action
from .dialer import END_REASONS, check_devices, device_numbers, place_legs
from .media import CollectAction, PlayAction, RecordAction, check_media
from .monitors import (
    DetectAction,
    EchoAction,
    FaxAction,
    PayAction,
    StreamAction,
    TapAction,
    TranscribeAction,
)

__all__ = ["HANDLERS", "deliver_digits", "deliver_speech", "end_call"]

CallCommand = Callable[[EmulatorCore, Connection, CallRecord, wire.Params], JsonObject]
A = TypeVar("A", bound=Action)

HANDLERS: dict[str, RequestHandler] = {}

_DTMF = re.compile(r"^[0-9*#A-Dw W]+$")


def on_call(method: str) -> Callable[[CallCommand], CallCommand]:
    """Register a command addressed to one call (``node_id`` + ``call_id``)."""

    def register(command: CallCommand) -> CallCommand:
        def handler(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
            call_id = p.text("call_id")
            call = core.calls.get(call_id)
            if call is None:
                return failure("404", f"{method}: no call with call_id {call_id!r}")
            call.commands.append({"method": method, "params": p.raw})
            if call.state == "ended":
                return failure("404", f"{method}: call {call_id} has ended")
            return command(core, connection, call, p)

        HANDLERS[method] = handler
        return command

    return register


def _start(action: A, message: str) -> JsonObject:
    action.start()
    return ok(message, call_id=action.call.call_id, control_id=action.control_id)


def _control_id(p: wire.Params) -> str:
    return p.text("control_id", str(uuid.uuid4()))


def _action(call: CallRecord, p: wire.Params, kind: type[A]) -> A | None:
    action = call.actions.get(p.text("control_id"))
    return action if isinstance(action, kind) else None


def _on_action(method: str, kind: type[A], act: Callable[[A, wire.Params], None], message: str) -> None:
    """Register ``calling.<x>.stop`` and friends: they act on a running action by ``control_id``."""

    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        action = _action(call, p, kind)
        if action is None:
            return failure("404", f"{method}: no running action with control_id {p.raw.get('control_id')!r}")
        act(action, p)
        return ok(message, call_id=call.call_id, control_id=action.control_id)

    on_call(method)(command)


# -- far end input and hangup ---------------------------------------------------------------


def deliver_digits(call: CallRecord, digits: str) -> None:
    """DTMF from the far end: offered to running actions in start order; the rest waits."""
    for action in list(call.actions.values()):
        digits = action.on_digits(digits)
        if not digits:
            return
    call.pending_digits += digits


def deliver_speech(call: CallRecord, text: str) -> None:
    for action in list(call.actions.values()):
        if action.on_speech(text):
            return
    call.pending_speech.append(text)


def end_call(core: EmulatorCore, call: CallRecord, reason: str) -> None:
    """ending -> ended, after every running action reports its end."""
    if call.gone:
        return
    for action in list(call.actions.values()):
        action.call_ended()
    core.set_state(call, "ending", reason)
    peer = call.peer
    if peer is not None:
        call.peer = None
        peer.peer = None
        core.emit_call(
            peer, "calling.call.connect", {"connect_state": "disconnected", **peer.ids(), "tag": peer.tag}
        )
    core.soon(lambda: core.set_state(call, "ended", reason))


# -- lifecycle ------------------------------------------------------------------------------


@on_call("calling.answer")
def answer(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    if call.state in ("created", "ringing"):
        core.soon(lambda: core.set_state(call, "answered"))
    return ok("Answered", call_id=call.call_id)


@on_call("calling.end")
def end(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    reason = p.text("reason", "hangup")
    core.soon(lambda: end_call(core, call, reason))
    return ok("Ending", call_id=call.call_id)


@on_call("calling.pass")
def pass_(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    """Decline the call: it goes to another client on the context, if there is one."""
    if call.state != "ringing" or call.direction != "inbound":
        return failure("400", "calling.pass: only a ringing inbound call can be passed")

    def hand_over() -> None:
        session = core.sessions.pick(None, call.context, exclude=call.session)
        call.session = session
        call.delivered = session is not None
        core.emit(session, "calling.call.receive", call.state_params())

    core.soon(hand_over)
    return ok("Passed", call_id=call.call_id)


@on_call("calling.transfer")
def transfer(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    p.text("dest")
    core.soon(lambda: end_call(core, call, "hangup"))
    return ok("Transferred", call_id=call.call_id)


def dial(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    tag = p.text("tag")
    plan = check_devices(p.method, p.array("devices"))
    session = connection.session
    node_id = f"emulator-node-{uuid.uuid4().hex[:8]}"

    def dial_event(state: str, leg: CallRecord | None) -> None:
        params: JsonObject = {"tag": tag, "node_id": node_id, "dial_state": state}
        if leg is not None:
            params["call"] = {**leg.state_params(), "dial_winner": True}
        core.emit(session, "calling.call.dial", params)

    def done(leg: CallRecord | None) -> None:
        dial_event("answered" if leg else "failed", leg)

    def begin() -> None:
        dial_event("dialing", None)
        place_legs(core, session, plan, tag, core.dial_outcomes, done)

    core.soon(begin)
    return ok("Dialing", tag=tag)


HANDLERS["calling.dial"] = dial


def begin(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    """The older single-device dial: the leg's call_id comes back in the result."""
    tag = p.text("tag", str(uuid.uuid4()))
    device = check_devices(p.method, [p.obj("device")])[0][0]
    session = connection.session
    to_number, from_number = device_numbers(device)
    leg = core.add_call(
        CallRecord(
            context=session.protocol if session else "",
            direction="outbound",
            device=device,
            from_number=from_number,
            to_number=to_number,
            tag=tag,
            session=session,
            project_id=session.project_id if session else "",
        )
    )
    leg.delivered = session is not None

    def ring() -> None:
        core.set_state(leg, "created")
        core.set_state(leg, "ringing")
        core.later(core.timing.ring_seconds, settle)

    def settle() -> None:
        outcome = core.dial_outcomes.get(leg.to_number, "answer")
        if outcome == "answer":
            core.set_state(leg, "answered")
        else:
            end_call(core, leg, END_REASONS.get(outcome, "error"))

    core.soon(ring)
    return ok("Dialing", call_id=leg.call_id, node_id=leg.node_id, tag=tag)


HANDLERS["calling.begin"] = begin


def receive(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    """The older way to subscribe to contexts (``signalwire.receive`` does the same)."""
    assert connection.session is not None
    contexts = p.text_list("contexts") if p.has("contexts") else [p.text("context")]
    connection.session.subscribe(contexts)
    return ok("Receiving all inbound related to the requested relay contexts")


HANDLERS["calling.receive"] = receive


@on_call("calling.connect")
def connect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    plan = check_devices(p.method, p.array("devices"))
    tag = p.text("tag", call.tag)
    if p.has("ringback"):
        check_media(p.method, p.array("ringback"), "params.ringback")

    def event(state: str, peer: CallRecord | None) -> None:
        params: JsonObject = {"connect_state": state, **call.ids(), "tag": call.tag}
        if peer is not None:
            params["peer"] = {**peer.ids(), "tag": peer.tag, "device": peer.device}
        core.emit_call(call, "calling.call.connect", params)

    def done(peer: CallRecord | None) -> None:
        if peer is None or call.gone:
            event("failed", None)
            return
        call.peer, peer.peer = peer, call
        event("connected", peer)

    def begin() -> None:
        event("connecting", None)
        place_legs(core, call.session, plan, tag, core.dial_outcomes, done)

    core.soon(begin)
    return ok("Connecting", call_id=call.call_id)


@on_call("calling.disconnect")
def disconnect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    peer = call.peer
    if peer is None:
        return failure("400", "calling.disconnect: the call is not connected to another call")
    call.peer = peer.peer = None

    def tell() -> None:
        for leg in (call, peer):
            core.emit_call(
                leg, "calling.call.connect", {"connect_state": "disconnected", **leg.ids(), "tag": leg.tag}
            )

    core.soon(tell)
    return ok("Disconnected", call_id=call.call_id)


# -- media ----------------------------------------------------------------------------------


def _volume(action: Action | None, p: wire.Params) -> None:
    if not isinstance(p.raw.get("volume"), int | float):
        raise wire.BadParams(f"{p.method}: params.volume must be a number (-40 to 40)")


@on_call("calling.play")
def play(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    media = p.array("play")
    check_media(p.method, media)
    if p.has("volume"):
        _volume(None, p)
    return _start(PlayAction(core, call, _control_id(p), media, p.integer("loop", 1)), "Playing")


_on_action("calling.play.pause", PlayAction, lambda a, p: a.pause(), "Paused")
_on_action("calling.play.resume", PlayAction, lambda a, p: a.resume(), "Resumed")
_on_action("calling.play.stop", PlayAction, lambda a, p: a.stop(), "Stopped")


_on_action("calling.play.volume", PlayAction, _volume, "Volume changed")


@on_call("calling.collect")
def collect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return _start(CollectAction(core, call, _control_id(p), p, None), "Collecting")


_on_action("calling.collect.stop", CollectAction, lambda a, p: a.stop(), "Stopped")
_on_action(
    "calling.collect.start_input_timers", CollectAction, lambda a, p: a.start_timers(), "Timers started"
)


@on_call("calling.play_and_collect")
def play_and_collect(
    core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params
) -> JsonObject:
    media = p.array("play")
    check_media(p.method, media)
    p.obj("collect")
    return _start(CollectAction(core, call, _control_id(p), p, media), "Collecting")


_on_action("calling.play_and_collect.stop", CollectAction, lambda a, p: a.stop(), "Stopped")
_on_action("calling.play_and_collect.volume", CollectAction, _volume, "Volume changed")


@on_call("calling.record")
def record(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    audio = p.child("record").raw.get("audio", {})
    if not isinstance(audio, dict):
        raise wire.BadParams("calling.record: params.record.audio must be an object")
    fmt = audio.get("format", "mp3")
    if fmt not in ("mp3", "wav"):
        raise wire.BadParams(
            f"calling.record: params.record.audio.format must be mp3 or wav, got {wire.dumps(fmt)}"
        )
    control_id = _control_id(p)
    url = f"{core.http_url()}/emulator/recordings/{control_id}.{fmt}"
    action = RecordAction(core, call, control_id, audio, url)
    action.start()
    return ok("Recording", call_id=call.call_id, control_id=control_id, url=url)


_on_action("calling.record.pause", RecordAction, lambda a, p: a.pause(), "Paused")
_on_action("calling.record.resume", RecordAction, lambda a, p: a.resume(), "Resumed")
_on_action("calling.record.stop", RecordAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.send_digits")
def send_digits(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    digits = p.text("digits")
    if not _DTMF.match(digits):
        raise wire.BadParams(
            f"calling.send_digits: params.digits may hold only 0-9 * # A-D w W, got {digits!r}"
        )
    control_id = _control_id(p)

    def sent() -> None:
        call.digits_sent += digits
        core.emit_call(
            call, "calling.call.send_digits", {"control_id": control_id, **call.ids(), "state": "finished"}
        )

    core.soon(sent)
    return ok("Sending digits", call_id=call.call_id, control_id=control_id)


# -- watching and feeding the call ------------------------------------------------------------


@on_call("calling.detect")
def detect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    spec = p.obj("detect")
    kind = spec.get("type")
    if kind not in ("machine", "fax", "digit"):
        raise wire.BadParams(
            f"calling.detect: params.detect.type must be machine, fax or digit, got {wire.dumps(kind)}"
        )
    outcome = core.machine_outcome if kind == "machine" else "CED"
    action = DetectAction(core, call, _control_id(p), spec, p.number("timeout", 30.0), outcome)
    return _start(action, "Detecting")


_on_action("calling.detect.stop", DetectAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.tap")
def tap(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    details: JsonObject = {"tap": p.obj("tap"), "device": p.obj("device")}
    action = TapAction(core, call, _control_id(p), details)
    action.start()
    return ok("Tapping", call_id=call.call_id, control_id=action.control_id, source_device=p.obj("device"))


_on_action("calling.tap.stop", TapAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.stream")
def stream(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    details: JsonObject = {"url": p.text("url")}
    if p.has("name"):
        details["name"] = p.text("name")
    return _start(StreamAction(core, call, _control_id(p), details), "Streaming")


_on_action("calling.stream.stop", StreamAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.transcribe")
def transcribe(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return _start(TranscribeAction(core, call, _control_id(p), {}), "Transcribing")


_on_action("calling.transcribe.stop", TranscribeAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.pay")
def pay(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    p.text("payment_connector_url")
    return _start(PayAction(core, call, _control_id(p)), "Paying")


_on_action("calling.pay.stop", PayAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.send_fax")
def send_fax(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return _start(FaxAction(core, call, _control_id(p), "send", p.text("document")), "Sending fax")


@on_call("calling.receive_fax")
def receive_fax(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    control_id = _control_id(p)
    document = f"{core.http_url()}/emulator/faxes/{control_id}.pdf"
    return _start(FaxAction(core, call, control_id, "receive", document), "Receiving fax")


_on_action("calling.send_fax.stop", FaxAction, lambda a, p: a.stop(), "Stopped")
_on_action("calling.receive_fax.stop", FaxAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.echo")
def echo(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return _start(EchoAction(core, call, _control_id(p), p.number("timeout", 0.0)), "Echoing")


@on_call("calling.refer")
def refer(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    device = p.child("device")
    to = device.child("params").text("to")

    def progress() -> None:
        base: JsonObject = {**call.ids(), "sip_refer_to": to}
        core.emit_call(call, "calling.call.refer", {**base, "state": "inProgress"})
        core.emit_call(
            call,
            "calling.call.refer",
            {**base, "state": "success", "sip_refer_response_code": "202", "sip_notify_response_code": "200"},
        )

    core.soon(progress)
    return ok("Referring", call_id=call.call_id)


def _denoise(on: bool) -> CallCommand:
    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        core.soon(lambda: core.emit_call(call, "calling.call.denoise", {**call.ids(), "denoised": on}))
        return ok("Denoise on" if on else "Denoise off", call_id=call.call_id)

    return command


on_call("calling.denoise")(_denoise(True))
on_call("calling.denoise.stop")(_denoise(False))


def _hold(state: str) -> CallCommand:
    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        core.soon(lambda: core.emit_call(call, "calling.call.hold", {**call.ids(), "state": state}))
        return ok("Held" if state == "hold" else "Resumed", call_id=call.call_id)

    return command


on_call("calling.hold")(_hold("hold"))
on_call("calling.unhold")(_hold("unhold"))


@on_call("calling.queue.enter")
def queue_enter(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    name = p.text("queue_name")
    control_id = _control_id(p)
    params: JsonObject = {"control_id": control_id, **call.ids(), "id": f"queue-{name}", "name": name}
    core.soon(
        lambda: core.emit_call(
            call, "calling.call.queue", {**params, "status": "enqueue", "position": 1, "size": 1}
        )
    )
    return ok("Enqueued", call_id=call.call_id, control_id=control_id)


@on_call("calling.queue.leave")
def queue_leave(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    name = p.text("queue_name")
    control_id = _control_id(p)
    params: JsonObject = {"control_id": control_id, **call.ids(), "id": f"queue-{name}", "name": name}
    core.soon(
        lambda: core.emit_call(
            call, "calling.call.queue", {**params, "status": "leave", "position": 0, "size": 0}
        )
    )
    return ok("Left the queue", call_id=call.call_id, control_id=control_id)


@on_call("calling.join_conference")
def join_conference(
    core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params
) -> JsonObject:
    name = p.text("name")
    conference_id = f"conference-{name}"
    core.soon(
        lambda: core.emit_call(
            call,
            "calling.conference",
            {"conference_id": conference_id, "name": name, "status": "participant-join", **call.ids()},
        )
    )
    return ok("Joined", call_id=call.call_id, conference_id=conference_id)


@on_call("calling.leave_conference")
def leave_conference(
    core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params
) -> JsonObject:
    conference_id = p.text("conference_id")
    core.soon(
        lambda: core.emit_call(
            call,
            "calling.conference",
            {"conference_id": conference_id, "status": "participant-leave", **call.ids()},
        )
    )
    return ok("Left", call_id=call.call_id)


@on_call("calling.join_room")
def join_room(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return ok("Joined", call_id=call.call_id, name=p.text("name"))


@on_call("calling.ai")
def ai(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return ok("AI started", call_id=call.call_id, control_id=_control_id(p))


def _accepted(message: str, *required: str) -> CallCommand:
    """A command the emulator only checks and acknowledges."""

    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        for key in required:
            if key.endswith("{}"):
                p.obj(key[:-2])
            else:
                p.text(key)
        return ok(message, call_id=call.call_id)

    return command


for _method, _message, _required in (
    ("calling.leave_room", "Left", ()),
    ("calling.ai.stop", "AI stopped", ("control_id",)),
    ("calling.ai_hold", "AI held", ()),
    ("calling.ai_unhold", "AI resumed", ()),
    ("calling.ai_message", "Message delivered", ()),
    ("calling.amazon_bedrock", "Bedrock started", ()),
    ("calling.live_transcribe", "Live transcribe", ("action{}",)),
    ("calling.live_translate", "Live translate", ("action{}",)),
    ("calling.bind_digit", "Digits bound", ("digits", "bind_method")),
    ("calling.clear_digit_bindings", "Bindings cleared", ()),
    ("calling.user_event", "Event sent", ()),
    ("calling.update", "Updated", ()),
):
    on_call(_method)(_accepted(_message, *_required))
