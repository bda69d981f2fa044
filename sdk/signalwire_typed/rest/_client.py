"""RestClient and AsyncRestClient: credentials, base URL and one pooled connection, then every resource."""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Self

from signalwire_typed_gen.rest._root import AsyncRoot, SyncRoot

from ._transport import (
    AsyncHook,
    AsyncHttpTransport,
    AsyncPool,
    Options,
    SyncHook,
    SyncHttpTransport,
    SyncPool,
    changed,
    client_headers,
    last_response,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncRestClient", "RestClient"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2


def _setting(value: str | None, env: str, what: str, owner: str) -> str:
    value = value if value is not None else os.environ.get(env)
    if not value:
        raise ValueError(f"{owner} needs {what}= or the {env} environment variable")
    return value


def _base_url(space: str | None, base_url: str | None, owner: str) -> str:
    if base_url is not None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, got {base_url!r}")
        return base_url.rstrip("/")
    space = _setting(space, "SIGNALWIRE_SPACE", "space", owner)
    if space.startswith(("http://", "https://")):
        return space.rstrip("/")
    host = space if "." in space else f"{space}.signalwire.com"
    return f"https://{host}"


def _options(
    owner: str,
    project: str | None,
    token: str | None,
    space: str | None,
    base_url: str | None,
    timeout: float,
    max_retries: int,
) -> tuple[Options, dict[str, str]]:
    project = _setting(project, "SIGNALWIRE_PROJECT_ID", "project", owner)
    token = _setting(token, "SIGNALWIRE_API_TOKEN", "token", owner)
    url = _base_url(space, base_url, owner)
    options = Options(base_url=url, timeout=DEFAULT_TIMEOUT, max_retries=DEFAULT_MAX_RETRIES)
    return changed(options, timeout, max_retries), client_headers(project, token)


class RestClient(SyncRoot):
    """Blocking SignalWire REST client.

    ``RestClient(project=, token=, space=)``, each falling back to SIGNALWIRE_PROJECT_ID,
    SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE; ``base_url`` replaces ``https://{space}.signalwire.com``.
    Resources: ``client.fabric.<resource>``, ``client.calling.<command>``, ``client.phone_numbers``...
    ``response_hooks`` are called with every HTTP response received (logging, tracing, checks).
    """

    _transport: SyncHttpTransport

    def __init__(
        self,
        *,
        project: str | None = None,
        token: str | None = None,
        space: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        response_hooks: Sequence[SyncHook] = (),
    ) -> None:
        options, headers = _options("RestClient", project, token, space, base_url, timeout, max_retries)
        super().__init__(SyncHttpTransport(options, SyncPool(options, headers, response_hooks)))

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> RestClient:
        """A client sharing this one's connections, with another timeout or retry budget."""
        other = RestClient.__new__(RestClient)
        SyncRoot.__init__(other, self._transport.with_options(timeout=timeout, max_retries=max_retries))
        return other

    @property
    def base_url(self) -> str:
        return self._transport.options.base_url

    @property
    def last_response(self) -> httpx.Response | None:
        """The raw HTTP response of the last request made in this thread or task."""
        return last_response.get()

    def close(self) -> None:
        """Close the pooled connections (shared with clients made by ``with_options``)."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RestClient(base_url={self.base_url!r})"


class AsyncRestClient(AsyncRoot):
    """Non-blocking SignalWire REST client; the same resources as RestClient, awaited."""

    _transport: AsyncHttpTransport

    def __init__(
        self,
        *,
        project: str | None = None,
        token: str | None = None,
        space: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        response_hooks: Sequence[AsyncHook] = (),
    ) -> None:
        options, headers = _options("AsyncRestClient", project, token, space, base_url, timeout, max_retries)
        super().__init__(AsyncHttpTransport(options, AsyncPool(options, headers, response_hooks)))

    def with_options(
        self, *, timeout: float | None = None, max_retries: int | None = None
    ) -> AsyncRestClient:
        """A client sharing this one's connections, with another timeout or retry budget."""
        other = AsyncRestClient.__new__(AsyncRestClient)
        AsyncRoot.__init__(other, self._transport.with_options(timeout=timeout, max_retries=max_retries))
        return other

    @property
    def base_url(self) -> str:
        return self._transport.options.base_url

    @property
    def last_response(self) -> httpx.Response | None:
        """The raw HTTP response of the last request made in this task."""
        return last_response.get()

    async def close(self) -> None:
        await self._transport.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"AsyncRestClient(base_url={self.base_url!r})"
