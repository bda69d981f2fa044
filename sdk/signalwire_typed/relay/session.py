"""A thin asyncio binding of :class:`~.protocol.RelayProtocol` to a ``websockets`` connection.

It opens the socket, authenticates, reads frames into the protocol and writes what the protocol
wants sent, turns replies into awaited results, hands events to one synchronous callback, and
reconnects with exponential backoff and jitter when the connection drops, resuming the session
(the protocol re-sends its ``protocol`` string and contexts). Requests made while disconnected
wait for the reconnect within their own timeout.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import ssl
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from signalwire_typed_gen._runtime import JsonObject

from ._lazy import LazyModule
from .errors import AuthenticationError, ConnectionLostError, RelayError, RequestTimeoutError
from .protocol import (
    Connected,
    EventReceived,
    Failure,
    FrameRejected,
    Happening,
    RelayProtocol,
    Reply,
    ServerDisconnect,
)

if TYPE_CHECKING:
    from . import _connection as wire
    from ._connection import RelayConnection
else:
    # websockets loads with the first connection, not with the import of the client.
    wire = LazyModule("signalwire_typed.relay._connection", "wire", globals())

__all__ = ["CA_FILE_VARIABLE", "RelaySession", "relay_url", "ssl_context_for"]

E = TypeVar("E")

CA_FILE_VARIABLE = "SIGNALWIRE_RELAY_CA_FILE"
logger = logging.getLogger("signalwire_typed.relay")

_MAX_AUTH_FAILURES = 3  # refused credentials on reconnect: give up after this many in a row


def relay_url(host: str) -> str:
    """``host[:port]`` means ``wss://host[:port]``; a full ``ws://`` or ``wss://`` URL is kept."""
    if host.startswith(("ws://", "wss://")):
        return host
    if not host or any(c in host for c in "/?#@ \r\n"):
        raise ValueError(f"host must be 'host[:port]' or a ws:// or wss:// URL, got {host!r}")
    return f"wss://{host}"


