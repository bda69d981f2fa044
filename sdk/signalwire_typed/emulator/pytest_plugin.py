"""pytest plugin (registered through the ``pytest11`` entry point): RELAY emulator fixtures.

    def test_inbound_call(relay_emulator):
        call_id = relay_emulator.ring("office")
        ...

    def test_with_credentials(make_relay_emulator):
        emulator = make_relay_emulator(project="p", token="t")

The emulators serve from their own thread, so the fixtures work in synchronous tests and with
any async test runner; their control methods can be called from the test's thread or loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest

if TYPE_CHECKING:
    from .server import Emulator
    from .timing import Timing

__all__ = ["EmulatorFactory", "make_relay_emulator", "relay_emulator"]


class EmulatorFactory(Protocol):
    def __call__(
        self,
        *,
        project: str | None = None,
        token: str | None = None,
        tls_cert: str | Path | None = None,
        tls_key: str | Path | None = None,
        timing: Timing | None = None,
        ping_interval: float | None = None,
        rest_context: str = "rest",
    ) -> Emulator: ...


@pytest.fixture
def make_relay_emulator() -> Iterator[EmulatorFactory]:
    """A factory of running emulators (keyword arguments as ``Emulator``), all stopped after the test."""
    from .server import Emulator

    started: list[Emulator] = []

    def make(
        *,
        project: str | None = None,
        token: str | None = None,
        tls_cert: str | Path | None = None,
        tls_key: str | Path | None = None,
        timing: Timing | None = None,
        ping_interval: float | None = None,
        rest_context: str = "rest",
    ) -> Emulator:
        emulator = Emulator(
            project=project,
            token=token,
            tls_cert=tls_cert,
            tls_key=tls_key,
            timing=timing,
            ping_interval=ping_interval,
            rest_context=rest_context,
        )
        emulator.start_in_thread()
        started.append(emulator)
        return emulator

    try:
        yield make
    finally:
        for emulator in reversed(started):
            emulator.stop_thread()


@pytest.fixture
def relay_emulator(make_relay_emulator: EmulatorFactory) -> Emulator:
    """A running RELAY emulator on 127.0.0.1 (ws, any credentials), stopped after the test; it serves
    the REST API too (``RestClient(base_url=relay_emulator.http_url, ...)``)."""
    return make_relay_emulator()
