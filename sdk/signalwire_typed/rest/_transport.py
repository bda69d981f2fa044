"""The one HTTP layer of the REST clients: pooled httpx clients, auth, timeouts, retries, errors.

The generated resources call ``request`` and get the decoded JSON answer (or text, or None).
"""

from __future__ import annotations

import asyncio
import base64
import json as _json
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias, cast

from signalwire_typed_gen._runtime import JsonValue
from signalwire_typed_gen.rest._rt import NOT_GIVEN, NotGiven

from ._errors import APIConnectionError, APIError, APITimeoutError, retry_after_seconds, status_error

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AsyncHook",
    "AsyncHttpTransport",
    "AsyncPool",
    "Options",
    "SyncHook",
    "SyncHttpTransport",
    "SyncPool",
    "last_response",
]

_RETRY_STATUSES = frozenset({500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0

SyncHook: TypeAlias = "Callable[[httpx.Response], None]"
"""Called with every response a ``RestClient`` receives (logging, tracing, checking)."""
AsyncHook: TypeAlias = "Callable[[httpx.Response], Awaitable[None]]"
"""Awaited with every response an ``AsyncRestClient`` receives."""

last_response: ContextVar[httpx.Response | None] = ContextVar("signalwire_rest_last_response", default=None)


@dataclass(frozen=True, slots=True)
class Options:
    """How requests are made; ``with_options`` derives a copy."""

    base_url: str
    timeout: float
    max_retries: int
    backoff: float = 0.5
    max_backoff: float = 8.0


def basic_auth(project: str, token: str) -> str:
    return "Basic " + base64.b64encode(f"{project}:{token}".encode()).decode("ascii")


def client_headers(project: str, token: str) -> dict[str, str]:
    return {
        "Authorization": basic_auth(project, token),
        "Accept": "application/json",
        "User-Agent": "signalwire-typed/0.1.0",
    }


def changed(options: Options, timeout: float | None, max_retries: int | None) -> Options:
    if timeout is not None and (not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if max_retries is not None and (not isinstance(max_retries, int) or max_retries < 0):
        raise ValueError(f"max_retries must be a non-negative integer, got {max_retries!r}")
    return replace(
        options,
        timeout=options.timeout if timeout is None else float(timeout),
        max_retries=options.max_retries if max_retries is None else max_retries,
    )


def _delay(options: Options, attempt: int, response: httpx.Response | None) -> float:
    if response is not None:
        wait = retry_after_seconds(response)
        if wait is not None:
            return min(wait, _MAX_RETRY_AFTER)
    # Exponential backoff with jitter, so clients that failed together do not retry together.
    return min(options.max_backoff, options.backoff * (1 << attempt)) * random.uniform(0.5, 1.0)


def _should_retry(status: int, retry: bool) -> bool:
    # A 429 was refused before any work was done, so even a POST may be sent again.
    return status == 429 or (retry and status in _RETRY_STATUSES)


def _decode(response: httpx.Response) -> JsonValue:
    if response.status_code == 204 or not response.content:
        return None
    kind = response.headers.get("content-type", "")
    if "json" in kind:
        try:
            return cast(JsonValue, _json.loads(response.content))
        except ValueError:
            if response.is_success:
                raise APIError(
                    f"{response.request.method} {response.request.url.path}: the answer is not valid JSON",
                    response.request,
                ) from None
    return response.text


_JSON_HEADERS = {"Content-Type": "application/json"}
Body = tuple[bytes | None, dict[str, str | list[str]] | None, dict[str, str] | None]


def _body(json: JsonValue | NotGiven, form: Mapping[str, JsonValue] | None) -> Body:
    """Content, form data and extra headers of a request."""
    if form is not None:
        return None, {k: _form_value(v) for k, v in form.items()}, None
    if isinstance(json, NotGiven):
        return None, None, None
    return _json.dumps(json, separators=(",", ":")).encode(), None, _JSON_HEADERS


def _form_value(v: JsonValue) -> str | list[str]:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return [str(x) for x in v]
    return "" if v is None else str(v)


def _not_sent(exc: Exception) -> bool:
    """The connection was never made, so retrying cannot repeat an action, whatever the method."""
    import httpx

    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


def _transport_error(method: str, path: str, exc: httpx.TransportError, timeout: float) -> APIError:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{method} {path} timed out (timeout {timeout} s)", exc.request)
    return APIConnectionError(f"{method} {path}: connection failed ({type(exc).__name__})", exc.request)


class SyncPool:
    """The one ``httpx.Client`` of a client and its ``with_options`` copies, opened on first request.

    Opening is deferred because an httpx client loads the TLS trust store, which costs more than
    everything else in making a RestClient.
    """

    __slots__ = ("_client", "_headers", "_hooks", "_options")

    def __init__(self, options: Options, headers: dict[str, str], hooks: Sequence[SyncHook] = ()) -> None:
        self._options = options
        self._headers = headers
        self._hooks = list(hooks)
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx  # loaded with the first request: importing RestClient stays cheap

            self._client = httpx.Client(
                base_url=self._options.base_url,
                headers=self._headers,
                timeout=self._options.timeout,
                event_hooks={"response": self._hooks},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


class AsyncPool:
    """The one ``httpx.AsyncClient`` of an async client and its copies, opened on first request."""

    __slots__ = ("_client", "_headers", "_hooks", "_options")

    def __init__(self, options: Options, headers: dict[str, str], hooks: Sequence[AsyncHook] = ()) -> None:
        self._options = options
        self._headers = headers
        self._hooks = list(hooks)
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(
                base_url=self._options.base_url,
                headers=self._headers,
                timeout=self._options.timeout,
                event_hooks={"response": self._hooks},
            )
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()


class SyncHttpTransport:
    """Blocking requests over one pooled ``httpx.Client``."""

    __slots__ = ("_http", "_timeout", "options")

    def __init__(self, options: Options, http: SyncPool) -> None:
        self.options = options
        self._http = http
        self._timeout = options.timeout

    def with_options(
        self, *, timeout: float | None = None, max_retries: int | None = None
    ) -> SyncHttpTransport:
        """A transport on the same connection pool with other settings."""
        return SyncHttpTransport(changed(self.options, timeout, max_retries), self._http)

    def close(self) -> None:
        self._http.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
        json: JsonValue | NotGiven = NOT_GIVEN,
        form: Mapping[str, JsonValue] | None = None,
        retry: bool = True,
    ) -> object:
        import httpx

        content, data, headers = _body(json, form)
        attempt = 0
        while True:
            try:
                response = self._http.client.request(
                    method,
                    path,
                    params=params,
                    content=content,
                    data=data,
                    headers=headers,
                    timeout=self._timeout,
                )
            except httpx.TransportError as exc:
                if attempt < self.options.max_retries and (retry or _not_sent(exc)):
                    time.sleep(_delay(self.options, attempt, None))
                    attempt += 1
                    continue
                raise _transport_error(method, path, exc, self.options.timeout) from exc
            last_response.set(response)
            if response.status_code < 400:
                return _decode(response)
            if attempt < self.options.max_retries and _should_retry(response.status_code, retry):
                time.sleep(_delay(self.options, attempt, response))
                attempt += 1
                continue
            raise status_error(response, _decode(response))


class AsyncHttpTransport:
    """Non-blocking requests over one pooled ``httpx.AsyncClient``."""

    __slots__ = ("_http", "_timeout", "options")

    def __init__(self, options: Options, http: AsyncPool) -> None:
        self.options = options
        self._http = http
        self._timeout = options.timeout

    def with_options(
        self, *, timeout: float | None = None, max_retries: int | None = None
    ) -> AsyncHttpTransport:
        """A transport on the same connection pool with other settings."""
        return AsyncHttpTransport(changed(self.options, timeout, max_retries), self._http)

    async def close(self) -> None:
        await self._http.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
        json: JsonValue | NotGiven = NOT_GIVEN,
        form: Mapping[str, JsonValue] | None = None,
        retry: bool = True,
    ) -> object:
        import httpx

        content, data, headers = _body(json, form)
        attempt = 0
        while True:
            try:
                response = await self._http.client.request(
                    method,
                    path,
                    params=params,
                    content=content,
                    data=data,
                    headers=headers,
                    timeout=self._timeout,
                )
            except httpx.TransportError as exc:
                if attempt < self.options.max_retries and (retry or _not_sent(exc)):
                    await asyncio.sleep(_delay(self.options, attempt, None))
                    attempt += 1
                    continue
                raise _transport_error(method, path, exc, self.options.timeout) from exc
            last_response.set(response)
            if response.status_code < 400:
                return _decode(response)
            if attempt < self.options.max_retries and _should_retry(response.status_code, retry):
                await asyncio.sleep(_delay(self.options, attempt, response))
                attempt += 1
                continue
            raise status_error(response, _decode(response))
