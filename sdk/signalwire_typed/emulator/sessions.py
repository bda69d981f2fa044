"""RELAY sessions: one per authenticated client, kept across reconnects so a client that comes back
with its ``protocol`` string resumes it and gets every event it had not acknowledged.

Also the routing of inbound calls and messages: only to sessions subscribed to the context.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from dataclasses import dataclass

from signalwire_typed_gen._runtime import JsonObject

from .websocket import WebSocketPeer

__all__ = ["Session", "SessionInfo", "SessionStore"]


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A snapshot of one client session (``GET /emulator/sessions``)."""

    protocol: str
    project_id: str
    agent: str
    contexts: tuple[str, ...]
    connected: bool
    event_acks: bool
    unacked: int
    """Events sent and not acknowledged yet."""
    pongs: int
    """Answers to the emulator's ``signalwire.ping``."""
    connects: int
    """``signalwire.connect`` calls that opened or resumed this session."""
    authorization_state: str | None
    """The ``authorization_state`` the client sent with its last connect, if any."""

    def to_json(self) -> JsonObject:
        return {
            "protocol": self.protocol,
            "project_id": self.project_id,
            "agent": self.agent,
            "contexts": list(self.contexts),
            "connected": self.connected,
            "event_acks": self.event_acks,
            "unacked": self.unacked,
            "pongs": self.pongs,
            "connects": self.connects,
            "authorization_state": self.authorization_state,
        }


class Session:
    __slots__ = (
        "agent",
        "authorization_state",
        "closing",
        "connects",
        "contexts",
        "event_acks",
        "expired",
        "expiry",
        "peer",
        "pings",
        "pongs",
        "project_id",
        "protocol",
        "unacked",
    )

    def __init__(self, protocol: str, project_id: str, event_acks: bool, agent: str) -> None:
        self.protocol = protocol
        self.project_id = project_id
        self.event_acks = event_acks
        self.agent = agent
        self.contexts: dict[str, None] = {}
        self.peer: WebSocketPeer | None = None
        # Events sent (or due while disconnected) and not yet acknowledged, in order: id -> frame.
        self.unacked: dict[str, str] = {}
        self.pings: set[str] = set()
        # Our signalwire.disconnect requests awaiting the client's answer: id -> restart.
        self.closing: dict[str, bool] = {}
        self.pongs = 0
        self.connects = 0
        self.authorization_state: str | None = None
        # Past its resume window: it can no longer be resumed and keeps nothing for its client.
        self.expired = False
        self.expiry: asyncio.Handle | None = None

    @property
    def connected(self) -> bool:
        return self.peer is not None and self.peer.open

    def subscribe(self, contexts: list[str]) -> None:
        for context in contexts:
            self.contexts[context] = None

    def unsubscribe(self, contexts: list[str]) -> None:
        for context in contexts:
            self.contexts.pop(context, None)

    def send(self, frame: str) -> bool:
        peer = self.peer
        return peer is not None and peer.send_text(frame)

    def send_event(self, event_id: str, frame: str) -> None:
        if self.expired:
            return
        if self.event_acks:
            self.unacked[event_id] = frame
        self.send(frame)

    def acknowledge(self, event_id: str) -> bool:
        if event_id in self.pings:
            self.pings.discard(event_id)
            self.pongs += 1
            return False
        return self.unacked.pop(event_id, None) is not None

    def info(self) -> SessionInfo:
        return SessionInfo(
            protocol=self.protocol,
            project_id=self.project_id,
            agent=self.agent,
            contexts=tuple(self.contexts),
            connected=self.connected,
            event_acks=self.event_acks,
            unacked=len(self.unacked),
            pongs=self.pongs,
            connects=self.connects,
            authorization_state=self.authorization_state,
        )

    def redeliver(self) -> None:
        """Send again, in order, every event not yet acknowledged (after a resume)."""
        for frame in list(self.unacked.values()):
            self.send(frame)


class SessionStore:
    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._turn = itertools.count()

    def __iter__(self) -> itertools.chain[Session]:
        return itertools.chain(self._sessions.values())

    def get(self, protocol: str) -> Session | None:
        return self._sessions.get(protocol)

    def expire(self, session: Session) -> None:
        """Forget a session whose client did not come back in time."""
        if session.peer is None and self._sessions.get(session.protocol) is session:
            del self._sessions[session.protocol]
            session.expired = True
            session.unacked.clear()
            session.contexts.clear()

    def create(self, project_id: str, event_acks: bool, agent: str) -> Session:
        protocol = f"signalwire_{secrets.token_hex(16)}"
        session = Session(protocol, project_id, event_acks, agent)
        self._sessions[protocol] = session
        return session

    def pick(self, project_id: str | None, context: str, exclude: Session | None = None) -> Session | None:
        """One connected session of the project subscribed to ``context``, taking turns among them."""
        candidates = [
            s
            for s in self._sessions.values()
            if s.connected
            and context in s.contexts
            and s is not exclude
            and (project_id is None or s.project_id == project_id)
        ]
        if not candidates:
            return None
        return candidates[next(self._turn) % len(candidates)]
