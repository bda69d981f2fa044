"""Agents benchmarks, side by side with the official ``signalwire-sdk``; ratios from one run.

Both SDKs serve the same agent (POM prompt, a language, params, two secure tools, a post-prompt):
- one SWML request and one tool call through /swaig, in process over ASGI (no network);
- requests per second of one uvicorn worker, loaded from another process by a small keep-alive
  HTTP/1.1 load generator on 127.0.0.1; the floor is a raw ASGI app returning fixed bytes;
- cold import of ``AgentBase``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

AUTH = ("bench", "bench-password")
AUTH_HEADER = b"Basic " + base64.b64encode(f"{AUTH[0]}:{AUTH[1]}".encode())
CALL_BODY = json.dumps({"call_id": "bench-call", "call": {"call_id": "bench-call"}}).encode()
PROMPT = [
    ("Role", "You are Riley, the Acme receptionist.", ["Be brief", "Be kind"]),
    ("Rules", "Never give medical advice.", ["Confirm names", "Spell numbers"]),
]

Scope = MutableMapping[str, Any]
App = Callable[
    [Scope, Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Awaitable[None]]],
    Awaitable[None],
]


# --- the two agents -------------------------------------------------------------------------------
def ours() -> Any:
    from signalwire_typed import AgentBase, FunctionResult

    agent = AgentBase("bench", basic_auth=AUTH)
    for title, body, bullets in PROMPT:
        agent.prompt_add_section(title, body, bullets=bullets)
    agent.add_language("English", "en-US", "rime.spore")
    agent.set_params(end_of_speech_timeout=700, attention_timeout=20000)
    agent.set_post_prompt("Summarise the call.")

    def lookup_order(order: str) -> FunctionResult:
        return FunctionResult(f"Order {order} has shipped.").say("Found it")

    def transfer(department: str) -> FunctionResult:
        return FunctionResult(f"Transferring to {department}").connect("+15551230000")

    agent.define_tool("lookup_order", "Find an order by number.", lookup_order)
    agent.define_tool("transfer", "Transfer the caller.", transfer)
    return agent


def official() -> Any:
    logging.disable(logging.CRITICAL)
    os.environ.setdefault("SIGNALWIRE_LOG_MODE", "off")
    from signalwire import AgentBase
    from signalwire.core.function_result import FunctionResult

    agent = AgentBase("bench", basic_auth=AUTH, suppress_logs=True)
    for title, body, bullets in PROMPT:
        agent.prompt_add_section(title, body, bullets=bullets)
    agent.add_language("English", "en-US", "rime.spore")
    agent.set_params({"end_of_speech_timeout": 700, "attention_timeout": 20000})
    agent.set_post_prompt("Summarise the call.")

    def lookup_order(args: dict[str, Any], raw: dict[str, Any]) -> Any:
        return FunctionResult(f"Order {args['order']} has shipped.").say("Found it")

    def transfer(args: dict[str, Any], raw: dict[str, Any]) -> Any:
        return FunctionResult(f"Transferring to {args['department']}").connect("+15551230000")

    order_schema = {"order": {"type": "string", "description": "order"}}
    agent.define_tool("lookup_order", "Find an order by number.", order_schema, lookup_order)
    agent.define_tool("transfer", "Transfer the caller.", {"department": {"type": "string"}}, transfer)
    return agent


def official_app(agent: Any) -> Any:
    return agent.get_app()


def raw_app() -> App:
    body = b'{"ok":true}'
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


# --- in-process ASGI driver -----------------------------------------------------------------------
async def asgi_call(app: App, method: str, path: str, body: bytes) -> tuple[int, bytes]:
    target, _, query = path.partition("?")
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [
            (b"host", b"127.0.0.1:3000"),
            (b"authorization", AUTH_HEADER),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 3000),
    }
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def _time_calls(app: App, method: str, path: str, body: bytes, number: int, repeat: int = 5) -> float:
    status, text = await asgi_call(app, method, path, body)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}: {text[:300]!r}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            await asgi_call(app, method, path, body)
        times.append((time.perf_counter() - start) / number)
    return min(times)


async def _tool_path(app: App, route: str) -> tuple[str, bytes]:
    _, text = await asgi_call(app, "POST", route, CALL_BODY)
    doc = json.loads(text)
    ai = next(step["ai"] for step in doc["sections"]["main"] if "ai" in step)
    entry = next(f for f in ai["SWAIG"]["functions"] if f["function"] == "lookup_order")
    url = urlsplit(entry.get("web_hook_url") or ai["SWAIG"]["defaults"]["web_hook_url"])
    body = {
        "function": "lookup_order",
        "argument": {"parsed": [{"order": "A123"}], "raw": '{"order": "A123"}'},
        "call_id": "bench-call",
        "meta_data": {},
        "global_data": {},
    }
    return f"{url.path}?{url.query}", json.dumps(body).encode()


def in_process() -> list[tuple[str, float, float]]:
    mine = ours().asgi_app
    theirs = official_app(official())

    async def run() -> list[tuple[str, float, float]]:
        swml = (
            await _time_calls(mine, "POST", "/", CALL_BODY, 500),
            await _time_calls(theirs, "POST", "/", CALL_BODY, 100),
        )
        my_path, my_body = await _tool_path(mine, "/")
        their_path, their_body = await _tool_path(theirs, "/")
        tool = (
            await _time_calls(mine, "POST", my_path, my_body, 300),
            await _time_calls(theirs, "POST", their_path, their_body, 100),
        )
        return [
            ("one SWML request (ASGI, in process)", *swml),
            ("one tool call via /swaig (ASGI)", *tool),
        ]

    return asyncio.run(run())


# --- requests per second over loopback -------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(kind: str, port: int) -> None:
    import uvicorn

    app: Any = {
        "ours": lambda: ours().asgi_app,
        "official": lambda: official_app(official()),
        "raw": raw_app,
    }[kind]()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", access_log=False, workers=1)


async def _load(port: int, path: str, seconds: float, connections: int) -> int:
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: {AUTH_HEADER.decode()}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(CALL_BODY)}\r\n\r\n"
    ).encode() + CALL_BODY
    deadline = time.perf_counter() + seconds
    done = 0

    async def worker() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                if not head.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(f"server answered {head[:40]!r}")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                done += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return done


def load(port: int, seconds: float, connections: int) -> None:
    print(asyncio.run(_load(port, "/", seconds, connections)))


def requests_per_second(kind: str, seconds: float = 3.0, connections: int = 16) -> float:
    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", kind, str(port)])
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"{kind} server did not start")
        # Warm up, then measure.
        subprocess.run(
            [sys.executable, __file__, "--load", str(port), "0.5", "4"], check=True, capture_output=True
        )
        out = subprocess.run(
            [sys.executable, __file__, "--load", str(port), str(seconds), str(connections)],
            check=True,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
        return int(out.stdout.strip()) / seconds
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- imports ----------------------------------------------------------------------------------------
def import_time(statement: str, repeat: int = 7) -> float:
    """Median cold-process import time, with bytecode caching on (as in any installed package;
    the official SDK's site-packages already holds its .pyc files). One discarded run warms the cache."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout
        )
        for _ in range(repeat + 1)
    ]
    return statistics.median(runs[1:])


