"""Commands that watch or feed a call (detect, tap, stream, transcribe, pay, fax, echo, refer,
denoise, hold), place it (queues, conferences, rooms), or are only acknowledged (AI and others)."""

from __future__ import annotations

from signalwire_typed_gen._runtime import JsonObject

from .. import wire
from ..calls import CallRecord
from ..core import Connection, EmulatorCore, ok
from .monitors import (
    DetectAction,
    EchoAction,
    FaxAction,
    PayAction,
    StreamAction,
    TapAction,
    TranscribeAction,
)
from .registry import CallCommand, control_id_of, on_action, on_call, start

__all__: list[str] = []


@on_call("calling.detect")
def detect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    spec = p.obj("detect")
    kind = spec.get("type")
    if kind not in ("machine", "fax", "digit"):
        raise wire.BadParams(
            f"calling.detect: params.detect.type must be machine, fax or digit, got {wire.dumps(kind)}"
        )
    outcome = core.machine_outcome if kind == "machine" else "CED"
    action = DetectAction(core, call, control_id_of(p), spec, p.number("timeout", 30.0), outcome)
    return start(action, "Detecting")


on_action("calling.detect.stop", DetectAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.tap")
def tap(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    details: JsonObject = {"tap": p.obj("tap"), "device": p.obj("device")}
    action = TapAction(core, call, control_id_of(p), details)
    action.start()
    return ok("Tapping", call_id=call.call_id, control_id=action.control_id, source_device=p.obj("device"))


on_action("calling.tap.stop", TapAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.stream")
def stream(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    details: JsonObject = {"url": p.text("url")}
    if p.has("name"):
        details["name"] = p.text("name")
    return start(StreamAction(core, call, control_id_of(p), details), "Streaming")


on_action("calling.stream.stop", StreamAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.transcribe")
def transcribe(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return start(TranscribeAction(core, call, control_id_of(p), {}), "Transcribing")


on_action("calling.transcribe.stop", TranscribeAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.pay")
def pay(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    p.text("payment_connector_url")
    return start(PayAction(core, call, control_id_of(p)), "Paying")


on_action("calling.pay.stop", PayAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.send_fax")
def send_fax(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return start(FaxAction(core, call, control_id_of(p), "send", p.text("document")), "Sending fax")


@on_call("calling.receive_fax")
def receive_fax(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    control_id = control_id_of(p)
    document = f"{core.http_url()}/emulator/faxes/{control_id}.pdf"
    return start(FaxAction(core, call, control_id, "receive", document), "Receiving fax")


on_action("calling.send_fax.stop", FaxAction, lambda a, p: a.stop(), "Stopped")
on_action("calling.receive_fax.stop", FaxAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.echo")
def echo(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return start(EchoAction(core, call, control_id_of(p), p.number("timeout", 0.0)), "Echoing")


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


def _queue(status: str, in_queue: int, message: str) -> CallCommand:
    """A queue command: one ``calling.call.queue`` event, the caller ``in_queue`` (position and size)."""

    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        name = p.text("queue_name")
        control_id = control_id_of(p)
        params: JsonObject = {
            "control_id": control_id,
            **call.ids(),
            "id": f"queue-{name}",
            "name": name,
            "status": status,
            "position": in_queue,
            "size": in_queue,
        }
        core.soon(lambda: core.emit_call(call, "calling.call.queue", params))
        return ok(message, call_id=call.call_id, control_id=control_id)

    return command


on_call("calling.queue.enter")(_queue("enqueue", 1, "Enqueued"))
on_call("calling.queue.leave")(_queue("leave", 0, "Left the queue"))


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
    return ok("AI started", call_id=call.call_id, control_id=control_id_of(p))


_LIVE_COMMANDS = ("stop", "summarize")


def _live_action(p: wire.Params) -> None:
    """``action`` of live_transcribe/live_translate: an object ({"start": ...}...) or a short command."""
    action = p.raw.get("action")
    if isinstance(action, dict) or action in _LIVE_COMMANDS:
        return
    raise wire.BadParams(
        f"{p.method}: params.action must be an object or one of {', '.join(map(repr, _LIVE_COMMANDS))}, "
        f"got {wire.dumps(action)}"
    )


def _accepted(message: str, *required: str) -> CallCommand:
    """A command the emulator only checks and acknowledges.

    ``required`` names fields: ``key`` a non-empty string, ``key{}`` an object, ``action*`` a live
    transcribe/translate action (an object or "stop"/"summarize").
    """

    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        for key in required:
            if key == "action*":
                _live_action(p)
            elif key.endswith("{}"):
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
    ("calling.live_transcribe", "Live transcribe", ("action*",)),
    ("calling.live_translate", "Live translate", ("action*",)),
    ("calling.bind_digit", "Digits bound", ("digits", "bind_method")),
    ("calling.clear_digit_bindings", "Bindings cleared", ()),
    ("calling.user_event", "Event sent", ()),
    ("calling.update", "Updated", ()),
):
    on_call(_method)(_accepted(_message, *_required))
