"""The agent every serverless test serves, and the checks each entry point must pass."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from signalwire_typed.agents import AgentBase, FunctionResult, SwaigRequest
from signalwire_typed.security import json_signature

from ..conftest import function_url

USER, PASSWORD = "user", "pass"
KEY = "PSK_serverless_key"

Invoke = Callable[[str, str, str, bytes, dict[str, str]], tuple[int, bytes]]
"""``invoke(method, public_path, query, body, headers) -> (status, body)`` through one entry point."""


class Bank(AgentBase):
    @AgentBase.tool(description="Get the balance of an account")
    def balance(self, account: str, cents: bool = False) -> FunctionResult:
        return FunctionResult(f"Account {account} holds {4200 if cents else 42}")

    @AgentBase.tool(description="Who is calling")
    def whoami(self, request: SwaigRequest) -> str:
        caller = request.raw.get("caller_id_number")
        return f"caller {caller} in call {request.call_id}, tier {request.global_data.get('tier')}"


def build(signing_key: str | None = None) -> Bank:
    agent = Bank("bank", route="/bank", basic_auth=(USER, PASSWORD), signing_key=signing_key)
    agent.prompt_add_section("Role", "You are a bank teller.")
    return agent


def basic(user: str = USER, password: str = PASSWORD) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}", "Content-Type": "application/json"}


def _call_body(args: dict[str, Any]) -> bytes:
    return json.dumps({"function": "balance", "argument": {"parsed": [args]}, "call_id": "c-1"}).encode()


def check_swml_and_tool(invoke: Invoke, public_base: str) -> None:
    """SWML with URLs pointing back at the public URL; the tool through its web_hook_url; auth."""
    base = urlsplit(public_base)
    status, body = invoke("POST", f"{base.path}/bank", "", b'{"call":{"call_id":"c-1"}}', basic())
    assert status == 200, body
    doc = json.loads(body)
    assert doc["sections"]["main"][-1]["ai"]["prompt"]["pom"][0]["title"] == "Role"
    url = urlsplit(function_url(doc, "balance"))
    assert (url.scheme, url.hostname, url.path) == (base.scheme, base.hostname, f"{base.path}/bank/swaig")
    assert (url.username, url.password) == (USER, PASSWORD)
    status, body = invoke("POST", url.path, url.query, _call_body({"account": "A-1", "cents": True}), basic())
    assert status == 200, body
    assert json.loads(body) == {"response": "Account A-1 holds 4200"}
    # The same typed argument checks as on a server.
    status, body = invoke("POST", url.path, url.query, _call_body({"account": 7}), basic())
    assert "Invalid arguments for balance" in json.loads(body)["response"]
    # The per-call token is checked: without it the secure tool is refused.
    status, body = invoke("POST", url.path, "", _call_body({"account": "A-1"}), basic())
    assert status == 403
    status, body = invoke("POST", f"{base.path}/bank", "", b"{}", basic(password="wrong"))
    assert status == 401
    status, body = invoke("GET", f"{base.path}/bank/health", "", b"", {})
    assert status == 200


def check_signatures(invoke: Invoke, public_base: str) -> None:
    """Served by ``build(signing_key=KEY)``: signed for the public URL passes; anything else is 401."""
    base = urlsplit(public_base)
    path = f"{base.path}/bank"
    body = b'{"call":{"call_id":"c-2"}}'
    signature = json_signature(KEY, f"{public_base}/bank", body)
    status, answer = invoke("POST", path, "", body, {**basic(), "X-SignalWire-Signature": signature})
    assert status == 200, answer
    status, _ = invoke("POST", path, "", body, basic())
    assert status == 401
    status, _ = invoke(
        "POST", path, "", body.replace(b"c-2", b"c-3"), {**basic(), "X-SignalWire-Signature": signature}
    )
    assert status == 401
    # Signed for another host: a replay from elsewhere.
    other = json_signature(KEY, f"https://elsewhere.example.com{base.path}/bank", body)
    status, _ = invoke("POST", path, "", body, {**basic(), "X-SignalWire-Signature": other})
    assert status == 401
