"""Messaging: ``messaging.send`` runs queued -> initiated -> sent -> delivered (or fails when told),
and inbound messages go to one client subscribed to their context."""

from __future__ import annotations

import uuid
from collections import deque
from dataclasses import dataclass
from typing import Literal

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from . import wire
from .core import Connection, EmulatorCore, ok
from .sessions import Session

__all__ = ["DeliveryFailure", "MessageRecord", "Messaging"]

FailState = Literal["undelivered", "failed"]


@dataclass(frozen=True, slots=True)
class DeliveryFailure:
    state: FailState = "undelivered"
    reason: str = "Unreachable destination handset"


class MessageRecord:
    def __init__(self, params: JsonObject, direction: str, session: Session | None) -> None:
        self.message_id = str(uuid.uuid4())
        self.direction = direction
        self.session = session
        self.params = params
        self.states: list[str] = []

    def event_params(self, state: str, reason: str | None = None) -> JsonObject:
        body = self.params.get("body")
        params: JsonObject = {
            "message_id": self.message_id,
            "context": self.params.get("context", ""),
            "direction": self.direction,
            "tags": self.params.get("tags", []),
            "from_number": self.params.get("from_number", ""),
            "to_number": self.params.get("to_number", ""),
            "body": body if isinstance(body, str) else "",
            "media": self.params.get("media", []),
            "segments": max(1, (len(body) + 159) // 160) if isinstance(body, str) else 1,
            "message_state": state,
        }
        if reason is not None:
            params["reason"] = reason
        return params

    def to_json(self) -> JsonObject:
        return {
            "message_id": self.message_id,
            "direction": self.direction,
            "states": list(self.states),
            **self.params,
        }


class Messaging:
    def __init__(self, core: EmulatorCore) -> None:
        self.core = core
        self.messages: dict[str, MessageRecord] = {}
        self.failures: deque[DeliveryFailure] = deque()

    def _emit(self, message: MessageRecord, event_type: str, state: str, reason: str | None = None) -> None:
        message.states.append(state)
        self.core.emit(message.session, event_type, message.event_params(state, reason))

    def register(self) -> None:
        self.core.handlers["messaging.send"] = lambda core, connection, p: self.send(connection, p)

    def send(self, connection: Connection, p: wire.Params) -> JsonObject:
        context = p.text("context", "default")
        p.text("to_number")
        p.text("from_number")
        body = p.opt_text("body")
        media: list[JsonValue] = p.array("media") if p.has("media") else []
        if body is None and not media:
            raise wire.BadParams("messaging.send: params needs a body, media or both")
        message = MessageRecord({**p.raw, "context": context}, "outbound", connection.session)
        self.messages[message.message_id] = message
        failure = self.failures.popleft() if self.failures else None
        steps: list[tuple[str, str | None]] = [("queued", None), ("initiated", None)]
        if failure is not None and failure.state == "failed":
            steps.append(("failed", failure.reason))
        else:
            steps.append(("sent", None))
            steps.append((failure.state, failure.reason) if failure else ("delivered", None))
        self._run(message, steps)
        return ok("Message accepted", message_id=message.message_id)

    def _run(self, message: MessageRecord, steps: list[tuple[str, str | None]]) -> None:
        if not steps:
            return
        (state, reason), rest = steps[0], steps[1:]

        def step() -> None:
            self._emit(message, "messaging.state", state, reason)
            self._run(message, rest)

        self.core.soon(step)

    def inbound(self, params: JsonObject) -> MessageRecord:
        context = params.get("context")
        session = self.core.sessions.pick(None, context) if isinstance(context, str) else None
        message = MessageRecord(params, "inbound", session)
        self.messages[message.message_id] = message
        self._emit(message, "messaging.receive", "received")
        return message