def main() -> None:
    rows = in_process()
    rows.append(
        (
            "cold import of AgentBase",
            import_time("from signalwire_typed import AgentBase; AgentBase"),
            import_time("from signalwire import AgentBase"),
        )
    )
    print(f"{'benchmark':40} {'signalwire-typed':>18} {'signalwire-sdk':>16} {'speed-up':>9}")
    for name, mine, theirs in rows:
        print(f"{name:40} {mine * 1e6:15.1f} us {theirs * 1e6:13.1f} us {theirs / mine:8.1f}x")
    # Interleaved and best of two, so a burst of load from elsewhere does not favour one side.
    best_rps: dict[str, float] = {"raw": 0.0, "ours": 0.0, "official": 0.0}
    for _ in range(2):
        for kind in best_rps:
            best_rps[kind] = max(best_rps[kind], requests_per_second(kind, seconds=2.0))
    raw, mine_rps, theirs_rps = best_rps["raw"], best_rps["ours"], best_rps["official"]
    name = "SWML requests/s, 1 uvicorn worker"
    print(f"{name:40} {mine_rps:15.0f} /s {theirs_rps:13.0f} /s {mine_rps / theirs_rps:8.1f}x")
    print(f"{'  (floor: raw ASGI app, fixed bytes)':40} {raw:15.0f} /s")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "--load":
        load(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
