"""Per-request configuration stays per request; AgentServer routes by path and SIP user."""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
from collections.abc import Callable
from typing import Any

import httpx
import jsonschema
import pytest
from signalwire_typed.agents import AgentBase, AgentServer, FunctionResult, SwmlRequest
from signalwire_typed_gen._runtime import JsonObject

from .conftest import LiveServer, ai_of, call_url, function_url


def _tenant_agent() -> AgentBase:
    agent = AgentBase("tenant", basic_auth=("a", "b"))
    agent.prompt_add_section("Role", "Base role")
    agent.set_global_data({"shared": 1})

    async def configure(
        query: dict[str, str], body: JsonObject, headers: dict[str, str], copy: AgentBase
    ) -> None:
        tenant = query.get("tenant", "none")
        # Yield to the loop in between changes so concurrent requests interleave.
        await asyncio.sleep(random.random() / 50)
        copy.prompt_add_to_section("Role", body=f"Tenant {tenant}")
        await asyncio.sleep(random.random() / 50)
        copy.update_global_data({"tenant": tenant})
        copy.add_language(tenant, "en-US", f"rime.{tenant}")
        copy.set_params(ai_name=tenant)
        copy.add_hint(f"hint-{tenant}")

        def greet() -> str:
            return f"hello from {tenant}"

        copy.define_tool(f"greet_{tenant}", "Greets", greet)

    agent.set_dynamic_config_callback(configure)
    return agent


def test_dynamic_config_isolation_under_concurrency(
    serve: Callable[[Any], LiveServer], calling_validator: jsonschema.Draft202012Validator
) -> None:
    agent = _tenant_agent()
    server = serve(agent.asgi_app)
    tenants = [f"t{i}" for i in range(24)]

    def fetch(tenant: str) -> tuple[str, dict[str, Any]]:
        with httpx.Client(timeout=10) as c:
            response = c.post(
                f"{server.url}/?tenant={tenant}", json={"call_id": f"call-{tenant}"}, auth=("a", "b")
            )
            assert response.status_code == 200
            return tenant, response.json()

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fetch, tenants))
    for tenant, doc in results:
        calling_validator.validate(doc)
        ai = ai_of(doc)
        assert ai["prompt"]["pom"] == [{"body": f"Base role\n\nTenant {tenant}", "title": "Role"}]
        assert ai["global_data"] == {"shared": 1, "tenant": tenant}
        assert [lang["name"] for lang in ai["languages"]] == [tenant]
        assert ai["params"] == {"ai_name": tenant}
        assert ai["hints"] == [f"hint-{tenant}"]
        assert [f["function"] for f in ai["SWAIG"]["functions"]] == [f"greet_{tenant}"]
    # The agent itself never changed.
    assert agent.config.global_data == {"shared": 1}
    assert agent.config.languages == [] and agent.config.params == {} and agent.config.tools == {}
    assert agent.get_prompt() == "## Role\n\nBase role"
    # A tool defined per request can be called through its URL (the callback runs again).
    tenant, doc = results[3]
    url, creds = call_url(function_url(doc, f"greet_{tenant}"))
    with httpx.Client(timeout=10) as c:
        body = {"function": f"greet_{tenant}", "call_id": f"call-{tenant}", "argument": {}}
        answer = c.post(f"{url}&tenant={tenant}", json=body, auth=creds)
    assert answer.json() == {"response": f"hello from {tenant}"}


