"""REST benchmarks: per-call cost of a typed call against a local server next to a bare httpx
call and the official ``signalwire-sdk`` RestClient; cold import and first use of a namespace.

The server is a minimal keep-alive HTTP responder on 127.0.0.1 answering one spec-valid phone
number, so the figures are client overhead plus one loopback round trip. Ratios from one run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from signalwire.rest import RestClient as OfficialClient  # noqa: E402
from signalwire_typed.rest import RestClient  # noqa: E402

from tests.rest.spec_data import Synth, full_bundle  # noqa: E402

NUMBER_ID = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"
PATH = f"/api/relay/rest/phone_numbers/{NUMBER_ID}"


def phone_number() -> bytes:
    doc = full_bundle("relay_rest")
    synth = Synth(doc)
    schema = doc["components"]["schemas"]["PhoneNumber"]
    # Every field present, as the platform sends them, not only the required ones.
    data = {k: synth.value(v) for k, v in schema["properties"].items()}
    return json.dumps(data).encode()


def serve(body: bytes) -> tuple[socket.socket, int]:
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    ).encode()
    reply = head + body
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    def handle(conn: socket.socket) -> None:
        buf = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                _, _, buf = buf.partition(b"\r\n\r\n")
                conn.sendall(reply)

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener, listener.getsockname()[1]


def best(fn: Callable[[], object], number: int, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def fresh(code: str, repeat: int = 5) -> float:
    """Best time printed by ``code`` in new interpreters, with bytecode caches as users have them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run() -> float:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return float(out.stdout)

    run()  # writes the bytecode caches
    return min(run() for _ in range(repeat))


def main() -> None:
    listener, port = serve(phone_number())
    base = f"http://127.0.0.1:{port}"
    ours = RestClient(project="p", token="t", base_url=base, max_retries=0)
    bare = httpx.Client(base_url=base, auth=("p", "t"), headers={"Accept": "application/json"})
    official = OfficialClient(project="p", token="t", host=f"127.0.0.1:{port}")
    session = requests.Session()
    session.auth = ("p", "t")
    assert ours.phone_numbers.get(NUMBER_ID).id
    calls: dict[str, Callable[[], object]] = {
        "bare": lambda: bare.get(PATH).json(),
        "ours": lambda: ours.phone_numbers.get(NUMBER_ID),
        "official": lambda: official.phone_numbers.get(NUMBER_ID),
        "requests": lambda: session.get(base + PATH).json(),
    }
    # Interleaved rounds, best of each, so a busy moment on a shared machine hits all alike.
    results: dict[str, float] = dict.fromkeys(calls, float("inf"))
    for _ in range(15):
        for name, fn in calls.items():
            results[name] = min(results[name], best(fn, 200, repeat=1))
    t_bare, t_ours, t_official, t_requests = (results[k] for k in ("bare", "ours", "official", "requests"))
    listener.close()

    cold_ours = fresh(
        "import time; t = time.perf_counter(); from signalwire_typed.rest import RestClient; "
        "print(time.perf_counter() - t)"
    )
    cold_official = fresh(
        "import time; t = time.perf_counter(); from signalwire.rest import RestClient; "
        "print(time.perf_counter() - t)"
    )
    first_ours = fresh(
        "import time; from signalwire_typed.rest import RestClient; t = time.perf_counter(); "
        "c = RestClient(project='p', token='t', space='s'); c.phone_numbers; c.fabric.ai_agents; "
        "from signalwire_typed_gen.rest.relay_rest.models.phone_number import PhoneNumber; "
        "print(time.perf_counter() - t)"
    )
    first_official = fresh(
        "import time; from signalwire.rest import RestClient; t = time.perf_counter(); "
        "c = RestClient(project='p', token='t', host='s.signalwire.com'); "
        "c.phone_numbers; c.fabric.ai_agents; "
        "print(time.perf_counter() - t)"
    )

    print("REST (one loopback round trip per call; ratios against a bare httpx call)")
    head = f"{'benchmark':44} {'signalwire-typed':>17} {'signalwire-sdk':>15} {'bare httpx':>11}"
    print(f"{head} {'bare requests':>14}")
    print(
        f"{'per call: phone_numbers.get':44} {t_ours * 1e6:14.0f} us {t_official * 1e6:12.0f} us "
        f"{t_bare * 1e6:8.0f} us {t_requests * 1e6:11.0f} us"
    )
    print(
        f"{'  ratio to bare httpx':44} {t_ours / t_bare:16.2f}x {t_official / t_bare:14.2f}x "
        f"{1.0:10.2f}x {t_requests / t_bare:13.2f}x"
    )
    print(f"{'cold import of RestClient':44} {cold_ours * 1e3:14.1f} ms {cold_official * 1e3:12.1f} ms")
    first = "first use: client + phone_numbers + fabric"
    print(f"{first:44} {first_ours * 1e3:14.1f} ms {first_official * 1e3:12.1f} ms")


if __name__ == "__main__":
    main()
