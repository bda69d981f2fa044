"""The RELAY protocol as a pure state machine (sans-I/O): frames in, happenings and frames out.

No sockets, clocks or asyncio here. The session feeds every text frame it reads to
:meth:`RelayProtocol.receive`, sends whatever :meth:`RelayProtocol.data_to_send` returns, and
acts on the happening ``receive`` returned: a reply or failure for one of its requests, an
event, a server-requested disconnect, or a rejected frame (which it logs and skips).

The protocol answers ``signalwire.ping`` and acks every ``signalwire.event`` by itself, remembers
the session's ``protocol`` string so a reconnect resumes the session, keeps the contexts to
subscribe on every (re)connect, and drops events the server redelivers after a resume that
it already handed over, so handlers see each event once.
"""

from __future__ import annotations

import itertools
import json
import json.encoder
import os
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring_ascii
from typing import Final, Generic, TypeAlias, TypeVar, cast

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .errors import AuthenticationError, ConnectionLostError, RelayError, RequestError

__all__ = [
    "AGENT",
    "PROTOCOL_VERSION",
    "Connected",
    "Credentials",
    "EventReceived",
    "Failure",
    "FrameRejected",
    "Happening",
    "RelayProtocol",
    "Reply",
    "ServerDisconnect",
]

E = TypeVar("E")

PROTOCOL_VERSION: Final[JsonObject] = {"major": 2, "minor": 0, "revision": 0}
AGENT: Final = "signalwire-typed-python/0.1.0"

CONNECT: Final = "signalwire.connect"
RECEIVE: Final = "signalwire.receive"
UNRECEIVE: Final = "signalwire.unreceive"
PING: Final = "signalwire.ping"
EVENT: Final = "signalwire.event"
DISCONNECT: Final = "signalwire.disconnect"

Credentials: TypeAlias = "dict[str, str]"
"""``{"project", "token"}`` or ``{"jwt_token"}`` (with an optional ``project``)."""

_C_MAKE_ENCODER: object = getattr(json.encoder, "c_make_encoder", None)  # CPython's C encoder factory
_SEEN_EVENTS = 4096  # ids remembered to drop redelivered events; covers any plausible resume backlog
_EXCERPT = 200


class Reply:
    """A successful answer to request ``request_id`` (``method``); ``result`` as the server sent it."""

    __slots__ = ("method", "request_id", "result")

    def __init__(self, request_id: str, method: str, result: JsonObject) -> None:
        self.request_id = request_id
        self.method = method
        self.result = result

    def __repr__(self) -> str:
        return f"Reply({self.request_id!r}, {self.method!r}, {self.result!r})"


class Failure:
    """Request ``request_id`` failed; ``error`` says how (RequestError, ConnectionLostError...)."""

    __slots__ = ("error", "method", "request_id")

    def __init__(self, request_id: str, method: str, error: RelayError) -> None:
        self.request_id = request_id
        self.method = method
        self.error = error

    def __repr__(self) -> str:
        return f"Failure({self.request_id!r}, {self.method!r}, {self.error!r})"


class Connected:
    """``signalwire.connect`` succeeded; ``resumed`` is true when the server kept our session."""

    __slots__ = ("identity", "protocol", "request_id", "result", "resumed")

    def __init__(self, request_id: str, protocol: str, identity: str, resumed: bool, result: JsonObject):
        self.request_id = request_id
        self.protocol = protocol
        self.identity = identity
        self.resumed = resumed
        self.result = result

    def __repr__(self) -> str:
        return f"Connected(protocol={self.protocol!r}, resumed={self.resumed})"


class EventReceived(Generic[E]):
    """A server event (already acked): ``event`` typed, ``params`` the raw inner params for routing."""

    __slots__ = ("event", "event_type", "params")

    def __init__(self, event_type: str, event: E, params: Mapping[str, object]) -> None:
        self.event_type = event_type
        self.event = event
        self.params = params

    def __repr__(self) -> str:
        return f"EventReceived({self.event_type!r})"


