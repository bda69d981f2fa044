"""pytest plugin (registered through the ``pytest11`` entry point): the ``relay_emulator`` fixture.

    def test_inbound_call(relay_emulator):
        call_id = relay_emulator.ring("office")
        ...

The emulator serves from its own thread, so the fixture works in synchronous tests and with any
async test runner; its control methods can be called from the test's thread or loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .server import Emulator

__all__ = ["relay_emulator"]


@pytest.fixture
def relay_emulator() -> Iterator[Emulator]:
    """A running RELAY emulator on 127.0.0.1 (ws, any credentials), stopped after the test."""
    from .server import Emulator

    emulator = Emulator()
    emulator.start_in_thread()
    try:
        yield emulator
    finally:
        emulator.stop_thread()
