"""The ``signalwire.*`` methods: connect (with session resume), ping, receive, unreceive, disconnect."""

from __future__ import annotations

import time

from signalwire_typed_gen._runtime import JsonObject

from . import wire
from .auth import authenticate
from .core import Connection, EmulatorCore, RequestHandler, RpcError, ok

__all__ = ["HANDLERS"]

_SCOPES: list[str] = ["calling", "messaging", "tasking", "video"]


def connect(core: EmulatorCore, connection: Connection, p: wire.Params) -> JsonObject:
    project = authenticate(p.raw.get("authentication"), core.credentials)
    if project is None:
        raise RpcError(int(str(wire.AUTH_FAILED["code"])), str(wire.AUTH_FAILED["message"]))
    version = p.raw.get("version")
    if not isinstance(version, dict) or not isinstance(version.get("major"), int):
        raise wire.BadParams("signalwire.connect: params.version must be {major, minor, revision}")
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
    session.peer = connection.peer
    session.connects += 1
    connection.session = session
    contexts = p.raw.get("contexts")
    if contexts is not None:
        session.subscribe(p.text_list("contexts"))
    if resumed:
        core.soon(session.redeliver)
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
