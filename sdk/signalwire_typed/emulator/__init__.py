"""A local SignalWire RELAY emulator: a real WebSocket server on loopback that speaks RELAY's
JSON-RPC, runs believable call and message state machines, and lets tests script the far end
in-process or over HTTP (``/emulator/...``) on the same port.

    async with Emulator() as emulator:
        client = RelayClient(project="p", token="t", host=emulator.url, contexts=["office"])
        ...
        call_id = emulator.ring("office")
        emulator.send_digits(call_id, "1")
        emulator.call_info(call_id).commands

pytest users get the ``relay_emulator`` fixture (see :mod:`.pytest_plugin`).
"""

from __future__ import annotations

from .calling.dialer import DialOutcome
from .calls import CallInfo
from .server import Emulator
from .sessions import SessionInfo
from .timing import Timing

__all__ = ["CallInfo", "DialOutcome", "Emulator", "SessionInfo", "Timing"]