class ServerDisconnect:
    """The server asked us to reconnect (``restart``: start a fresh session, not resume)."""

    __slots__ = ("restart",)

    def __init__(self, restart: bool) -> None:
        self.restart = restart

    def __repr__(self) -> str:
        return f"ServerDisconnect(restart={self.restart})"


class FrameRejected:
    """A frame we could not use; ``reason`` says why, ``frame`` is its start. Log it and go on."""

    __slots__ = ("frame", "reason")

    def __init__(self, reason: str, frame: str) -> None:
        self.reason = reason
        self.frame = frame

    def __repr__(self) -> str:
        return f"FrameRejected({self.reason!r})"


Happening: TypeAlias = "Reply | Failure | Connected | EventReceived[E] | ServerDisconnect | FrameRejected"


def _excerpt(data: str | bytes) -> str:
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "..."


def _is_success(code: object) -> bool:
    # RELAY sends codes as strings ("200"); any 2xx is success.
    text = code if type(code) is str else str(code)
    return len(text) == 3 and text[0] == "2" and text.isdigit()


# The decoder's scanner (C in CPython), set up once; typeshed does not declare the attribute.
_scan = cast("Callable[[str, int], tuple[object, int]]", getattr(json.JSONDecoder(), "scan_once"))  # noqa: B009


def _parse(data: str | bytes) -> object:
    """``json.loads`` of a UTF-8 frame, minus its per-call set-up (a third of its cost on a reply).

    The scanner reads one value from the start; anything else (leading or trailing whitespace,
    extra data, bad JSON) goes to ``json.loads`` for the verdict and its error message.
    """
    text = data.decode() if isinstance(data, bytes) else data
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _not_json(value: object) -> object:
    raise TypeError(f"object of type {type(value).__name__} is not JSON serializable")


def _frame_encoder(default: Callable[[object], object] | None) -> Callable[[object], str]:
    """Compact JSON text of a frame; ``default`` turns what json cannot encode into what it can.

    ``json.dumps`` (and ``JSONEncoder.encode``) build a new C encoder on every call; the one made
    here is made once, which is most of the cost of encoding a small frame.
    """
    make = cast("Callable[..., Callable[[object, int], tuple[str, ...]]] | None", _C_MAKE_ENCODER)
    encoder = json.JSONEncoder(separators=(",", ":"), default=default or _not_json)
    if make is None:
        return encoder.encode
    # As JSONEncoder.iterencode makes it, without the circularity markers (a cycle recurses until
    # RecursionError, reported below): default, string encoder, indent, separators, sort_keys,
    # skipkeys, allow_nan.
    chunks = make(None, encoder.default, encode_basestring_ascii, None, ":", ",", False, False, True)

    def encode(frame: object) -> str:
        try:
            return "".join(chunks(frame, 0))
        except RecursionError:
            raise ValueError("a RELAY frame cannot contain a circular reference") from None

    return encode


def _ack(request_id: object) -> str:
    return '{"jsonrpc":"2.0","id":' + json.dumps(request_id) + ',"result":{}}'


