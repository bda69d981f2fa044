"""Call lifecycle: answer, end, pass, transfer, dial and begin, receive, connect and disconnect."""

from __future__ import annotations

import uuid

from signalwire_typed_gen._runtime import JsonObject

from .. import wire
from ..calls import CallRecord
from ..core import Connection, EmulatorCore, failure, ok
from .dialer import END_REASONS, add_leg, check_devices, place_legs
from .far_end import end_call
from .media import check_media
from .registry import HANDLERS, on_call

__all__: list[str] = []


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
    leg = add_leg(core, session, device, tag)

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
