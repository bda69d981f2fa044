"""Agents are tested over real HTTP: uvicorn serves the ASGI app on 127.0.0.1 in a thread."""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn

TEST_TIMEOUT = 30


@pytest.fixture(autouse=True)
def _per_test_timeout() -> Iterator[None]:
    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"test took longer than {TEST_TIMEOUT}s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(TEST_TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class LiveServer:
    """An ASGI app served by uvicorn on a free loopback port until ``close()``."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="critical", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Any], LiveServer]]:
    servers: list[LiveServer] = []

    def start(app: Any) -> LiveServer:
        server = LiveServer(app)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as c:
        yield c


def call_url(url: str) -> tuple[str, tuple[str, str]]:
    """Split a ``http://user:pass@host/...`` URL (as in the SWML) into a plain URL and credentials."""
    parts = urlsplit(url)
    assert parts.username is not None and parts.password is not None, url
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    plain = parts._replace(netloc=netloc).geturl()
    return plain, (parts.username, parts.password)


def ai_of(doc: dict[str, Any]) -> dict[str, Any]:
    """The ``ai`` verb's config in a SWML document."""
    for step in doc["sections"]["main"]:
        if "ai" in step:
            ai: dict[str, Any] = step["ai"]
            return ai
    raise AssertionError("no ai verb")


def function_url(doc: dict[str, Any], name: str) -> str:
    swaig = ai_of(doc)["SWAIG"]
    for f in swaig["functions"]:
        if f["function"] == name:
            url: str = f.get("web_hook_url") or swaig["defaults"]["web_hook_url"]
            return url
    raise AssertionError(f"no function {name}")
