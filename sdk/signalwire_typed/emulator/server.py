"""The emulator server: one loopback port for the RELAY WebSocket (``/`` and ``/api/relay/wss``)
and the HTTP control API, optionally over TLS; runs in the caller's event loop or in its own thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import ssl
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Literal, TypeVar

from signalwire_typed_gen._runtime import JsonObject

from . import control_api, protocol, rest
from .auth import Credentials
from .calling import commands
from .calls import CallInfo
from .control import Control
from .core import EmulatorCore
from .http import MAX_HEAD, HttpError, HttpResponse, parse_head, read_body, read_head
from .messaging import Messaging
from .router import Router
from .sessions import SessionInfo
from .timing import Timing
from .websocket import WebSocketPeer

__all__ = ["Emulator"]

T = TypeVar("T")
logger = logging.getLogger("signalwire_typed.emulator")
WEBSOCKET_PATHS = frozenset({"/", "/api/relay/wss"})


class Emulator:
    """A local SignalWire RELAY service for tests and demos.

    ``async with Emulator() as emulator:`` serves in the running loop; ``with Emulator() as
    emulator:`` serves from a background thread (handy in synchronous tests). The control
    methods (:meth:`ring`, :meth:`send_digits`, ...) can be called from any thread.

    With ``project`` and ``token`` only that pair (or a JWT signed HS256 with the token) is
    accepted; without them any credentials are. With ``tls_cert``/``tls_key`` it serves wss.
    With ``ping_interval`` (seconds) it sends ``signalwire.ping`` to every client that often.
    A client that drops can resume its session (``protocol``) within ``resume_window`` seconds.

    The same port serves the REST API (phone numbers, Fabric AI agents and subscribers, calling
    dial/end: see :mod:`.rest`) at :attr:`http_url`, with the same credentials. Calls dialed over
    REST go to RELAY clients subscribed to ``rest_context`` (unless the ``from`` number, bought
    in the emulator, names a ``call_relay_context``).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        project: str | None = None,
        token: str | None = None,
        tls_cert: str | Path | None = None,
        tls_key: str | Path | None = None,
        timing: Timing | None = None,
        space_id: str = "emulator-space",
        ping_interval: float | None = None,
        resume_window: float = 300.0,
        rest_context: str = "rest",
    ) -> None:
        if (project is None) != (token is None):
            raise ValueError("give both project and token, or neither (then any credentials are accepted)")
        if (tls_cert is None) != (tls_key is None):
            raise ValueError("give both tls_cert and tls_key to serve wss, or neither for ws")
        self.host = host
        self._requested_port = port
        self._credentials = Credentials(project, token) if project and token else None
        self._tls = (Path(tls_cert), Path(tls_key)) if tls_cert and tls_key else None
        self.timing = timing or Timing()
        self.space_id = space_id
        if ping_interval is not None and ping_interval <= 0:
            raise ValueError(f"ping_interval must be positive seconds or None, got {ping_interval}")
        self.ping_interval = ping_interval
        if resume_window < 0:
            raise ValueError(f"resume_window must not be negative, got {resume_window}")
        self.resume_window = resume_window
        if not rest_context:
            raise ValueError("rest_context must be a non-empty context name")
        self.rest_context = rest_context
        self.port = 0
        self._server: asyncio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._core: EmulatorCore | None = None
        self._control: Control | None = None
        self._router = Router()
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread: threading.Thread | None = None
        self._thread_stop: asyncio.Event | None = None

    # -- addresses ------------------------------------------------------------------------

    @property
    def tls(self) -> bool:
        return self._tls is not None

    @property
    def url(self) -> str:
        """The WebSocket URL clients connect to (``ws://127.0.0.1:PORT`` or ``wss://...``)."""
        return f"{'wss' if self.tls else 'ws'}://{self.host}:{self.port}"

    @property
    def http_url(self) -> str:
        """The base URL of the HTTP control API and of the REST API (``RestClient(base_url=...)``)."""
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    @property
    def address(self) -> str:
        """``host:port``, the form the official clients take as their host."""
        return f"{self.host}:{self.port}"

    # -- running in the current loop ------------------------------------------------------

    async def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        loop = asyncio.get_running_loop()
        core = EmulatorCore(
            loop,
            credentials=self._credentials,
            timing=self.timing,
            space_id=self.space_id,
            http_url=lambda: self.http_url,
            resume_window=self.resume_window,
        )
        core.handlers.update(protocol.HANDLERS)
        core.handlers.update(commands.HANDLERS)
        messaging = Messaging(core)
        messaging.register()
        self._control = Control(core, messaging)
        self._router = Router()
        control_api.register(self._router, self._control)
        rest.register(
            self._router,
            core,
            rest.RestState(self._credentials, lambda: self.http_url, self.rest_context),
        )
        ssl_context = None
        if self._tls is not None:
            cert, key = self._tls
            ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            try:
                ssl_context.load_cert_chain(str(cert), str(key))
            except (OSError, ssl.SSLError) as exc:
                raise ValueError(f"cannot load the TLS certificate {cert} with key {key}: {exc}") from None
        self._server = await asyncio.start_server(
            self._on_client, self.host, self._requested_port, ssl=ssl_context, limit=MAX_HEAD
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._loop = loop
        self._core = core
        if self.ping_interval is not None:
            self._schedule_ping(core, self._control, self.ping_interval)

    @staticmethod
    def _schedule_ping(core: EmulatorCore, control: Control, interval: float) -> None:
        def tick() -> None:
            control.ping()
            core.scheduler.later(interval, tick)

        core.scheduler.later(interval, tick)

    async def stop(self) -> None:
        server, core = self._server, self._core
        if server is None or core is None:
            return
        self._server = None
        server.close()
        core.shutdown()
        for connection in list(core.connections):
            try:
                await asyncio.wait_for(connection.peer.close(1001, "emulator stopping"), 1)
            except TimeoutError:
                # A client that stopped reading cannot hold up the shutdown.
                connection.peer.abort()
        for writer in list(self._writers):
            writer.close()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=2)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=2)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), timeout=5)
        self._core = None
        self._loop = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def serve_forever(self, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set (the CLI's main loop)."""
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()

    # -- running in a background thread ---------------------------------------------------

    def start_in_thread(self, timeout: float = 10.0) -> None:
        """Serve from a new thread with its own event loop; returns once it is listening."""
        if self._thread is not None:
            raise RuntimeError("the emulator is already running")
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()

        async def main() -> None:
            self._thread_stop = asyncio.Event()
            try:
                await self.start()
            except BaseException as exc:
                ready.set_exception(exc)
                return
            ready.set_result(None)
            try:
                await self._thread_stop.wait()
            finally:
                await self.stop()

        self._thread = threading.Thread(
            target=asyncio.run, args=(main(),), name="relay-emulator", daemon=True
        )
        self._thread.start()
        try:
            ready.result(timeout)
        except BaseException:
            self._thread.join(timeout)
            self._thread = None
            raise

    def stop_thread(self, timeout: float = 10.0) -> None:
        thread, loop, stop = self._thread, self._loop, self._thread_stop
        if thread is None:
            return
        if loop is not None and stop is not None:
            loop.call_soon_threadsafe(stop.set)
        thread.join(timeout)
        self._thread = None

    def __enter__(self) -> Emulator:
        self.start_in_thread()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_thread()

    # -- control (any thread) -------------------------------------------------------------

    def _run(self, fn: Callable[[Control], T]) -> T:
        control, loop = self._control, self._loop
        if control is None or loop is None or self._core is None:
            raise RuntimeError("the emulator is not running: call start() or use it as a context manager")
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            return fn(control)
        future: concurrent.futures.Future[T] = concurrent.futures.Future()

        def call() -> None:
            try:
                future.set_result(fn(control))
            except BaseException as exc:
                future.set_exception(exc)

        loop.call_soon_threadsafe(call)
        return future.result(10)

    def ring(self, context: str, from_: str = "+15551230000", to: str = "+15557654321") -> str:
        """An inbound call rings on ``context``; returns its call_id. It is offered to one client
        subscribed to the context (``CallInfo.delivered`` says whether there was one)."""
        return self._run(lambda c: c.ring(context, from_, to))

    def send_digits(self, call_id: str, digits: str) -> None:
        """The far end presses DTMF keys; a running collect or detect gets them, or they wait for one."""
        self._run(lambda c: c.send_digits(call_id, digits))

    def send_speech(self, call_id: str, text: str) -> None:
        """The far end says ``text``; a running speech collect gets it, or it waits for one."""
        self._run(lambda c: c.send_speech(call_id, text))

    def hangup(self, call_id: str, reason: str = "hangup") -> None:
        """The far end hangs up."""
        self._run(lambda c: c.hangup(call_id, reason))

    def call_info(self, call_id: str) -> CallInfo:
        """State, commands received and events sent for one call."""
        return self._run(lambda c: c.call_info(call_id))

    def calls(self) -> list[CallInfo]:
        return self._run(lambda c: c.calls())

    def inbound_message(
        self, context: str, from_: str, to: str, body: str | None = None, media: list[str] | None = None
    ) -> str:
        """A message arrives on ``context``; returns its message_id."""
        return self._run(lambda c: c.inbound_message(context, from_, to, body, media))

    def message_info(self, message_id: str) -> JsonObject:
        return self._run(lambda c: c.message_info(message_id))

    def fail_next_delivery(
        self, state: Literal["undelivered", "failed"] = "undelivered", reason: str | None = None
    ) -> None:
        """The next ``messaging.send`` ends ``undelivered`` (after sent) or ``failed`` (before)."""
        self._run(lambda c: c.fail_next_delivery(state, reason))

    def set_dial_outcome(
        self, number: str, outcome: Literal["answer", "busy", "no_answer", "failed"]
    ) -> None:
        """What dialing ``number`` does from now on (calls are answered by default)."""
        self._run(lambda c: c.set_dial_outcome(number, outcome))

    def set_machine_detection(self, outcome: Literal["HUMAN", "MACHINE", "UNKNOWN", "FAX"]) -> None:
        """What answering-machine detection reports from now on (``HUMAN`` by default)."""

        def apply(c: Control) -> None:
            c.core.machine_outcome = outcome

        self._run(apply)

    def emit_events(self, call_id: str, event_type: str, params: JsonObject, count: int = 1) -> None:
        """Send ``count`` events of any type about a call to its client (load tests, odd events)."""
        self._run(lambda c: c.emit_events(call_id, event_type, params, count))

    def send_raw(self, text: str) -> int:
        """Send one raw text frame to every connected client; returns how many got it."""
        return self._run(lambda c: c.send_raw(text))

    def ping(self) -> int:
        """Send ``signalwire.ping`` to every connected client."""
        return self._run(lambda c: c.ping())

    def send_authorization_state(self) -> int:
        """Send every connected client a ``signalwire.authorization.state`` event (an opaque blob
        it sends back on reconnect: see ``SessionInfo.authorization_state``)."""
        return self._run(lambda c: c.send_authorization_state())

    def disconnect_clients(self, restart: bool = False) -> int:
        """Send ``signalwire.disconnect`` to every client and close each connection once it answers
        (what the service does before a deploy); with ``restart`` the sessions cannot be resumed."""
        return self._run(lambda c: c.disconnect_clients(restart))

    def drop_connections(self) -> int:
        """Cut every client's connection abruptly; their sessions stay resumable."""
        return self._run(lambda c: c.drop_connections())

    def sessions(self) -> list[SessionInfo]:
        """Every client session: contexts, connection, unacknowledged events, pongs."""
        return self._run(lambda c: c.sessions())

    def unacked_events(self) -> int:
        """How many events sent to clients have not been acknowledged yet."""
        return self._run(lambda c: sum(len(s.unacked) for s in c.core.sessions))

    # -- connections ----------------------------------------------------------------------

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            await self._serve_client(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, asyncio.CancelledError):
            # A connection ends however its peer or stop() ends it; nothing to report.
            pass
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            if not writer.is_closing():
                writer.close()

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        core = self._core
        assert core is not None
        for _ in range(10_000):  # requests on one keep-alive connection
            try:
                head = await read_head(reader)
                if head is None:
                    return
                request = parse_head(head)
                if request.wants_websocket:
                    if request.path not in WEBSOCKET_PATHS:
                        raise HttpError(404, f"no WebSocket at {request.path}; use / or /api/relay/wss")
                    peer = WebSocketPeer(reader, writer)
                    if await peer.handshake(head):
                        await core.serve(peer)
                    return
                request = await read_body(reader, request)
                response = await self._router.dispatch(request)
                keep_alive = request.keep_alive
            except HttpError as exc:
                response, keep_alive = HttpResponse(exc.status, {"error": exc.message}), False
            except (KeyError, ValueError) as exc:
                response, keep_alive = HttpResponse(400, {"error": str(exc)}), True
            except Exception as exc:
                logger.exception("emulator control API failed")
                response, keep_alive = HttpResponse(500, {"error": f"internal error: {exc!r}"}), False
            writer.write(response.encode(keep_alive))
            await writer.drain()
            if not keep_alive:
                return
