"""The ``signalwire.*`` methods: connect (with session resume), ping, receive, unreceive, disconnect."""

from __future__ import annotations

import time

from signalwire_typed_gen._runtime import JsonObject

from . import wire
from .auth import authenticate
from .core import Connection, EmulatorCore, RequestHandler, RpcError, ok
from .sessions import Session

__all__ = ["HANDLERS"]

_SCOPES: list[str] = ["calling", "messaging", "tasking", "video"]


def connect(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    project = authenticate(p.raw.get("authentication"), core.credentials)
    if project is None:
        raise RpcError(wire.AUTH_FAILED_CODE, wire.AUTH_FAILED_MESSAGE)
    version = p.raw.get("version")
    if not isinstance(version, dict) or not isinstance(version.get("major"), int):
        raise wire.BadParams("signalwire.connect: params.version must be {major, minor, revision}")
    contexts = p.text_list("contexts") if p.raw.get("contexts") is not None else []
    previous = p.raw.get("protocol")
    session = core.sessions.get(previous) if isinstance(previous, str) else None
    resumed = session is not None and session.project_id == project
    if session is None or not resumed:
        session = core.sessions.create(project, p.flag("event_acks"), str(p.raw.get("agent", "")))
    if session.peer is not None and session.peer is not connection.peer:
        # A resumed session moves to the new connection; the old one stops getting events.
        session.peer.abort()
    core.scheduler.cancel(session.expiry)
    session.expiry = None
    session.connects += 1
    state = p.raw.get("authorization_state")
    session.authorization_state = state if isinstance(state, str) else None
    session.subscribe(contexts)
    connection.session = session
    if resumed:
        # Attach only after the result has gone out: events due meanwhile join the unacknowledged
        # ones and are sent once, in order, by the redelivery.
        session.peer = None
        core.scheduler.later(0, lambda: _attach(session, connection))
    else:
        session.peer = connection.peer
    return {
        "identity": f"{project}@{core.space_id}",
        "protocol": session.protocol,
        "ice_servers": [],
        "authorization": {
            "project_id": project,
            "scopes": list(_SCOPES),
            "signature": f"emulator-{session.protocol}",
            "expires_at": None,
            "resource": session.protocol,
            "space_id": core.space_id,
        },
    }


def _attach(session: Session, connection: Connection) -> None:
    if connection.peer.open and connection.session is session:
        session.peer = connection.peer
        session.redeliver()


def ping(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    return {"timestamp": time.time()}


def receive(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    assert connection.session is not None
    connection.session.subscribe(p.text_list("contexts"))
    return ok("Receiving all inbound related to the requested relay contexts and available scopes")


def unreceive(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    assert connection.session is not None
    connection.session.unsubscribe(p.text_list("contexts"))
    return ok("No longer receiving inbound related to the requested relay contexts")


def disconnect(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    # The client says goodbye: its session will not be resumed, so nothing is kept for it.
    session = connection.session
    if session is not None:
        session.unacked.clear()
        session.contexts.clear()
    return {}


HANDLERS: dict[str, RequestHandler] = {
    "signalwire.connect": connect,
    "signalwire.ping": ping,
    "signalwire.receive": receive,
    "signalwire.unreceive": unreceive,
    "signalwire.disconnect": disconnect,
}
