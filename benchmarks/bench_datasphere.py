"""The datasphere skill's search, side by side with the official ``signalwire-sdk``; ratios from one run.

Both skills search a local Datasphere stand-in on 127.0.0.1 (keep-alive HTTP/1.1): ours through
``AsyncRestClient`` (``client.datasphere.documents.search``, request and answer checked against the
spec), the official one through its ``requests`` session. Also: adding the skill and rendering the SWML.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DOC = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"
ANSWER = json.dumps(
    {"chunks": [{"text": f"Refunds are possible within {n} days.", "document_id": DOC} for n in (10, 20, 30)]}
).encode()


class _Datasphere(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle plus delayed ACKs add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, format: str, *args: object) -> None:
        return


def params(base_url: str) -> dict[str, object]:
    return {"space_name": "bench", "project_id": "p", "token": "t", "document_id": DOC, "base_url": base_url}


def ours_search(base_url: str, number: int) -> float:
    from signalwire_typed.agents.skills.datasphere import DataSphereSkill

    skill = DataSphereSkill(params(base_url))

    async def run() -> float:
        for _ in range(10):
            await skill.query("refund")
        start = time.perf_counter()
        for _ in range(number):
            await skill.query("refund")
        return (time.perf_counter() - start) / number

    return asyncio.run(run())


def official_search(base_url: str, number: int) -> float:
    from signalwire import AgentBase
    from signalwire.skills.datasphere.skill import DataSphereSkill

    p = params(base_url)
    del p["base_url"]
    skill = DataSphereSkill(AgentBase("bench"), p)
    skill.setup()
    # The official skill always calls https://{space}.signalwire.com; point it at the local stand-in.
    skill.api_url = f"{base_url}/api/datasphere/documents/search"
    for _ in range(10):
        skill._search_knowledge_handler({"query": "refund"}, {})
    start = time.perf_counter()
    for _ in range(number):
        skill._search_knowledge_handler({"query": "refund"}, {})
    return (time.perf_counter() - start) / number


def add_and_render() -> tuple[Callable[[], object], Callable[[], object]]:
    from signalwire import AgentBase as Official
    from signalwire_typed.agents import AgentBase

    p = params("http://127.0.0.1:9")

    def ours() -> object:
        return AgentBase("kb", basic_auth=("u", "p")).add_skill("datasphere", p).render_swml()

    def theirs() -> object:
        agent = Official("kb", basic_auth=("u", "p"))
        agent.add_skill("datasphere", {k: v for k, v in p.items() if k != "base_url"})
        return agent._render_swml()

    return ours, theirs


def timed(func: Callable[[], object], number: int = 50, repeat: int = 5) -> float:
    func()
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best.append((time.perf_counter() - start) / number)
    return min(best)


def main() -> None:
    logging.disable(logging.CRITICAL)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Datasphere)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        header = f"{'benchmark (datasphere skill)':40} {'signalwire-typed':>18}"
        print(f"{header} {'signalwire-sdk':>16} {'speed-up':>9}")
        a, b = ours_search(base_url, 300), official_search(base_url, 300)
        print(f"{'one search over local HTTP':40} {a * 1e6:15.1f} us {b * 1e6:13.1f} us {b / a:8.1f}x")
        mine, theirs = add_and_render()
        a, b = timed(mine), timed(theirs)
        print(f"{'add skill + render SWML':40} {a * 1e6:15.1f} us {b * 1e6:13.1f} us {b / a:8.1f}x")
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


if __name__ == "__main__":
    main()
