"""Webhook signatures, serverless and MCP, side by side with the official ``signalwire-sdk``.

- checking one ``X-SignalWire-Signature`` (JSON scheme, then the cXML form scheme);
- one signed SWML request through each agent's ASGI app, in process;
- one SWML request as an AWS Lambda Function URL event (ours: Mangum; theirs: its own adapter);
- one MCP ``tools/call`` through each agent's ASGI app, in process.
Best of five rounds each; ratios from one run.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
import logging
import os
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

AUTH = ("bench", "bench-password")
AUTH_HEADER = "Basic " + base64.b64encode(f"{AUTH[0]}:{AUTH[1]}".encode()).decode()
KEY = "PSK_bench_signing_key"
HOST = "127.0.0.1:3000"
CALL_BODY = json.dumps({"call_id": "bench-call", "call": {"call_id": "bench-call"}}).encode()
MCP_BODY = json.dumps(
    {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "lookup_order", "arguments": {"order": "A123"}},
    }
).encode()
FORM = {"CallSid": "CA1234", "From": "+15551230000", "To": "+15559870000", "CallStatus": "ringing"}


def ours(signing_key: str | None = None) -> Any:
    from signalwire_typed import AgentBase, FunctionResult

    agent = AgentBase("bench", basic_auth=AUTH, signing_key=signing_key)
    agent.prompt_add_section("Role", "You are Riley, the Acme receptionist.")

    def lookup_order(order: str) -> FunctionResult:
        return FunctionResult(f"Order {order} has shipped.")

    agent.define_tool("lookup_order", "Find an order by number.", lookup_order)
    return agent.enable_mcp_server()


def official(signing_key: str | None = None) -> Any:
    logging.disable(logging.CRITICAL)
    os.environ.setdefault("SIGNALWIRE_LOG_MODE", "off")
    from signalwire import AgentBase
    from signalwire.core.function_result import FunctionResult

    agent = AgentBase("bench", basic_auth=AUTH, suppress_logs=True, signing_key=signing_key)
    agent.prompt_add_section("Role", "You are Riley, the Acme receptionist.")

    def lookup_order(args: dict[str, Any], raw: dict[str, Any]) -> Any:
        return FunctionResult(f"Order {args['order']} has shipped.")

    agent.define_tool("lookup_order", "Find an order by number.", {"order": {"type": "string"}}, lookup_order)
    agent.enable_mcp_server()
    return agent


def best(work: Callable[[], object], number: int, repeat: int = 5) -> float:
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            work()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def pair(mine: Callable[[], object], theirs: Callable[[], object], number: int) -> tuple[float, float]:
    """Best per-call time of each, timed in alternating rounds so background load hits both alike."""
    rounds = [(best(mine, number, 1), best(theirs, number, 1)) for _ in range(7)]
    return min(r[0] for r in rounds), min(r[1] for r in rounds)


async def asgi_call(app: Any, path: str, body: bytes, extra: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", HOST.encode()),
            (b"authorization", AUTH_HEADER.encode()),
            (b"content-type", b"application/json"),
            (b"accept", b"application/json, text/event-stream"),
            (b"content-length", str(len(body)).encode()),
            *extra,
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


async def time_asgi(app: Any, path: str, body: bytes, extra: list[tuple[bytes, bytes]], number: int) -> float:
    status, text = await asgi_call(app, path, body, extra)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}: {text[:200]!r}")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(number):
            await asgi_call(app, path, body, extra)
        times.append((time.perf_counter() - start) / number)
    return min(times)


def signatures() -> list[tuple[str, float, float]]:
    from signalwire.core.security.webhook_validator import validate_webhook_signature as theirs
    from signalwire_typed.security import WebhookValidator, form_signature, json_signature

    url = "https://agents.example.com/bench/swaig?__token=1700000000.abcdef.0123456789"
    body = CALL_BODY.decode()
    validator = WebhookValidator(KEY)
    signature = json_signature(KEY, url, body)
    assert validator.validate(url, body, signature) and theirs(KEY, signature, url, body)
    form_body = urlencode(FORM)
    form_sig = form_signature(KEY, "https://agents.example.com/laml", FORM)
    form_url = "https://agents.example.com/laml"
    assert validator.validate(form_url, form_body, form_sig) and theirs(KEY, form_sig, form_url, form_body)
    return [
        (
            "JSON webhook signature check",
            *pair(
                lambda: validator.validate(url, body, signature),
                lambda: theirs(KEY, signature, url, body),
                5000,
            ),
        ),
        (
            "cXML form webhook signature check",
            *pair(
                lambda: validator.validate(form_url, form_body, form_sig),
                lambda: theirs(KEY, form_sig, form_url, form_body),
                3000,
            ),
        ),
    ]


def signed_and_mcp() -> list[tuple[str, float, float]]:
    from signalwire_typed.security import json_signature

    signed = [(b"x-signalwire-signature", json_signature(KEY, f"http://{HOST}/", CALL_BODY).encode())]
    mine, theirs = ours(KEY).asgi_app, official(KEY).get_app()
    mine_mcp, theirs_mcp = ours().asgi_app, official().get_app()

    async def run() -> list[tuple[str, float, float]]:
        return [
            (
                "signed SWML request (ASGI, in process)",
                await time_asgi(mine, "/", CALL_BODY, signed, 500),
                await time_asgi(theirs, "/", CALL_BODY, signed, 100),
            ),
            (
                "MCP tools/call (ASGI, in process)",
                await time_asgi(mine_mcp, "/mcp", MCP_BODY, [], 500),
                await time_asgi(theirs_mcp, "/mcp", MCP_BODY, [], 100),
            ),
        ]

    return asyncio.run(run())


def lambda_event() -> dict[str, Any]:
    host = "abcdefg.lambda-url.us-west-2.on.aws"
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": "",
        "headers": {
            "host": host,
            "authorization": AUTH_HEADER,
            "content-type": "application/json",
            "x-forwarded-proto": "https",
        },
        "requestContext": {
            "domainName": host,
            "http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.1"},
            "requestId": "bench",
            "routeKey": "$default",
            "stage": "$default",
        },
        "body": CALL_BODY.decode(),
        "isBase64Encoded": False,
    }


def serverless() -> list[tuple[str, float, float]]:
    from signalwire_typed.agents.serverless import lambda_handler

    handler = lambda_handler(ours())
    theirs = official()
    event = lambda_event()

    def mine_once() -> object:
        result = handler(copy.deepcopy(event), None)
        assert result["statusCode"] == 200, result
        return result

    def theirs_once() -> object:
        result = theirs.handle_serverless_request(copy.deepcopy(event), None, mode="lambda")
        assert result["statusCode"] == 200, result
        return result

    return [("SWML via Lambda Function URL event", *pair(mine_once, theirs_once, 100))]


def main() -> None:
    rows = signatures() + signed_and_mcp() + serverless()
    print(f"{'benchmark':40} {'signalwire-typed':>18} {'signalwire-sdk':>16} {'speed-up':>9}")
    for name, mine, theirs in rows:
        print(f"{name:40} {mine * 1e6:15.1f} us {theirs * 1e6:13.1f} us {theirs / mine:8.1f}x")


if __name__ == "__main__":
    main()
