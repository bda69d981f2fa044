"""Agents demo: serve an agent on 127.0.0.1, fetch its SWML like SignalWire does, call one tool.

Run with ``make demo``. The tool is called through the ``web_hook_url`` found in the SWML, with
the credentials and the per-call token it carries, exactly as SignalWire would call it.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from urllib.parse import urlsplit

import httpx
import uvicorn
from agents.simple_agent import create_agent
from signalwire_typed.agents import JsonObject
from signalwire_typed.swml import from_dict, models, to_dict


def main() -> int:
    agent = create_agent()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(agent.asgi_app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            time.sleep(0.01)
        else:
            print("the agent did not start", file=sys.stderr)
            return 1
        base = f"http://127.0.0.1:{port}{agent.route}"
        user, password = agent.get_basic_auth_credentials()
        with httpx.Client(timeout=10) as client:
            swml = client.post(base, json={"call": {"call_id": "demo-call-1"}}, auth=(user, password))
            swml.raise_for_status()
            # Parsed into our typed SWML model: every step below is type-checked.
            document = from_dict(models.CallingSwml, swml.json())
            print("== SWML served at", base)
            print(json.dumps(to_dict(document), indent=2))
            ai = next(step.ai for step in document.sections["main"] if isinstance(step, models.AiVerb))
            functions = ai.SWAIG.functions if ai.SWAIG and ai.SWAIG.functions else []
            tool = next(f for f in functions if f.function == "get_weather")
            url = urlsplit(tool.web_hook_url or "")
            plain = url._replace(netloc=f"{url.hostname}:{url.port}").geturl()
            body: JsonObject = {
                "function": "get_weather",
                "argument": {"parsed": [{"city": "Lisbon"}], "raw": '{"city": "Lisbon"}'},
                "call_id": "demo-call-1",
                "global_data": ai.global_data or {},
            }
            answer = client.post(plain, json=body, auth=(url.username or "", url.password or ""))
            result: JsonObject = answer.json()
            print("== get_weather through", plain.split("?")[0], "->", answer.status_code)
            print(json.dumps(result, indent=2))
            return 0 if answer.status_code == 200 else 1
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


if __name__ == "__main__":
    sys.exit(main())