def test_on_swml_request_hook(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    class Hooked(AgentBase):
        def on_swml_request(self, request: SwmlRequest, agent: AgentBase) -> None:
            caller = request.body.get("caller", "unknown")
            agent.set_prompt_text(f"Caller is {caller}; agent {request.headers.get('x-tenant')}")

    agent = Hooked("hooked", basic_auth=("a", "b"))
    agent.set_prompt_text("default")
    server = serve(agent.asgi_app)
    doc = client.post(
        server.url, json={"caller": "Ann"}, headers={"X-Tenant": "acme"}, auth=("a", "b")
    ).json()
    assert ai_of(doc)["prompt"]["text"] == "Caller is Ann; agent acme"
    assert agent.get_prompt() == "default"


def _agent(name: str, route: str) -> AgentBase:
    agent = AgentBase(name, route=route, basic_auth=(name, f"{name}-pw"))
    agent.set_prompt_text(f"I am {name}")

    def who() -> FunctionResult:
        return FunctionResult(f"this is {name}")

    agent.define_tool("who", "Which agent", who)
    return agent


def test_agent_server_routes_by_path_and_sip_user(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    server = AgentServer(host="127.0.0.1")
    server.register(_agent("sales", "/sales")).register(_agent("support", "/support"))
    server.register(_agent("eu", "/x"), route="/sales/eu")
    server.setup_sip_routing("/sip")
    server.register_sip_username("helpdesk", "/support")
    assert sorted(server.get_agents()) == ["/sales", "/sales/eu", "/support"]
    live = serve(server.asgi_app)
    for route, name in (("/sales", "sales"), ("/sales/eu", "eu"), ("/support", "support")):
        doc = client.post(f"{live.url}{route}", json={"call_id": "c1"}, auth=(name, f"{name}-pw")).json()
        assert ai_of(doc)["prompt"]["text"] == f"I am {name}"
        url, creds = call_url(function_url(doc, "who"))
        assert url.startswith(f"{live.url}{route}/swaig?__token=")
        body = {"function": "who", "call_id": "c1", "argument": {"parsed": [{}]}}
        assert client.post(url, json=body, auth=creds).json() == {"response": f"this is {name}"}
    # Each agent has its own credentials and its own token key.
    assert client.post(f"{live.url}/support", auth=("sales", "sales-pw")).status_code == 401
    sales_doc = client.post(f"{live.url}/sales", json={"call_id": "c1"}, auth=("sales", "sales-pw")).json()
    sales_url, _ = call_url(function_url(sales_doc, "who"))
    stolen = sales_url.replace("/sales/", "/support/")
    body = {"function": "who", "call_id": "c1", "argument": {}}
    assert client.post(stolen, json=body, auth=("support", "support-pw")).status_code == 403
    # SIP routing: explicit user name and the automatic one from the route.
    for user, name in (("helpdesk", "support"), ("sales", "sales"), ("sales_eu", "eu")):
        sip = client.post(
            f"{live.url}/sip",
            json={"call": {"to": f"sip:{user}@example.sip.signalwire.com"}},
            auth=(name, f"{name}-pw"),
        )
        assert ai_of(sip.json())["prompt"]["text"] == f"I am {name}", user
    unknown = client.post(
        f"{live.url}/sip", json={"call": {"to": "sip:nobody@x"}}, auth=("sales", "sales-pw")
    )
    assert unknown.status_code == 404
    assert client.post(f"{live.url}/nowhere", auth=("sales", "sales-pw")).status_code == 404


def test_agent_server_rejects_duplicate_routes() -> None:
    server = AgentServer()
    server.register(_agent("a", "/a"))
    try:
        server.register(_agent("b", "/a"))
    except ValueError as exc:
        assert "already served by 'a'" in str(exc)
    else:
        raise AssertionError("duplicate route accepted")


def test_mounted_in_fastapi(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    fastapi = pytest.importorskip("fastapi")
    host = fastapi.FastAPI()
    agent = _agent("mounted", "/bot")
    host.mount("/agents", agent.asgi_app)
    live = serve(host)
    doc = client.post(f"{live.url}/agents/bot", json={"call_id": "c9"}, auth=("mounted", "mounted-pw")).json()
    url, creds = call_url(function_url(doc, "who"))
    assert url.startswith(f"{live.url}/agents/bot/swaig?__token=")
    body = {"function": "who", "call_id": "c9", "argument": {}}
    assert client.post(url, json=body, auth=creds).json() == {"response": "this is mounted"}
