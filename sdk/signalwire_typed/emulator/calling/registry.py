"""How calling commands register: by method name, addressed to a call, or to one of its actions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from signalwire_typed_gen._runtime import JsonObject

from .. import wire
from ..calls import CallRecord
from ..core import Connection, EmulatorCore, RequestHandler, failure, ok
from .actions import Action

__all__ = ["HANDLERS", "CallCommand", "control_id_of", "on_action", "on_call", "start"]

CallCommand = Callable[[EmulatorCore, Connection, CallRecord, wire.Params], JsonObject]
A = TypeVar("A", bound=Action)

HANDLERS: dict[str, RequestHandler] = {}


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


def start(action: Action, message: str) -> JsonObject:
    action.start()
    return ok(message, call_id=action.call.call_id, control_id=action.control_id)


def control_id_of(p: wire.Params) -> str:
    return p.text("control_id", str(uuid.uuid4()))


def running_action(call: CallRecord, p: wire.Params, kind: type[A]) -> A | None:
    action = call.actions.get(p.text("control_id"))
    return action if isinstance(action, kind) else None


def on_action(method: str, kind: type[A], act: Callable[[A, wire.Params], None], message: str) -> None:
    """Register ``calling.<x>.stop`` and friends: they act on a running action by ``control_id``."""

    def command(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
        action = running_action(call, p, kind)
        if action is None:
            return failure("404", f"{method}: no running action with control_id {p.raw.get('control_id')!r}")
        act(action, p)
        return ok(message, call_id=call.call_id, control_id=action.control_id)

    on_call(method)(command)