def ssl_context_for(url: str) -> ssl.SSLContext | None:
    """TLS for a wss URL: the system trust store, or the CA bundle named by SIGNALWIRE_RELAY_CA_FILE."""
    if not url.startswith("wss://"):
        return None
    context = ssl.create_default_context()
    ca_file = os.environ.get(CA_FILE_VARIABLE)
    if ca_file:
        try:
            context.load_verify_locations(cafile=ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise ValueError(f"{CA_FILE_VARIABLE}={ca_file!r} is not a readable CA bundle: {exc}") from exc
    return context


def _expire(future: asyncio.Future[JsonObject], method: str, limit: float) -> None:
    if not future.done():
        future.set_exception(RequestTimeoutError(method, limit))


class RelaySession(Generic[E]):
    """One logical RELAY session over as many WebSocket connections as it takes.

    ``on_event`` is called synchronously, in arrival order, with every event after it was acked;
    it must not block (start tasks for slow work). ``on_connected`` runs after every successful
    (re)connect.
    """

    def __init__(
        self,
        *,
        url: str,
        protocol: RelayProtocol[E],
        on_event: Callable[[EventReceived[E]], None],
        on_connected: Callable[[Connected], None] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        execute_timeout: float = 10.0,
        connect_timeout: float = 10.0,
        reconnect_delay: float = 0.5,
        reconnect_max_delay: float = 30.0,
    ) -> None:
        self.url = url
        self.protocol = protocol
        self.execute_timeout = execute_timeout
        self.connect_timeout = connect_timeout
        self.reconnect_delay = reconnect_delay
        self.reconnect_max_delay = reconnect_max_delay
        self._on_event = on_event
        self._on_connected = on_connected
        self._ssl = ssl_context if ssl_context is not None else ssl_context_for(url)
        self._ws: RelayConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._waiters: dict[str, asyncio.Future[JsonObject]] = {}
        self._connect_waiter: asyncio.Future[Connected] | None = None
        self._ready = asyncio.Event()
        self._closing = False
        self._closed = asyncio.Event()
        self._fatal: BaseException | None = None
        self._flush_scheduled = False
        self.reconnects = 0
        """How many times the connection was re-established after a drop."""

    @property
    def connected(self) -> bool:
        """True while authenticated on a live connection."""
        return self._ready.is_set()

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self, *, retry: bool = False) -> None:
        """Connect and authenticate, then keep the session up in the background.

        A failure to connect raises, unless ``retry``: then network failures are retried with the
        reconnect backoff until it works (refused credentials still raise).
        """
        if self._supervisor is not None:
            raise RuntimeError("the session is already started")
        self._closing = False
        self._closed.clear()
        attempt = 0
        while True:
            try:
                await self._open()
                break
            except wire.NETWORK_ERRORS as exc:
                if not retry:
                    raise
                delay = self._backoff(attempt)
                attempt += 1
                logger.warning("RELAY connect to %s failed (%s); retrying in %.1fs", self.url, exc, delay)
                await asyncio.sleep(delay)
        self._supervisor = asyncio.create_task(self._supervise(), name="relay-session")

    async def close(self) -> None:
        """Close the connection for good; waiting requests fail."""
        self._closing = True
        self._ready.clear()
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None:
            supervisor.cancel()
        ws = self._ws
        if ws is not None:
            await ws.close()
        reader = self._reader
        if reader is not None:
            await asyncio.gather(reader, return_exceptions=True)
        if supervisor is not None:
            await asyncio.gather(supervisor, return_exceptions=True)
        self._fail_waiters()
        self._closed.set()

    async def wait_closed(self) -> None:
        """Return when the session is closed; raise what made it give up, if anything did."""
        await self._closed.wait()
        if self._fatal is not None:
            raise self._fatal

    def drop_connection(self) -> None:
        """Abort the current connection as a network failure would (the session reconnects)."""
        ws = self._ws
        if ws is not None:
            ws.transport.abort()

    # --- requests ---------------------------------------------------------------------------------

    async def execute(self, method: str, params: JsonObject, timeout: float | None = None) -> JsonObject:
        """Send ``method(params)`` and return the result; raise RequestError on a non-2xx code.

        While disconnected, the request waits for the reconnect; all of it within ``timeout``
        (default: the session's execute timeout).
        """
        limit = self.execute_timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while True:
            if not self._ready.is_set():
                try:
                    async with asyncio.timeout_at(deadline):
                        await self._wait_ready()
                except TimeoutError:
                    raise RequestTimeoutError(method, limit) from None
            ws = self._ws
            if ws is None:
                raise RelayError("the RELAY session was never started")
            request_id, frame = self.protocol.request(method, params)
            future: asyncio.Future[JsonObject] = loop.create_future()
            self._waiters[request_id] = future
            try:
                if not wire.write_now(ws, frame):
                    await ws.send(frame)
            except wire.ConnectionClosed:
                # Never left us: safe to send again on the next connection.
                self._waiters.pop(request_id, None)
                self.protocol.forget(request_id)
                self._ready.clear()
                continue
            # A timer rather than asyncio.timeout(): the same effect at a fraction of the cost.
            timer = loop.call_at(deadline, _expire, future, method, limit)
            try:
                return await future
            finally:
                timer.cancel()
                if self._waiters.pop(request_id, None) is not None:
                    self.protocol.forget(request_id)

    async def subscribe(self, contexts: Iterable[str]) -> None:
        """Receive inbound calls and messages of these contexts too (``signalwire.receive``)."""
        await self._send_prepared("signalwire.receive", self.protocol.subscribe(contexts))

    async def unsubscribe(self, contexts: Iterable[str]) -> None:
        """Stop receiving these contexts (``signalwire.unreceive``)."""
        await self._send_prepared("signalwire.unreceive", self.protocol.unsubscribe(contexts))

    async def _send_prepared(self, method: str, prepared: tuple[str, str] | None) -> None:
        if prepared is None:
            return
        request_id, frame = prepared
        if not self._ready.is_set() or self._ws is None:
            # Not connected: the protocol now holds the contexts and the reconnect subscribes them.
            self.protocol.forget(request_id)
            return
        future: asyncio.Future[JsonObject] = asyncio.get_running_loop().create_future()
        self._waiters[request_id] = future
        try:
            await self._ws.send(frame)
            async with asyncio.timeout(self.execute_timeout):
                await future
        except wire.ConnectionClosed:
            pass  # the reconnect subscribes the protocol's contexts
        except TimeoutError:
            raise RequestTimeoutError(method, self.execute_timeout) from None
        finally:
            if self._waiters.pop(request_id, None) is not None:
                self.protocol.forget(request_id)

    async def _wait_ready(self) -> None:
        if self._fatal is not None:
            raise self._fatal
        if self._closing:
            raise RelayError("the RELAY session is closed")
        waiter = asyncio.ensure_future(self._ready.wait())
        closed = asyncio.ensure_future(self._closed.wait())
        try:
            await asyncio.wait((waiter, closed), return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
            closed.cancel()
        if not self._ready.is_set():
            if self._fatal is not None:
                raise self._fatal
            raise RelayError("the RELAY session is closed")

    # --- connections ------------------------------------------------------------------------------

    async def _open(self) -> None:
        ws = await wire.open_connection(self.url, self._ssl, self.connect_timeout)
        ws.on_text = self._receiver(ws)
        self._ws = ws
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Connected] = loop.create_future()
        self._connect_waiter = waiter
        self._reader = asyncio.create_task(self._read(ws), name="relay-reader")
        request_id, frame = self.protocol.connect()
        try:
            await ws.send(frame)
            async with asyncio.timeout(self.connect_timeout):
                connected = await waiter
        except BaseException:
            self.protocol.forget(request_id)
            self._connect_waiter = None
            await ws.close()
            await asyncio.gather(self._reader, return_exceptions=True)
            raise
        self._connect_waiter = None
        logger.info("RELAY connected to %s (resumed=%s)", self.url, connected.resumed)
        self._ready.set()

    def _receiver(self, ws: RelayConnection) -> Callable[[bytes], None]:
        """The per-message callback of one connection (called from its ``data_received``)."""
        protocol = self.protocol
        receive = protocol.receive
        on_event = self._on_event
        waiters = self._waiters
        loop = asyncio.get_running_loop()

        def on_text(data: bytes) -> None:
            happening = receive(data)
            if not self._flush_scheduled and protocol.has_data_to_send:
                self._flush_scheduled = True
                loop.call_soon(self._flush, ws)
            if happening is None:
                return
            try:
                if type(happening) is EventReceived:
                    on_event(happening)
                elif type(happening) is Reply:
                    future = waiters.pop(happening.request_id, None)
                    if future is not None and not future.done():
                        future.set_result(happening.result)
                else:
                    self._other(happening)
            except Exception:
                logger.exception("RELAY failed to handle %r", happening)

        return on_text

    def _other(self, happening: Happening[E]) -> None:
        if type(happening) is Failure:
            self._fail(happening)
        elif type(happening) is Connected:
            # Synchronously, before the frames that follow (events may come right after).
            if self._on_connected is not None:
                self._on_connected(happening)
            if self._connect_waiter is not None and not self._connect_waiter.done():
                self._connect_waiter.set_result(happening)
        elif type(happening) is FrameRejected:
            logger.warning("RELAY frame skipped: %s: %s", happening.reason, happening.frame)
        elif type(happening) is ServerDisconnect:
            logger.info("RELAY server asked to reconnect (restart=%s)", happening.restart)

    async def _read(self, ws: RelayConnection) -> None:
        """Live as long as the connection: frames arrive through its callback; then clean up."""
        try:
            await ws.wait_closed()
        finally:
            if self._ws is ws:
                self._ready.clear()
            for failure in self.protocol.connection_lost():
                self._fail(failure)
            waiter = self._connect_waiter
            if waiter is not None and not waiter.done():
                waiter.set_exception(ConnectionLostError("signalwire.connect"))

    def _flush(self, ws: RelayConnection) -> None:
        """Write the acks and pongs of a burst of frames in one go.

        Frames that arrive together are read without yielding to the loop; their answers wait
        for this callback and leave in a single write (one TLS record, one system call) instead of
        one each, which is most of the cost of receiving an event.
        """
        self._flush_scheduled = False
        frames = self.protocol.data_to_send()
        if frames:
            wire.write_all(ws, frames)

    def _fail(self, failure: Failure) -> None:
        if failure.method == "signalwire.connect":
            waiter = self._connect_waiter
            if waiter is not None and not waiter.done():
                waiter.set_exception(failure.error)
            return
        future = self._waiters.pop(failure.request_id, None)
        if future is not None and not future.done():
            future.set_exception(failure.error)

    def _fail_waiters(self) -> None:
        waiters = list(self._waiters.values())
        self._waiters.clear()
        for future in waiters:
            if not future.done():
                future.set_exception(RelayError("the RELAY session is closed"))

    async def _supervise(self) -> None:
        try:
            while not self._closing:
                if self._reader is not None:
                    await asyncio.gather(self._reader, return_exceptions=True)
                if self._closing:
                    return
                logger.warning("RELAY connection lost; reconnecting")
                await self._reconnect()
        except asyncio.CancelledError:
            pass
        except BaseException as exc:  # pragma: no cover - nothing else is expected, but never hang waiters
            self._give_up(exc)

    async def _reconnect(self) -> None:
        attempt = 0
        auth_failures = 0
        while not self._closing:
            await asyncio.sleep(self._backoff(attempt))
            attempt += 1
            try:
                await self._open()
            except AuthenticationError as exc:
                auth_failures += 1
                logger.warning("RELAY reconnect refused (%d/%d): %s", auth_failures, _MAX_AUTH_FAILURES, exc)
                if auth_failures >= _MAX_AUTH_FAILURES:
                    self._give_up(exc)
                    return
            except (*wire.NETWORK_ERRORS, RelayError) as exc:
                logger.info("RELAY reconnect attempt %d failed: %s", attempt, exc)
            else:
                self.reconnects += 1
                return

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: half to all of min(max, base * 2**attempt)."""
        return min(self.reconnect_max_delay, self.reconnect_delay * 2.0**attempt) * random.uniform(0.5, 1.0)

    def _give_up(self, exc: BaseException) -> None:
        self._fatal = exc
        self._closing = True
        self._fail_waiters()
        self._closed.set()
