"""A local SignalWire RELAY emulator: a real WebSocket server on loopback that speaks RELAY's
JSON-RPC, runs believable call and message state machines, and lets tests script the far end
in-process or over HTTP (``/emulator/...``) on the same port.

    async with Emulator() as emulator:
        client = RelayClient(project="p", token="t", host=emulator.url, contexts=["office"])
        ...
        call_id = emulator.ring("office")
        emulator.send_digits(call_id, "1")
        emulator.call_info(call_id).commands

- Run it in the current loop (``async with``) or in its own thread (``with``); control methods
  work from any thread. The official clients connect unchanged: ``emulator.address`` for the
  Python ``signalwire-sdk`` (wss: give ``tls_cert``/``tls_key``), ``emulator.url`` for Node.
- Simulated time runs at ``Timing.time_scale`` (0.05 by default: a 5 s timeout takes 250 ms).
- pytest: the ``relay_emulator`` and ``make_relay_emulator`` fixtures (:mod:`.pytest_plugin`).
- Command line: ``signalwire-typed emulator [--port 8765] [--project P --token T] [--tls-cert ...]``.
- HTTP control API: see :mod:`.control_api`.
- REST API on the same port (``RestClient(base_url=emulator.http_url, ...)``): phone numbers,
  Fabric AI agents and subscribers, calling dial/end; see :mod:`.rest`. A call dialed over REST
  is an emulator call whose events go to a RELAY client on ``rest_context`` ("rest") or on the
  ``call_relay_context`` of the ``from`` number bought in the emulator.
"""

from __future__ import annotations

from .calling.dialer import DialOutcome
from .calls import CallInfo
from .server import Emulator
from .sessions import SessionInfo
from .timing import Timing

__all__ = ["CallInfo", "DialOutcome", "Emulator", "SessionInfo", "Timing"]
