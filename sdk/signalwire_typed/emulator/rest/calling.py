"""``POST /api/calling/calls``: the body's ``command`` picks the action, and each body is checked by
the generated request model of that command.

- ``dial`` places an emulator call: created -> ringing -> answered (or ended busy / noAnswer / error,
  as :meth:`Emulator.set_dial_outcome` says for the ``to`` number). It answers at once with the new
  call (status ``created``).
- ``calling.end``, and ``update`` with status ``completed`` or ``canceled``, hang the call up
  (ending -> ended), as does the control API's hangup.
- Every other command is checked, recorded in the call's ``commands`` and answered with the call;
  nothing more happens (the media work it asks for is not emulated over REST).

Which RELAY client sees a REST-dialed call: one connected RELAY session of the same project that
is subscribed to the call's context (taking turns when several are, as for inbound calls). The
context is the ``call_relay_context`` (or ``call_relay_topic``) of the project's phone number the
call is placed from, when the project bought that number in the emulator and set one; otherwise the
emulator's ``rest_context`` (``"rest"`` unless ``Emulator(rest_context=...)`` says otherwise). The
session is chosen when the call is dialed; if none is subscribed then, the call still runs and its
events are only kept in ``CallInfo.events``. The session gets ``calling.call.state`` events
(direction ``outbound``) and may drive the call with RELAY commands like any call of its own.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from typing import cast

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..calling.dialer import END_REASONS
from ..calling.far_end import end_call
from ..calls import CallRecord
from ..core import EmulatorCore
from ..http import HttpRequest, HttpResponse
from .common import ProjectState, RestState, field_error, not_found, now, validated

__all__ = ["register"]

Add = Callable[[str, str, Callable[[HttpRequest, ProjectState], HttpResponse]], None]
Load = Callable[[object, str], object]

_LEG_TYPES = {"phone": "relay_pstn_call", "sip": "relay_sip_call", "webrtc": "relay_webrtc_call"}


@functools.cache
def request_models() -> dict[str, Load]:
    """Wire command (``dial``, ``calling.play``...) -> the ``from_dict`` of its request model.

    Built once from the generated ``*_request_command`` literals, so a command added to the spec
    is checked here without a change.
    """
    from signalwire_typed_gen.rest.calling import models

    table: dict[str, Load] = {}
    for info in pkgutil.iter_modules(models.__path__):
        if not info.name.endswith("_request_command"):
            continue
        literal = importlib.import_module(f"{models.__name__}.{info.name}")
        values = next(v for k, v in vars(literal).items() if k.endswith("_VALUES"))
        module_name = info.name.removesuffix("_command")
        request = importlib.import_module(f"{models.__name__}.{module_name}")
        cls = getattr(request, "".join(part.capitalize() for part in module_name.split("_")))
        for command in cast("set[str]", values):
            table[command] = cast("Load", cls.from_dict)
    return table


def _device(from_: str, to: str) -> JsonObject:
    if to.startswith(("sip:", "sips:")):
        return {"type": "sip", "params": {"from": from_, "to": to}}
    if to.startswith("verto:"):
        return {"type": "webrtc", "params": {"from": from_, "to": to}}
    return {"type": "phone", "params": {"from_number": from_, "to_number": to}}


def _context_of(project: ProjectState, from_: str, default: str) -> str:
    for number in project.phone_numbers.values():
        if number.get("number") == from_:
            for key in ("call_relay_context", "call_relay_topic"):
                value = number.get(key)
                if isinstance(value, str) and value:
                    return value
    return default


class _RestCall:
    """What the REST answer needs beyond the emulator's call record."""

    __slots__ = ("created_at", "record", "url")

    def __init__(self, record: CallRecord, url: str | None) -> None:
        self.record = record
        self.url = url
        self.created_at = now()

    def answer(self) -> JsonObject:
        call = self.record
        return {
            "id": call.call_id,
            "from": call.from_number,
            "to": call.to_number,
            "direction": "outbound-api",
            "source": "realtime_api",
            "url": self.url,
            "charge": 0.0,
            "created_at": self.created_at,
            "charge_details": [],
            "status": call.state,
            "type": _LEG_TYPES.get(str(call.device.get("type")), "relay_pstn_call"),
            "duration": None,
            "duration_ms": None,
            "billing_ms": None,
            "parent_id": None,
        }


def register(add: Add, state: RestState, core: EmulatorCore) -> None:
    rest_calls: dict[str, _RestCall] = {}

    def dial(project: ProjectState, body: JsonObject) -> HttpResponse:
        params = body["params"]
        assert isinstance(params, dict)
        from_, to = str(params["from"]), str(params["to"])
        context = _context_of(project, from_, state.rest_context)
        session = core.sessions.pick(project.project, context)
        record = core.add_call(
            CallRecord(
                context=context,
                direction="outbound",
                device=_device(from_, to),
                from_number=from_,
                to_number=to,
                session=session,
                project_id=project.project,
            )
        )
        record.delivered = session is not None
        record.commands.append({"method": "rest.dial", "params": params})
        url = params.get("url")
        rest_call = rest_calls[record.call_id] = _RestCall(record, url if isinstance(url, str) else None)

        def settle() -> None:
            if record.gone:
                return
            outcome = core.dial_outcomes.get(to, "answer")
            if outcome == "answer":
                core.set_state(record, "answered")
            else:
                end_call(core, record, END_REASONS.get(outcome, "error"))

        def ring() -> None:
            if record.gone:
                return
            core.set_state(record, "created")
            core.set_state(record, "ringing")
            core.later(core.timing.ring_seconds, settle)

        core.soon(ring)
        return HttpResponse(200, rest_call.answer())

    def target(project: ProjectState, body: JsonObject) -> _RestCall:
        params = body.get("params")
        ident = body.get("id")
        if ident is None and isinstance(params, dict):
            ident = params.get("id")
        call = core.calls.get(ident) if isinstance(ident, str) else None
        # Any call of the project: dialed over REST or RELAY, or inbound (those rung with no
        # client have no project yet).
        if call is None or call.project_id not in (project.project, ""):
            raise not_found("call", str(ident))
        rest_call = rest_calls.get(call.call_id)
        if rest_call is None:
            rest_call = rest_calls[call.call_id] = _RestCall(call, None)
        return rest_call

    def command(request: HttpRequest, project: ProjectState) -> HttpResponse:
        body = request.json()
        name: JsonValue = body.get("command") if isinstance(body, dict) else None
        models = request_models()
        load = models.get(name) if isinstance(name, str) else None
        if load is None:
            raise field_error(
                "command", f"unknown command {name!r}; expected one of {', '.join(sorted(models))}"
            )
        body = validated(body, load)
        if name == "dial":
            return dial(project, body)
        rest_call = target(project, body)
        call = rest_call.record
        params = body.get("params")
        call.commands.append({"method": f"rest.{name}", "params": params if isinstance(params, dict) else {}})
        if call.gone:
            raise field_error("id", f"call {call.call_id} has already ended", "call_ended")
        reason = "hangup"
        if isinstance(params, dict):
            if name == "update" and params.get("status") in ("completed", "canceled"):
                reason = "hangup" if params["status"] == "completed" else "cancel"
                name = "calling.end"
            elif isinstance(params.get("reason"), str):
                reason = str(params["reason"])
        if name == "calling.end":
            end_call(core, call, reason)
        return HttpResponse(200, rest_call.answer())

    add("POST", "/api/calling/calls", command)
