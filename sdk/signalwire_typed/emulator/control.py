"""Scripting the far end: ring calls, press digits, speak, hang up, send messages, make things fail.

These run on the emulator's loop; :class:`~signalwire_typed.emulator.Emulator` exposes them to
code in any thread, and the HTTP control API exposes them over JSON.
"""

from __future__ import annotations

from signalwire_typed_gen._runtime import JsonObject

from . import wire
from .calling.far_end import deliver_digits, deliver_speech, end_call
from .calls import CallInfo, CallRecord, phone_device
from .core import EmulatorCore
from .messaging import DeliveryFailure, FailState, Messaging
from .sessions import SessionInfo

__all__ = ["Control"]

_DTMF = set("0123456789*#ABCD")


class Control:
    def __init__(self, core: EmulatorCore, messaging: Messaging) -> None:
        self.core = core
        self.messaging = messaging

    def _live_call(self, call_id: str) -> CallRecord:
        call = self.core.find_call(call_id)
        if call.state == "ended":
            raise ValueError(f"call {call_id} has ended")
        return call

    def ring(self, context: str, from_: str, to: str) -> str:
        if not context:
            raise ValueError("context must be a non-empty string")
        session = self.core.sessions.pick(None, context)
        call = self.core.add_call(
            CallRecord(
                context=context,
                direction="inbound",
                device=phone_device(from_, to),
                from_number=from_,
                to_number=to,
                session=session,
                project_id=session.project_id if session else "",
            )
        )
        call.state = "ringing"
        call.delivered = session is not None
        self.core.emit_call(call, "calling.call.receive", call.state_params())
        return call.call_id

    def send_digits(self, call_id: str, digits: str) -> None:
        bad = sorted(set(digits) - _DTMF)
        if not digits or bad:
            raise ValueError(f"digits must be DTMF (0-9 * # A-D), got {digits!r}")
        deliver_digits(self._live_call(call_id), digits)

    def send_speech(self, call_id: str, text: str) -> None:
        if not text:
            raise ValueError("text must be a non-empty string")
        deliver_speech(self._live_call(call_id), text)

    def hangup(self, call_id: str, reason: str = "hangup") -> None:
        end_call(self.core, self._live_call(call_id), reason)

    def call_info(self, call_id: str) -> CallInfo:
        return self.core.find_call(call_id).info()

    def calls(self) -> list[CallInfo]:
        return [call.info() for call in self.core.calls.values()]

    def inbound_message(
        self, context: str, from_: str, to: str, body: str | None = None, media: list[str] | None = None
    ) -> str:
        if not context:
            raise ValueError("context must be a non-empty string")
        if not body and not media:
            raise ValueError("a message needs a body, media or both")
        params: JsonObject = {"context": context, "from_number": from_, "to_number": to, "body": body or ""}
        params["media"] = list(media or [])
        return self.messaging.inbound(params).message_id

    def message_info(self, message_id: str) -> JsonObject:
        message = self.messaging.messages.get(message_id)
        if message is None:
            raise KeyError(f"no message with message_id {message_id!r}")
        return message.to_json()

    def fail_next_delivery(self, state: FailState = "undelivered", reason: str | None = None) -> None:
        if state not in ("undelivered", "failed"):
            raise ValueError(f"state must be 'undelivered' or 'failed', got {state!r}")
        self.messaging.failures.append(DeliveryFailure(state, reason) if reason else DeliveryFailure(state))

    def set_dial_outcome(self, number: str, outcome: str) -> None:
        if outcome not in ("answer", "busy", "no_answer", "failed"):
            raise ValueError(f"outcome must be answer, busy, no_answer or failed, got {outcome!r}")
        self.core.dial_outcomes[number] = outcome

    def emit_events(self, call_id: str, event_type: str, params: JsonObject, count: int = 1) -> None:
        """Send ``count`` events of any type about a call (``call_id``/``node_id`` filled in when absent)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        call = self.core.find_call(call_id)
        full: JsonObject = {**call.ids(), **params}
        for _ in range(count):
            self.core.emit(call.session, event_type, full)

    def send_raw(self, text: str) -> int:
        """Send a raw text frame (malformed on purpose, say) to every connected session."""
        sent = 0
        for session in self.core.sessions:
            sent += session.send(text)
        return sent

    def ping(self) -> int:
        """Send ``signalwire.ping`` to every connected session; the number of sessions pinged."""
        sent = 0
        for session in self.core.sessions:
            request_id = wire.new_id()
            if session.send(wire.request_frame(request_id, "signalwire.ping", {})):
                session.pings.add(request_id)
                sent += 1
        return sent

    def send_authorization_state(self) -> int:
        """Send each connected session a ``signalwire.authorization.state`` event with a new opaque
        blob, which clients return on their next connect."""
        sent = 0
        for session in self.core.sessions:
            if session.connected:
                blob = f"emulator-auth-{session.protocol}-{wire.new_id()}"
                self.core.emit(session, "signalwire.authorization.state", {"authorization_state": blob})
                sent += 1
        return sent

    def sessions(self) -> list[SessionInfo]:
        return [session.info() for session in self.core.sessions]

    def disconnect_clients(self, restart: bool = False) -> int:
        """Ask every connected client to go (``signalwire.disconnect``), as the service does before
        a restart; the connection closes once the client answers. ``restart`` tells clients not
        to resume their session."""
        asked = 0
        for session in self.core.sessions:
            request_id = wire.new_id()
            params: JsonObject = {"restart": True} if restart else {}
            if session.send(wire.request_frame(request_id, "signalwire.disconnect", params)):
                session.closing[request_id] = restart
                asked += 1
        return asked

    def drop_connections(self) -> int:
        """Cut every WebSocket without a closing handshake; sessions stay resumable."""
        dropped = 0
        for connection in list(self.core.connections):
            connection.peer.abort()
            dropped += 1
        return dropped
