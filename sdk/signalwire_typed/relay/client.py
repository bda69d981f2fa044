"""``RelayClient``: one persistent RELAY connection, inbound calls and messages, dialing and sending."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import ssl
from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Final, TypeVar, cast

from signalwire_typed_gen._runtime import JsonObject

from ._tasks import spawn
from .call import Call
from .errors import RelayError
from .message import Message
from .protocol import AGENT, Connected, EventReceived, RelayProtocol
from .session import RelaySession, relay_url

if TYPE_CHECKING:
    from signalwire_typed_gen.relay.events import MessagingStateEvent, RelayEvent
    from signalwire_typed_gen.relay.methods import CallingDialInput, MessagingSendInput
    from typing_extensions import Unpack

__all__ = ["DEFAULT_HOST", "CallHandler", "DialError", "MessageHandler", "RelayClient"]

logger = logging.getLogger("signalwire_typed.relay")

DEFAULT_HOST: Final = "relay.signalwire.com"

CallHandler = Callable[[Call], Awaitable[object]]
MessageHandler = Callable[[Message], Awaitable[object]]
H = TypeVar("H")


class DialError(RelayError):
    """An outbound call was not answered: every device failed, or the dial timed out."""

    def __init__(self, tag: str, reason: str) -> None:
        super().__init__(f"dial {tag} failed: {reason}")
        self.tag = tag
        self.reason = reason


def _env(value: str | None, variable: str) -> str | None:
    return value if value is not None else (os.environ.get(variable) or None)


class RelayClient:
    """A RELAY client: ``async with RelayClient(...) as client:`` or ``client.run()``.

    Credentials come from the arguments or from SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN
    (or SIGNALWIRE_JWT_TOKEN), and the host from SIGNALWIRE_SPACE; ``host`` is ``host[:port]``
    (wss) or a full ``ws://``/``wss://`` URL. ``contexts`` are the contexts whose inbound calls
    and messages this client receives.
    """

    def __init__(
        self,
        *,
        project: str | None = None,
        token: str | None = None,
        jwt: str | None = None,
        host: str | None = None,
        contexts: Iterable[str] = (),
        execute_timeout: float = 10.0,
        reconnect_delay: float = 0.5,
        reconnect_max_delay: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        agent: str = AGENT,
    ) -> None:
        project = _env(project, "SIGNALWIRE_PROJECT_ID")
        token = _env(token, "SIGNALWIRE_API_TOKEN")
        jwt = _env(jwt, "SIGNALWIRE_JWT_TOKEN")
        credentials: dict[str, str]
        if jwt:
            credentials = {"jwt_token": jwt}
            if project:
                credentials["project"] = project
        else:
            if not project:
                raise ValueError(
                    "RelayClient needs a project: pass project=... or set SIGNALWIRE_PROJECT_ID "
                    "(or authenticate with jwt=... / SIGNALWIRE_JWT_TOKEN)"
                )
            if not token:
                raise ValueError(
                    "RelayClient needs an API token: pass token=... or set SIGNALWIRE_API_TOKEN "
                    "(or authenticate with jwt=... / SIGNALWIRE_JWT_TOKEN)"
                )
            credentials = {"project": project, "token": token}
        self.project = project
        self.url = relay_url(_env(host, "SIGNALWIRE_SPACE") or DEFAULT_HOST)
        if isinstance(contexts, str):
            raise TypeError(f"contexts must be a list of context names, not the string {contexts!r}")
        self._protocol: RelayProtocol[RelayEvent] = RelayProtocol(
            credentials=credentials, decode=_decoder(), contexts=contexts, agent=agent
        )
        self._session = RelaySession(
            url=self.url,
            protocol=self._protocol,
            on_event=self._on_event,
            on_connected=self._on_connected,
            ssl_context=ssl_context,
            execute_timeout=execute_timeout,
            reconnect_delay=reconnect_delay,
            reconnect_max_delay=reconnect_max_delay,
        )
        self._calls: dict[str, Call] = {}
        self._messages: dict[str, Message] = {}
        self._dials: dict[str, asyncio.Future[Call]] = {}
        self._on_call: CallHandler | None = None
        self._on_message: MessageHandler | None = None
        self._routes: dict[str, Callable[[EventReceived[RelayEvent]], None]] = {
            "calling.call.receive": self._call_received,
            "calling.call.state": self._call_state,
            "calling.call.dial": self._dial_event,
            "messaging.receive": self._message_received,
            "messaging.state": self._message_state,
        }
        self.on_event: Callable[[RelayEvent], object] | None = None
        """Optional: called with every event the client receives (after routing)."""

    # --- registration ------------------------------------------------------------------------------

    def on_call(self, handler: CallHandler) -> CallHandler:
        """Decorator: ``handler(call)`` runs (as a task) for every inbound call on our contexts."""
        self._on_call = handler
        return handler

    def on_message(self, handler: MessageHandler) -> MessageHandler:
        """Decorator: ``handler(message)`` runs (as a task) for every inbound message on our contexts."""
        self._on_message = handler
        return handler

    # --- lifecycle ---------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """True while authenticated on a live connection."""
        return self._session.connected

    @property
    def contexts(self) -> tuple[str, ...]:
        """Contexts this client receives calls and messages for."""
        return self._protocol.contexts

    @property
    def relay_protocol(self) -> str | None:
        """The session id the server gave us; a reconnect resumes it."""
        return self._protocol.protocol

    @property
    def calls(self) -> Mapping[str, Call]:
        """Calls in progress, by call_id."""
        return self._calls

    @property
    def session(self) -> RelaySession[RelayEvent]:
        """The underlying session (connection state, reconnect count, ``drop_connection()``)."""
        return self._session

    async def connect(self) -> None:
        """Connect and authenticate; after this the client reconnects by itself until disconnect()."""
        await self._session.start()

    async def disconnect(self) -> None:
        """Close the connection; pending requests and dials fail."""
        await self._session.close()
        for future in self._dials.values():
            if not future.done():
                future.set_exception(RelayError("the client disconnected during a dial"))

    async def __aenter__(self) -> RelayClient:
        await self.connect()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.disconnect()

    async def run_forever(self) -> None:
        """Connect (retrying while the network fails) and serve until disconnect() is called or
        the session gives up (then raise why)."""
        await self._session.start(retry=True)
        try:
            await self._session.wait_closed()
        finally:
            await self.disconnect()

    def run(self) -> None:
        """Blocking: connect and serve until Ctrl+C or SIGTERM (or disconnect() from a handler)."""

        async def main() -> None:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, lambda: spawn(self.disconnect(), "relay-shutdown"))
            await self.run_forever()

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(main())

    # --- requests ----------------------------------------------------------------------------------

    async def execute(self, method: str, params: JsonObject, timeout: float | None = None) -> JsonObject:
        """Send any RELAY request and return its result (RequestError on a non-2xx code)."""
        return await self._session.execute(method, params, timeout)

    async def subscribe(self, contexts: Iterable[str]) -> None:
        """Also receive calls and messages of these contexts (``signalwire.receive``); idempotent."""
        await self._session.subscribe(_context_list(contexts))

    async def unsubscribe(self, contexts: Iterable[str]) -> None:
        """Stop receiving calls and messages of these contexts (``signalwire.unreceive``)."""
        await self._session.unsubscribe(_context_list(contexts))

    receive = subscribe
    unreceive = unsubscribe

    async def dial(self, *, timeout: float = 120.0, **options: Unpack[CallingDialInput]) -> Call:
        """Place a call and return it once a device answers; raise DialError if none does.

        ``devices`` is a plan: a list tried in order, each a list of devices rung together, e.g.
        ``devices=[[{"type": "phone", "params": {"from_number": "+1555...", "to_number": "+1555..."}}]]``.
        """
        from signalwire_typed_gen.relay.methods import calling_dial

        tag = options.get("tag") or os.urandom(16).hex()
        options["tag"] = tag
        params = calling_dial(**options)
        future: asyncio.Future[Call] = asyncio.get_running_loop().create_future()
        self._dials[tag] = future
        try:
            await self.execute("calling.dial", params)
            async with asyncio.timeout(timeout):
                return await future
        except TimeoutError:
            raise DialError(tag, f"no answer within {timeout:g}s") from None
        finally:
            self._dials.pop(tag, None)

    async def send_message(self, **options: Unpack[MessagingSendInput]) -> Message:
        """Send an SMS/MMS; ``await message.wait()`` then gives its final state.

        Needs ``from_number``, ``to_number`` and a ``body`` or ``media``.
        """
        from signalwire_typed_gen.relay.methods import messaging_send, messaging_send_result

        if not options.get("body") and not options.get("media"):
            raise ValueError("send_message needs a body or media (or both)")
        if "context" not in options and self._protocol.contexts:
            options["context"] = self._protocol.contexts[0]
        result = messaging_send_result(await self.execute("messaging.send", messaging_send(**options)))
        message = Message(
            message_id=result.message_id or "",
            context=options.get("context", ""),
            direction="outbound",
            from_number=options["from_number"],
            to_number=options["to_number"],
            body=options.get("body"),
            media=list(options.get("media", [])),
            state="queued",
            tags=list(options.get("tags", [])),
        )
        if result.message_id:
            self._messages[result.message_id] = message
        return message

    # --- event routing (synchronous, in arrival order) ---------------------------------------------

    def _on_connected(self, connected: Connected) -> None:
        if not connected.resumed and self._calls:
            # A fresh session after a drop: the server forgot our calls; they get no more events.
            logger.warning("RELAY session was not resumed; %d call(s) get no more events", len(self._calls))

    def _on_event(self, received: EventReceived[RelayEvent]) -> None:
        route = self._routes.get(received.event_type)
        if route is not None:
            route(received)
        else:
            call_id = received.params.get("call_id")
            call = self._calls.get(call_id) if isinstance(call_id, str) else None
            if call is not None:
                call._dispatch(received.event_type, received.event, received.params)
        if self.on_event is not None:
            self.on_event(received.event)

    def _call_received(self, received: EventReceived[RelayEvent]) -> None:
        p = received.params
        call = self._new_call(p, direction="inbound")
        if call is None:
            return
        if self._on_call is None:
            logger.warning(
                "inbound call %s on context %s but no @client.on_call handler", call.call_id, call.context
            )
            return
        spawn(self._on_call(call), f"on_call {call.call_id}")

    def _new_call(self, p: Mapping[str, object], direction: str) -> Call | None:
        call_id, node_id = p.get("call_id"), p.get("node_id")
        if not isinstance(call_id, str) or not isinstance(node_id, str):
            logger.warning("RELAY call event without call_id/node_id skipped: %r", dict(p))
            return None
        existing = self._calls.get(call_id)
        if existing is not None:
            return existing
        device = p.get("device")
        call = Call(
            self._session,
            call_id=call_id,
            node_id=node_id,
            context=_opt_str(p.get("context")),
            tag=_opt_str(p.get("tag")),
            direction=_opt_str(p.get("direction")) or direction,
            state=_opt_str(p.get("call_state")) or "created",
            device=cast("JsonObject", device) if isinstance(device, dict) else None,
        )
        self._calls[call_id] = call
        return call

    def _call_state(self, received: EventReceived[RelayEvent]) -> None:
        p = received.params
        call_id = p.get("call_id")
        call = self._calls.get(call_id) if isinstance(call_id, str) else None
        if call is None:
            tag = p.get("tag")
            if isinstance(tag, str) and tag in self._dials:
                call = self._new_call(p, direction="outbound")
        if call is None:
            return
        call._dispatch(received.event_type, received.event, p)
        if call.state == "ended":
            self._calls.pop(call.call_id, None)

    def _dial_event(self, received: EventReceived[RelayEvent]) -> None:
        p = received.params
        tag = p.get("tag")
        future = self._dials.get(tag) if isinstance(tag, str) else None
        leg = p.get("call")
        leg_params = cast("Mapping[str, object]", leg) if isinstance(leg, dict) else {}
        call_id = leg_params.get("call_id")
        call = self._calls.get(call_id) if isinstance(call_id, str) else None
        state = p.get("dial_state")
        if future is None or future.done():
            if call is not None:
                call._dispatch(received.event_type, received.event, p)
            return
        if state == "answered":
            if call is None:
                call = self._new_call(
                    {"tag": tag, "call_state": "answered", **leg_params}, direction="outbound"
                )
            if call is not None:
                if call.state in {"created", "ringing"}:
                    call.state = "answered"
                call._dispatch(received.event_type, received.event, p)
                future.set_result(call)
        elif state == "failed":
            reason = p.get("reason")
            future.set_exception(DialError(str(tag), str(reason) if reason else "no device answered"))

    def _message_received(self, received: EventReceived[RelayEvent]) -> None:
        message = Message._from_params(received.params)
        if self._on_message is None:
            logger.warning("inbound message %s but no @client.on_message handler", message.message_id)
            return
        spawn(self._on_message(message), f"on_message {message.message_id}")

    def _message_state(self, received: EventReceived[RelayEvent]) -> None:
        message_id = received.params.get("message_id")
        message = self._messages.get(message_id) if isinstance(message_id, str) else None
        if message is None:
            return
        message._state_changed(cast("MessagingStateEvent", received.event), received.params)
        if message.completed:
            del self._messages[message.message_id]


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _context_list(contexts: Iterable[str]) -> list[str]:
    if isinstance(contexts, str):
        raise TypeError(f"contexts must be a list of context names, not the string {contexts!r}")
    return list(contexts)


def _decoder() -> Callable[[dict[str, object]], RelayEvent]:
    from signalwire_typed_gen.relay.events import decode_event

    return decode_event
