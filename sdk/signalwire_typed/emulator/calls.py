"""A call as the emulator keeps it: identity, state, owning session, and what happened to it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from signalwire_typed_gen._runtime import JsonObject

from .sessions import Session

if TYPE_CHECKING:
    from .calling.actions import Action

__all__ = ["CallInfo", "CallRecord", "CallState", "Direction"]

CallState = Literal["created", "ringing", "answered", "ending", "ended"]
Direction = Literal["inbound", "outbound"]
_ORDER: dict[str, int] = {"created": 0, "ringing": 1, "answered": 2, "ending": 3, "ended": 4}


@dataclass(frozen=True, slots=True)
class CallInfo:
    """A snapshot of one call: what the control API returns for ``GET /emulator/calls/{id}``."""

    call_id: str
    node_id: str
    tag: str
    context: str
    direction: Direction
    state: CallState
    from_number: str
    to_number: str
    end_reason: str | None
    delivered: bool
    commands: tuple[JsonObject, ...]
    """Every command the call received, in order: ``{"method": ..., "params": {...}}``."""
    events: tuple[JsonObject, ...]
    """Every event sent about the call, in order: ``{"event_type": ..., "params": {...}}``."""
    digits_sent: str
    """DTMF the client sent to the far end with ``calling.send_digits``."""

    def to_json(self) -> JsonObject:
        return {
            "call_id": self.call_id,
            "node_id": self.node_id,
            "tag": self.tag,
            "context": self.context,
            "direction": self.direction,
            "state": self.state,
            "from": self.from_number,
            "to": self.to_number,
            "end_reason": self.end_reason,
            "delivered": self.delivered,
            "commands": list(self.commands),
            "events": list(self.events),
            "digits_sent": self.digits_sent,
        }


class CallRecord:
    def __init__(
        self,
        *,
        context: str,
        direction: Direction,
        device: JsonObject,
        from_number: str,
        to_number: str,
        tag: str | None = None,
        session: Session | None = None,
        project_id: str = "",
    ) -> None:
        self.call_id = str(uuid.uuid4())
        self.node_id = f"emulator-node-{uuid.uuid4().hex[:8]}"
        self.tag = tag or str(uuid.uuid4())
        self.context = context
        self.direction: Direction = direction
        self.device = device
        self.from_number = from_number
        self.to_number = to_number
        self.session = session
        self.project_id = project_id
        self.state: CallState = "created"
        self.end_reason: str | None = None
        self.delivered = False
        self.commands: list[JsonObject] = []
        self.events: list[JsonObject] = []
        self.digits_sent = ""
        # DTMF and speech from the far end waiting for a collector.
        self.pending_digits = ""
        self.pending_speech: list[str] = []
        self.peer: CallRecord | None = None
        self.actions: dict[str, Action] = {}

    @property
    def gone(self) -> bool:
        return _ORDER[self.state] >= _ORDER["ending"]

    def ids(self) -> JsonObject:
        return {"call_id": self.call_id, "node_id": self.node_id}

    def state_params(self) -> JsonObject:
        params: JsonObject = {
            "call_state": self.state,
            "direction": self.direction,
            "device": self.device,
            "call_id": self.call_id,
            "node_id": self.node_id,
            "tag": self.tag,
            "context": self.context,
        }
        if self.end_reason is not None:
            params["end_reason"] = self.end_reason
        if self.peer is not None:
            params["peer"] = {
                "call_id": self.peer.call_id,
                "node_id": self.peer.node_id,
                "tag": self.peer.tag,
            }
        return params

    def info(self) -> CallInfo:
        return CallInfo(
            call_id=self.call_id,
            node_id=self.node_id,
            tag=self.tag,
            context=self.context,
            direction=self.direction,
            state=self.state,
            from_number=self.from_number,
            to_number=self.to_number,
            end_reason=self.end_reason,
            delivered=self.delivered,
            commands=tuple(self.commands),
            events=tuple(self.events),
            digits_sent=self.digits_sent,
        )


def phone_device(from_number: str, to_number: str) -> JsonObject:
    return {"type": "phone", "params": {"from_number": from_number, "to_number": to_number}}
