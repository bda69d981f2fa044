"""A request-validating REST server on 127.0.0.1, shared by the REST tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from signalwire_typed.rest import AsyncRestClient, RestClient

from .server import PROJECT, TOKEN, SpecServer


@pytest.fixture(scope="session")
def spec_server() -> Iterator[SpecServer]:
    server = SpecServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def server(spec_server: SpecServer) -> Iterator[SpecServer]:
    spec_server.reset()
    yield spec_server
    spec_server.reset()


@pytest.fixture()
def client(server: SpecServer) -> Iterator[RestClient]:
    with RestClient(project=PROJECT, token=TOKEN, base_url=server.base_url, timeout=5, max_retries=0) as c:
        yield c


def async_client(server: SpecServer, **kw: float) -> AsyncRestClient:
    options = {"timeout": 5.0, "max_retries": 0, **kw}
    return AsyncRestClient(
        project=PROJECT,
        token=TOKEN,
        base_url=server.base_url,
        timeout=options["timeout"],
        max_retries=int(options["max_retries"]),
    )
