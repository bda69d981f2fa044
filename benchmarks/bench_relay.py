"""RELAY benchmarks over TLS on loopback, side by side with the official ``signalwire-sdk`` RelayClient.

A purpose-built event pump speaking the RELAY protocol runs in its own process (wss with a
throwaway CA from trustme, trusted through SIGNALWIRE_RELAY_CA_FILE as the official client
expects). Three clients are measured in the same run:

- floor: bare ``websockets`` + ``json``, parsing every frame and acking events, nothing more;
- signalwire-sdk: the official RelayClient;
- signalwire-typed: our RelayClient, delivering typed events to a per-call handler.

Events/s: an inbound call rings, the client answers, the pump sends N ``calling.call.play``
events for that call as fast as the socket takes them; the rate is measured in the handler from
the first event to the last; best of a few repeats, to damp a noisy machine. Round trip: p50 of
``call.play`` start -> result, the three clients connected at once and taking turns one round trip
at a time; the p50s of several rounds, and the median of the rounds' overhead ratios.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

EVENTS = 20_000
ROUND_TRIPS = 1_000  # per client and round
RTT_ROUNDS = 7
REPEATS = 5
PROJECT, TOKEN = "bench-project", "bench-token"
PLAY = [{"type": "audio", "params": {"url": "https://example.com/a.wav"}}]


# --- the event pump (server process) ---------------------------------------------------------------


async def serve(cert: str, key: str) -> None:
    import ssl

    from websockets.asyncio.server import ServerConnection
    from websockets.asyncio.server import serve as ws_serve

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sessions = iter(range(1, 1_000_000))
    pumps: set[asyncio.Task[None]] = set()

    async def send_all(conn: ServerConnection, frames: list[str]) -> None:
        for frame in frames:
            await conn.send(frame)

    async def handle(conn: ServerConnection) -> None:
        n = next(sessions)
        call_id, node_id = f"call-{n}", "node-1"
        pump = False

        def event(event_id: str, event_type: str, params: dict[str, Any]) -> str:
            return json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": event_id,
                    "method": "signalwire.event",
                    "params": {
                        "event_type": event_type,
                        "event_channel": "bench",
                        "timestamp": time.time(),
                        "project_id": PROJECT,
                        "space_id": "space",
                        "params": params,
                    },
                },
                separators=(",", ":"),
            )

        async for raw in conn:
            msg = json.loads(raw)
            method, rid = msg.get("method"), msg.get("id")
            if method is None:
                continue  # an ack
            if method == "signalwire.connect":
                contexts = msg["params"].get("contexts") or ["events"]
                pump = contexts[0] == "events"
                result: dict[str, Any] = {
                    "identity": f"{PROJECT}@node-1",
                    "protocol": f"signalwire_bench{n}",
                    "ice_servers": [],
                    "authorization": {"project_id": PROJECT, "scopes": ["calling"], "space_id": "space"},
                }
                await conn.send(json.dumps({"jsonrpc": "2.0", "id": rid, "result": result}))
                receive = {
                    "call_state": "ringing",
                    "context": contexts[0],
                    "device": {
                        "type": "phone",
                        "params": {"from_number": "+15550001", "to_number": "+15550002"},
                    },
                    "direction": "inbound",
                    "call_id": call_id,
                    "node_id": node_id,
                    "tag": "t",
                }
                await conn.send(event(f"r{n}", "calling.call.receive", receive))
                continue
            reply = {"code": "200", "message": "OK"}
            await conn.send(json.dumps({"jsonrpc": "2.0", "id": rid, "result": reply}, separators=(",", ":")))
            if method == "calling.answer":
                state = {
                    "call_id": call_id,
                    "node_id": node_id,
                    "call_state": "answered",
                    "direction": "inbound",
                }
                await conn.send(event(f"s{n}", "calling.call.state", state))
                if pump:
                    base = {"call_id": call_id, "node_id": node_id, "control_id": "ctl", "state": "playing"}
                    frames = [event(f"e{n}-{i}", "calling.call.play", base) for i in range(EVENTS)]
                    # Pump from a task: this loop must keep reading the acks, or both sides stall.
                    pumps.add(asyncio.create_task(send_all(conn, frames)))

    async with ws_serve(handle, "127.0.0.1", 0, ssl=context, max_size=None, compression=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


# --- clients --------------------------------------------------------------------------------------


class Meter:
    """Counts events in the handler; the rate from the first to the last."""

    def __init__(self) -> None:
        self.count = 0
        self.first = 0.0
        self.last = 0.0
        self.done = asyncio.get_running_loop().create_future()

    def hit(self) -> None:
        now = time.perf_counter()
        if self.count == 0:
            self.first = now
        self.count += 1
        if self.count == EVENTS:
            self.last = now
            self.done.set_result(None)

    def rate(self) -> float:
        return (EVENTS - 1) / (self.last - self.first)


async def floor_events(port: int) -> float:
    from signalwire_typed.relay.session import ssl_context_for
    from websockets.asyncio.client import connect

    meter = Meter()
    url = f"wss://127.0.0.1:{port}"
    async with connect(url, ssl=ssl_context_for(url), max_size=None, compression=None) as ws:
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": "c", "method": "signalwire.connect", "params": {}}))
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("method") != "signalwire.event":
                continue
            await ws.send(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": {}}))
            event = msg["params"]
            if event["event_type"] == "calling.call.play":
                meter.hit()
                if meter.count == EVENTS:
                    break
            elif event["event_type"] == "calling.call.receive":
                p = event["params"]
                request = {"node_id": p["node_id"], "call_id": p["call_id"]}
                await ws.send(
                    json.dumps({"jsonrpc": "2.0", "id": "a", "method": "calling.answer", "params": request})
                )
    return meter.rate()


async def official_events(port: int) -> float:
    from signalwire.relay.client import RelayClient

    meter = Meter()
    client = RelayClient(project=PROJECT, token=TOKEN, host=f"127.0.0.1:{port}", contexts=["events"])

    @client.on_call
    async def on_call(call: Any) -> None:
        call.on("calling.call.play", lambda event: meter.hit())
        await call.answer()

    await client.connect()
    try:
        await asyncio.wait_for(meter.done, 120)
    finally:
        await client.disconnect()
    return meter.rate()


async def ours_events(port: int) -> float:
    from signalwire_typed.relay import Call, RelayClient
    from signalwire_typed_gen.relay.events import CallingCallPlayEvent

    meter = Meter()
    client = RelayClient(project=PROJECT, token=TOKEN, host=f"127.0.0.1:{port}", contexts=["events"])
    states: set[str] = set()

    def on_play(event: CallingCallPlayEvent) -> None:
        states.add(event.params.state)  # a typed field: the payload is really decoded
        meter.hit()

    @client.on_call
    async def on_call(call: Call) -> None:
        call.on(CallingCallPlayEvent, on_play)
        await call.answer()

    async with client:
        await asyncio.wait_for(meter.done, 120)
    assert states == {"playing"}, states
    return meter.rate()


RoundTrip = Callable[[], Awaitable[object]]


@contextlib.asynccontextmanager
async def floor_client(port: int) -> AsyncIterator[RoundTrip]:
    from signalwire_typed.relay.session import ssl_context_for
    from websockets.asyncio.client import connect

    url = f"wss://127.0.0.1:{port}"
    params = {"contexts": ["rtt"]}
    ids = itertools.count()
    async with connect(url, ssl=ssl_context_for(url), max_size=None, compression=None) as ws:
        await ws.send(
            json.dumps({"jsonrpc": "2.0", "id": "c", "method": "signalwire.connect", "params": params})
        )
        await ws.recv()
        event = json.loads(await ws.recv())
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": event["id"], "result": {}}))
        p = event["params"]["params"]

        async def play() -> None:
            i = next(ids)
            request = {"node_id": p["node_id"], "call_id": p["call_id"], "control_id": f"k{i}", "play": PLAY}
            await ws.send(
                json.dumps({"jsonrpc": "2.0", "id": str(i), "method": "calling.play", "params": request})
            )
            while True:
                reply = json.loads(await ws.recv())
                if reply.get("id") == str(i):
                    return

        yield play


@contextlib.asynccontextmanager
async def official_client(port: int) -> AsyncIterator[RoundTrip]:
    from signalwire.relay.client import RelayClient

    got: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    client = RelayClient(project=PROJECT, token=TOKEN, host=f"127.0.0.1:{port}", contexts=["rtt"])

    @client.on_call
    async def on_call(call: Any) -> None:
        got.set_result(call)

    await client.connect()
    try:
        call = await asyncio.wait_for(got, 30)

        async def play() -> None:
            await call.play(PLAY)

        yield play
    finally:
        await client.disconnect()


@contextlib.asynccontextmanager
async def ours_client(port: int) -> AsyncIterator[RoundTrip]:
    from signalwire_typed.relay import Call, RelayClient

    got: asyncio.Future[Call] = asyncio.get_running_loop().create_future()
    client = RelayClient(project=PROJECT, token=TOKEN, host=f"127.0.0.1:{port}", contexts=["rtt"])

    @client.on_call
    async def on_call(call: Call) -> None:
        got.set_result(call)

    async with client:
        call = await asyncio.wait_for(got, 30)

        async def play() -> None:
            await call.play_audio("https://example.com/a.wav")

        yield play


async def round_trips(port: int) -> list[list[float]]:
    """p50 of each client's round trip, one list per round (floor, official, ours).

    The three clients are connected at once and take turns one round trip at a time, the order
    rotating, so that whatever else the machine does hits all three alike.
    """
    async with contextlib.AsyncExitStack() as stack:
        plays = [
            await stack.enter_async_context(c(port)) for c in (floor_client, official_client, ours_client)
        ]
        for play in plays:  # warm up
            for _ in range(50):
                await play()
        rounds: list[list[float]] = []
        perf = time.perf_counter
        for _ in range(RTT_ROUNDS):
            samples: list[list[float]] = [[], [], []]
            for i in range(ROUND_TRIPS):
                for k in range(3):
                    j = (i + k) % 3
                    start = perf()
                    await plays[j]()
                    samples[j].append(perf() - start)
            rounds.append([statistics.median(s) for s in samples])
        return rounds


def best(
    runs: list[Callable[[int], Coroutine[Any, Any, float]]], port: int, higher_is_better: bool
) -> list[float]:
    """Best of REPEATS for each client, the clients taking turns so that load changes hit all alike."""
    results: list[list[float]] = [[] for _ in runs]
    for _ in range(REPEATS):
        for i, run in enumerate(runs):
            results[i].append(asyncio.run(run(port)))
    return [max(r) if higher_is_better else min(r) for r in results]


def import_time(statement: str, banned: tuple[str, ...] = (), repeat: int = 5) -> float:
    check = "".join(f"assert not any(m.startswith({b!r}) for m in sys.modules), {b!r};" for b in banned)
    timed = f"t = time.perf_counter(); {statement}; d = time.perf_counter() - t"
    code = f"import sys, time; {timed}; {check} print(d)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def main() -> None:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    with tempfile.TemporaryDirectory() as tmp:
        ca_file, cert_file, key_file = (Path(tmp) / n for n in ("ca.pem", "cert.pem", "key.pem"))
        ca.cert_pem.write_to_path(str(ca_file))
        cert.cert_chain_pems[0].write_to_path(str(cert_file))
        cert.private_key_pem.write_to_path(str(key_file))
        os.environ["SIGNALWIRE_RELAY_CA_FILE"] = str(ca_file)
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(cert_file), str(key_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline())
            rate_floor, rate_official, rate_ours = best(
                [floor_events, official_events, ours_events], port, True
            )
            rounds = asyncio.run(round_trips(port))
        finally:
            server.terminate()
            server.wait(10)
    imp_ours = import_time(
        "from signalwire_typed.relay import RelayClient",
        banned=(
            "signalwire_typed.agents",
            "signalwire_typed.rest",
            "signalwire_typed_gen.rest",
            "signalwire.",
        ),
    )
    imp_official = import_time("from signalwire.relay.client import RelayClient")

    rtt_floor, rtt_official, rtt_ours = (statistics.median(r[k] for r in rounds) for k in range(3))
    over_official, over_ours = rtt_official - rtt_floor, rtt_ours - rtt_floor
    # The ratio of each round, then their median: a round's three p50s come from the same minutes.
    ratios = sorted(
        (ours - floor) / (official - floor) for floor, official, ours in rounds if official > floor
    )
    ratio = f"{statistics.median(ratios):.2f}" if ratios else "n/a"
    spread = f"({ratios[0]:.2f}-{ratios[-1]:.2f})" if ratios else ""
    rows = [
        ("RELAY benchmark (TLS loopback)", "floor", "signalwire-sdk", "signalwire-typed"),
        ("events/s to a per-call handler", f"{rate_floor:.0f}", f"{rate_official:.0f}", f"{rate_ours:.0f}"),
        (
            "  share of the floor",
            "100%",
            f"{rate_official / rate_floor:.0%}",
            f"{rate_ours / rate_floor:.0%}",
        ),
        (
            "call.play round trip p50 (us)",
            f"{rtt_floor * 1e6:.0f}",
            f"{rtt_official * 1e6:.0f}",
            f"{rtt_ours * 1e6:.0f}",
        ),
        ("  overhead over the floor (us)", "0", f"{over_official * 1e6:.0f}", f"{over_ours * 1e6:.0f}"),
        ("  our overhead / official's", "", "1.00", ratio),
        (f"    range over {RTT_ROUNDS} rounds", "", "", spread),
        ("cold import of RelayClient (ms)", "", f"{imp_official * 1e3:.1f}", f"{imp_ours * 1e3:.1f}"),
    ]
    for name, floor, official, ours in rows:
        print(f"{name:34} {floor:>8} {official:>15} {ours:>17}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        asyncio.run(serve(sys.argv[2], sys.argv[3]))
    else:
        main()