class RelayProtocol(Generic[E]):
    """One RELAY session's protocol state, across as many connections as it takes.

    ``decode`` turns the params of a ``signalwire.event`` request into a typed event (the
    generated ``decode_event``); it may raise ``ValueError`` on bad data, which rejects the frame.
    ``encode`` turns what ``json`` cannot (typed models in request params) into JSON values.
    """

    def __init__(
        self,
        *,
        credentials: Credentials,
        decode: Callable[[dict[str, object]], E],
        contexts: Iterable[str] = (),
        agent: str = AGENT,
        version: JsonObject | None = None,
        encode: Callable[[object], object] | None = None,
    ) -> None:
        self._credentials = dict(credentials)
        self._decode = decode
        self._dumps = _frame_encoder(encode)
        self._agent = agent
        self._version: JsonObject = dict(version or PROTOCOL_VERSION)
        self._contexts: dict[str, None] = dict.fromkeys(contexts)  # ordered set
        self._prefix = os.urandom(4).hex()
        self._ids = itertools.count(1)
        self._pending: dict[str, str] = {}  # request id -> method
        self._outbox: list[str] = []
        self._seen: set[str] = set()
        self._seen_order: deque[str] = deque()
        self.protocol: str | None = None
        """The session id from the last connect result; sent again on reconnect to resume."""
        self.identity: str | None = None
        self.authorization_state: str | None = None
        """Opaque re-authorization blob the server may send; returned on reconnect."""
        self.connected = False

    # --- what the session asks for -------------------------------------------------------------

    @property
    def contexts(self) -> tuple[str, ...]:
        """Contexts this session receives inbound calls and messages for."""
        return tuple(self._contexts)

    def connect(self) -> tuple[str, str]:
        """The ``signalwire.connect`` request for a new connection: ``(request id, frame)``.

        Carries our contexts, and the previous ``protocol`` when there is one, so the server resumes
        the session (redelivering events we had not acked) instead of starting afresh.
        """
        self.connected = False
        params: JsonObject = {
            "version": self._version,
            "agent": self._agent,
            "event_acks": True,
            "authentication": dict(self._credentials),
        }
        if self._contexts:
            contexts: list[JsonValue] = list(self._contexts)
            params["contexts"] = contexts
        if self.protocol:
            params["protocol"] = self.protocol
        if self.authorization_state:
            params["authorization_state"] = self.authorization_state
        return self._request(CONNECT, params)

    def request(self, method: str, params: JsonObject) -> tuple[str, str]:
        """A JSON-RPC request ``method(params)``: ``(request id, frame)``; its answer comes back
        from :meth:`receive` as a :class:`Reply` or :class:`Failure` with that id."""
        return self._request(method, params)

    def subscribe(self, contexts: Iterable[str]) -> tuple[str, str] | None:
        """Add contexts; the ``signalwire.receive`` request for the new ones (None if none are new)."""
        new: list[JsonValue] = [c for c in contexts if c not in self._contexts]
        if not new:
            return None
        self._contexts.update(dict.fromkeys(map(str, new)))
        return self._request(RECEIVE, {"contexts": new})

    def unsubscribe(self, contexts: Iterable[str]) -> tuple[str, str] | None:
        """Drop contexts; the ``signalwire.unreceive`` request for those we had (None if none)."""
        gone: list[JsonValue] = [c for c in contexts if c in self._contexts]
        if not gone:
            return None
        for c in gone:
            del self._contexts[str(c)]
        return self._request(UNRECEIVE, {"contexts": gone})

    def ping(self) -> tuple[str, str]:
        """A ``signalwire.ping`` request, to probe a quiet connection."""
        return self._request(PING, {})

    def forget(self, request_id: str) -> None:
        """Stop waiting for ``request_id`` (it timed out); a late answer is then rejected."""
        self._pending.pop(request_id, None)

    def connection_lost(self) -> list[Failure]:
        """The connection dropped: every request in flight fails (it may or may not have run)."""
        self.connected = False
        self._outbox.clear()
        failed = [Failure(rid, method, ConnectionLostError(method)) for rid, method in self._pending.items()]
        self._pending.clear()
        return failed

    @property
    def has_data_to_send(self) -> bool:
        """True when :meth:`data_to_send` has frames waiting."""
        return bool(self._outbox)

    def data_to_send(self) -> list[str]:
        """Frames to send now (acks and pongs produced by :meth:`receive`), oldest first."""
        out = self._outbox
        if out:
            self._outbox = []
        return out

    # --- frames in ------------------------------------------------------------------------------

    def receive(self, data: str | bytes) -> Happening[E] | None:
        """Take one frame from the server; what it means for the session, or None if nothing."""
        try:
            msg = _parse(data)
        except ValueError as exc:
            return FrameRejected(f"not JSON ({exc})", _excerpt(data))
        if type(msg) is not dict:
            return FrameRejected("not a JSON object", _excerpt(data))
        method = msg.get("method")
        if method is None:
            return self._answer(msg, data)
        params = msg.get("params")
        if "id" not in msg:
            return FrameRejected(f"{method} request without an id", _excerpt(data))
        request_id = msg["id"]
        if method == EVENT:
            if type(params) is not dict:
                self._outbox.append(_ack(request_id))
                return FrameRejected("signalwire.event without params object", _excerpt(data))
            return self._event(request_id, params, data)
        if method == PING:
            self._outbox.append(_ack(request_id))
            return None
        if method == DISCONNECT:
            self._outbox.append(_ack(request_id))
            restart = type(params) is dict and params.get("restart") is True
            if restart:
                self.protocol = None
                self.authorization_state = None
            return ServerDisconnect(restart)
        self._outbox.append(
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": request_id,
                    "error": {"code": -32601, "message": f"method not found: {method}"},
                },
                separators=(",", ":"),
            )
        )
        return FrameRejected(f"unknown server request {method!r}", _excerpt(data))

    # --- internals -----------------------------------------------------------------------------

    def _request(self, method: str, params: JsonObject) -> tuple[str, str]:
        request_id = f"{self._prefix}-{next(self._ids)}"
        self._pending[request_id] = method
        frame = self._dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return request_id, frame

    def _event(self, request_id: object, params: dict[str, object], data: str | bytes) -> Happening[E] | None:
        self._outbox.append(_ack(request_id))
        # Redelivered after a resume (same id): acked again, handed over once.
        if type(request_id) is str:
            if request_id in self._seen:
                return None
            self._seen.add(request_id)
            self._seen_order.append(request_id)
            if len(self._seen_order) > _SEEN_EVENTS:
                self._seen.discard(self._seen_order.popleft())
        event_type = params.get("event_type")
        if type(event_type) is not str:
            return FrameRejected("signalwire.event without a string event_type", _excerpt(data))
        inner = params.get("params")
        if type(inner) is not dict:
            return FrameRejected(f"{event_type} event without a params object", _excerpt(data))
        if event_type == "signalwire.authorization.state":
            state = inner.get("authorization_state")
            if type(state) is str:
                self.authorization_state = state
        try:
            event = self._decode(params)
        except ValueError as exc:
            return FrameRejected(f"bad {event_type} event: {exc}", _excerpt(data))
        return EventReceived(event_type, event, inner)

    def _answer(self, msg: dict[str, object], data: str | bytes) -> Happening[E]:
        request_id = msg.get("id")
        method = self._pending.pop(request_id, None) if isinstance(request_id, str) else None
        if method is None or not isinstance(request_id, str):
            return FrameRejected(f"answer to unknown request id {request_id!r}", _excerpt(data))
        error = msg.get("error")
        if error is not None:
            error_code, text = "-1", str(error)
            if type(error) is dict:
                error_code, text = str(error.get("code", "-1")), str(error.get("message", "no message"))
            failure_type = AuthenticationError if method == CONNECT else RequestError
            return Failure(request_id, method, failure_type(method, error_code, text))
        result = msg.get("result")
        if type(result) is not dict:
            return Failure(
                request_id,
                method,
                RequestError(method, "invalid", f"result is not an object: {_excerpt(data)}"),
            )
        if method == CONNECT:
            return self._connected(request_id, result)
        code = result.get("code")
        if code is not None and not _is_success(code):
            message = result.get("message")
            return Failure(
                request_id,
                method,
                RequestError(method, str(code), str(message) if message is not None else "no message"),
            )
        return Reply(request_id, method, result)

    def _connected(self, request_id: str, result: JsonObject) -> Connected:
        protocol = result.get("protocol")
        identity = result.get("identity")
        new_protocol = protocol if isinstance(protocol, str) and protocol else self.protocol or ""
        resumed = self.protocol is not None and new_protocol == self.protocol
        self.protocol = new_protocol or None
        self.identity = identity if isinstance(identity, str) else None
        self.connected = True
        return Connected(request_id, new_protocol, self.identity or "", resumed, result)
