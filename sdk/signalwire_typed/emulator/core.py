"""The emulated RELAY service: connections, JSON-RPC dispatch, sessions, event emission, calls.

Everything here runs on one event loop and is synchronous apart from reading sockets, so the
order of frames is fully determined by the order of what comes in.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
import uuid
from collections.abc import Callable

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from . import wire
from .auth import Credentials
from .calls import CallRecord, CallState
from .sessions import Session, SessionStore
from .timing import Scheduler, Timing
from .websocket import WebSocketPeer

__all__ = ["Connection", "EmulatorCore"]

logger = logging.getLogger("signalwire_typed.emulator")

RequestHandler = Callable[["EmulatorCore", "Connection", wire.Params], JsonObject]

OK = "200"


def ok(message: str, **extra: JsonValue) -> JsonObject:
    return {"code": OK, "message": message, **extra}


def failure(code: str, message: str) -> JsonObject:
    return {"code": code, "message": message}


class Connection:
    """One WebSocket connection; bound to a session once ``signalwire.connect`` succeeds."""

    __slots__ = ("peer", "session")

    def __init__(self, peer: WebSocketPeer) -> None:
        self.peer = peer
        self.session: Session | None = None


class EmulatorCore:
    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        *,
        credentials: Credentials | None,
        timing: Timing,
        space_id: str,
        http_url: Callable[[], str],
        resume_window: float = 300.0,
    ) -> None:
        self.loop = loop
        self.credentials = credentials
        self.timing = timing
        self.space_id = space_id
        self.http_url = http_url
        self.resume_window = resume_window
        self.scheduler = Scheduler(loop)
        self.sessions = SessionStore()
        self.calls: dict[str, CallRecord] = {}
        self.connections: set[Connection] = set()
        # Filled in by the calling and messaging modules (method name -> handler).
        self.handlers: dict[str, RequestHandler] = {}
        # The far end's behaviour: number -> dial outcome ("answer", "busy", "no_answer", "failed").
        self.dial_outcomes: dict[str, str] = {}
        self.machine_outcome = "HUMAN"
        # Event ids: unique per emulator run, cheaper than a uuid per event.
        self._id_prefix = f"{uuid.uuid4().hex[:12]}-"
        self._ids = itertools.count(1)

    # -- emitting -------------------------------------------------------------------------

    def emit(self, session: Session | None, event_type: str, params: JsonObject) -> None:
        """Send one ``signalwire.event`` to a session (kept for redelivery until acknowledged)."""
        if session is None:
            return
        envelope: JsonObject = {
            "event_type": event_type,
            "event_channel": session.protocol,
            "timestamp": time.time(),
            "project_id": session.project_id,
            "space_id": self.space_id,
            "params": params,
        }
        event_id = f"{self._id_prefix}{next(self._ids)}"
        session.send_event(event_id, wire.request_frame(event_id, "signalwire.event", envelope))

    def emit_call(self, call: CallRecord, event_type: str, params: JsonObject) -> None:
        call.events.append({"event_type": event_type, "params": params})
        self.emit(call.session, event_type, params)

    def later(self, simulated_seconds: float, callback: Callable[[], None]) -> asyncio.Handle:
        return self.scheduler.later(self.timing.real(simulated_seconds) + self.timing.event_delay, callback)

    def soon(self, callback: Callable[[], None]) -> asyncio.Handle:
        return self.scheduler.later(self.timing.event_delay, callback)

    # -- connections ----------------------------------------------------------------------

    async def serve(self, peer: WebSocketPeer) -> None:
        connection = Connection(peer)
        self.connections.add(connection)
        try:
            pending = 0
            async for message in peer.messages():
                self.handle_frame(connection, message)
                pending += 1
                if pending >= 64:
                    pending = 0
                    await peer.drain()
            await peer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.connections.discard(connection)
            session = connection.session
            if session is not None and session.peer is peer:
                session.peer = None
                session.expiry = self.scheduler.later(
                    self.resume_window, lambda: self.sessions.expire(session)
                )

    def handle_frame(self, connection: Connection, message: str | bytes) -> None:
        if isinstance(message, bytes):
            connection.peer.send_text(
                wire.error_frame(None, wire.INVALID_REQUEST, "binary frames are not accepted")
            )
            return
        try:
            frame: JsonValue = json.loads(message)
        except ValueError as exc:
            connection.peer.send_text(wire.error_frame(None, wire.PARSE_ERROR, f"Parse error: {exc}"))
            return
        if not isinstance(frame, dict):
            connection.peer.send_text(
                wire.error_frame(None, wire.INVALID_REQUEST, "Invalid Request: a frame must be a JSON object")
            )
            return
        request_id: JsonValue = frame.get("id")
        method = frame.get("method")
        if method is None:
            if "result" in frame or "error" in frame:
                self._response(connection, request_id)
                return
            connection.peer.send_text(
                wire.error_frame(
                    request_id, wire.INVALID_REQUEST, "Invalid Request: no method, result or error"
                )
            )
            return
        if not isinstance(method, str) or frame.get("jsonrpc") != "2.0":
            connection.peer.send_text(
                wire.error_frame(
                    request_id,
                    wire.INVALID_REQUEST,
                    'Invalid Request: needs "jsonrpc": "2.0" and a string method',
                )
            )
            return
        params = frame.get("params", {})
        if not isinstance(params, dict):
            connection.peer.send_text(
                wire.error_frame(
                    request_id, wire.INVALID_PARAMS, f"Invalid params: {method} params must be an object"
                )
            )
            return
        self._request(connection, request_id, method, params)

    def _response(self, connection: Connection, request_id: JsonValue) -> None:
        session = connection.session
        if session is None or not isinstance(request_id, str):
            return
        if session.acknowledge(request_id):
            return
        if request_id in session.closing:
            # The client agreed to go: close; after a restart its session cannot be resumed.
            restart = session.closing.pop(request_id)
            connection.peer.start_close(1000, "signalwire.disconnect")
            if restart:
                session.peer = None
                self.sessions.expire(session)

    def _request(
        self, connection: Connection, request_id: JsonValue, method: str, params: JsonObject
    ) -> None:
        if method != "signalwire.connect" and connection.session is None:
            connection.peer.send_text(
                wire.error_frame(
                    request_id, wire.NOT_AUTHENTICATED, f"{method}: call signalwire.connect first"
                )
            )
            return
        handler = self.handlers.get(method)
        if handler is None:
            connection.peer.send_text(
                wire.error_frame(request_id, wire.METHOD_NOT_FOUND, f"Method not found: {method}")
            )
            return
        try:
            result = handler(self, connection, wire.Params(method, params))
        except wire.BadParams as exc:
            result = failure("400", str(exc))
        except RpcError as exc:
            connection.peer.send_text(wire.error_frame(request_id, exc.code, exc.message))
            return
        except Exception as exc:
            # An emulator bug must not cost the client its connection: log it and answer.
            logger.exception("emulator failed handling %s", method)
            connection.peer.send_text(
                wire.error_frame(request_id, wire.INTERNAL_ERROR, f"Internal error: {exc!r}")
            )
            return
        connection.peer.send_text(wire.result_frame(request_id, result))

    # -- calls ----------------------------------------------------------------------------

    def find_call(self, call_id: str) -> CallRecord:
        call = self.calls.get(call_id)
        if call is None:
            raise KeyError(f"no call with call_id {call_id!r}")
        return call

    def add_call(self, call: CallRecord) -> CallRecord:
        self.calls[call.call_id] = call
        return call

    def set_state(self, call: CallRecord, state: CallState, end_reason: str | None = None) -> None:
        """Move a call to a new state and tell its session."""
        call.state = state
        if end_reason is not None:
            call.end_reason = end_reason
        self.emit_call(call, "calling.call.state", call.state_params())

    def shutdown(self) -> None:
        self.scheduler.cancel_all()


class RpcError(Exception):
    """Answer the request with a JSON-RPC error instead of a result."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
