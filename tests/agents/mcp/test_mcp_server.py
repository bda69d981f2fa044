"""``enable_mcp_server()`` tested with the official ``mcp`` client against the real app on 127.0.0.1,
and ``add_mcp_server()`` through the SWML the agent serves."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Literal

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from signalwire_typed.agents import AgentBase, DataMap, FunctionResult, SwaigRequest

from ..conftest import LiveServer, ai_of

AUTH = ("user", "pass")


class Travel(AgentBase):
    @AgentBase.tool(description="Weather forecast for a city")
    def forecast(self, city: str, days: int = 1, units: Literal["c", "f"] = "c") -> FunctionResult:
        return FunctionResult(f"{city}: sunny for {days} day(s) in {units}").say("Here you go")

    @AgentBase.tool(description="Book a table")
    async def book(self, restaurant: str, people: int, request: SwaigRequest) -> str:
        await asyncio.sleep(0)
        return f"booked {restaurant} for {people} via {request.function}"

    @AgentBase.tool(description="Always fails")
    def broken(self) -> str:
        raise RuntimeError("database down")

    def on_call_start(self, request: SwaigRequest) -> FunctionResult | None:
        return None


def build(signing_key: str | None = None) -> Travel:
    agent = Travel("travel", route="/travel", basic_auth=AUTH, signing_key=signing_key)
    agent.register_swaig_function(
        DataMap("joke")
        .description("Tell a joke")
        .webhook("GET", "https://jokes.example.com/")
        .output(FunctionResult("${response}"))
    )
    return agent.enable_mcp_server()


@pytest.fixture
def travel(serve: Callable[[Any], LiveServer]) -> LiveServer:
    return serve(build().asgi_app)


async def _session(url: str, mode: Literal["auto", "legacy"], work: Callable[[Client], Any]) -> Any:
    http = httpx2.AsyncClient(auth=AUTH, timeout=10)
    async with http, Client(streamable_http_client(url, http_client=http), mode=mode) as client:
        return await work(client)


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_tools_listed_and_called_with_the_official_client(
    travel: LiveServer, mode: Literal["auto", "legacy"]
) -> None:
    async def work(client: Client) -> None:
        listed = await client.list_tools()
        tools = {t.name: t for t in listed.tools}
        # DataMap tools run at SignalWire and call hooks are for SignalWire: neither is offered.
        assert set(tools) == {"forecast", "book", "broken"}
        schema = tools["forecast"].input_schema
        assert schema["type"] == "object" and schema["required"] == ["city"]
        assert schema["properties"]["units"]["enum"] == ["c", "f"]
        assert "request" not in tools["book"].input_schema["properties"]

        ok = await client.call_tool("forecast", {"city": "Oslo", "days": 3})
        assert not ok.is_error
        assert [c.text for c in ok.content] == ["Oslo: sunny for 3 day(s) in c"]
        booked = await client.call_tool("book", {"restaurant": "Noma", "people": 2})
        assert booked.content[0].text == "booked Noma for 2 via book"

        # The same typed checks as /swaig: reported as tool errors so the model can retry.
        bad = await client.call_tool("forecast", {"city": "Oslo", "days": "three"})
        assert bad.is_error and "days: expected integer, got string" in bad.content[0].text
        extra = await client.call_tool("forecast", {"city": "Oslo", "colour": "red"})
        assert extra.is_error and "unknown argument 'colour'" in extra.content[0].text
        missing = await client.call_tool("book", {"restaurant": "Noma"})
        assert missing.is_error and "people" in missing.content[0].text
        failed = await client.call_tool("broken", {})
        assert failed.is_error and failed.content[0].text == "The broken tool failed."
        with pytest.raises(MCPError, match="unknown tool 'joke'"):
            await client.call_tool("joke", {})

    asyncio.run(_session(f"{travel.url}/travel/mcp", mode, work))


def _rpc(method: str, params: dict[str, Any] | None = None, id: int | None = 1) -> dict[str, Any]:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    if id is not None:
        message["id"] = id
    return message


def test_protocol_over_plain_http(travel: LiveServer, client: httpx.Client) -> None:
    url = f"{travel.url}/travel/mcp"
    init = client.post(
        url, json=_rpc("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}}), auth=AUTH
    )
    assert init.status_code == 200
    assert init.json()["result"]["protocolVersion"] == "2025-06-18"
    assert init.json()["result"]["serverInfo"]["name"] == "travel"
    unknown_version = client.post(url, json=_rpc("initialize", {"protocolVersion": "1999-01-01"}), auth=AUTH)
    assert unknown_version.json()["result"]["protocolVersion"] == "2025-11-25"
    assert client.post(url, json=_rpc("notifications/initialized", id=None), auth=AUTH).status_code == 202
    assert client.post(url, json=_rpc("ping"), auth=AUTH).json() == {"jsonrpc": "2.0", "id": 1, "result": {}}
    batch = client.post(url, json=[_rpc("ping", id=1), _rpc("tools/list", id=2)], auth=AUTH).json()
    assert [a["id"] for a in batch] == [1, 2] and len(batch[1]["result"]["tools"]) == 3
    nope = client.post(url, json=_rpc("resources/list"), auth=AUTH).json()
    assert nope["error"]["code"] == -32601
    no_name = client.post(url, json=_rpc("tools/call", {"arguments": {}}), auth=AUTH).json()
    assert no_name["error"] == {"code": -32602, "message": "tools/call needs the tool's 'name'"}
    bad_args = client.post(url, json=_rpc("tools/call", {"name": "forecast", "arguments": [1]}), auth=AUTH)
    assert bad_args.json()["error"]["message"] == "'arguments' must be an object"
    garbage = client.post(url, content=b"{not json", auth=AUTH)
    assert garbage.status_code == 400 and garbage.json()["error"]["code"] == -32700
    not_rpc = client.post(url, json={"hello": 1}, auth=AUTH).json()
    assert not_rpc["error"]["code"] == -32600
    old = client.post(url, json=_rpc("ping"), auth=AUTH, headers={"MCP-Protocol-Version": "2020-01-01"})
    assert old.status_code == 400
    assert client.get(url, auth=AUTH).status_code == 405
    foreign = client.post(url, json=_rpc("ping"), auth=AUTH, headers={"Origin": "https://evil.example.com"})
    assert foreign.status_code == 403
    same = client.post(url, json=_rpc("ping"), auth=AUTH, headers={"Origin": travel.url})
    assert same.status_code == 200
    assert client.post(url, json=_rpc("ping")).status_code == 401
    assert client.post(url, json=_rpc("ping"), auth=("user", "nope")).status_code == 401


def test_mcp_is_off_unless_enabled(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    server = serve(Travel("travel", route="/travel", basic_auth=AUTH).asgi_app)
    assert client.post(f"{server.url}/travel/mcp", json=_rpc("ping"), auth=AUTH).status_code == 404


def test_signed_agents_still_serve_mcp_clients(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    server = serve(build(signing_key="PSK_key").asgi_app)
    # MCP clients are not SignalWire and do not sign; the SWML endpoint still needs a signature.
    assert client.post(f"{server.url}/travel/mcp", json=_rpc("ping"), auth=AUTH).status_code == 200
    assert client.post(f"{server.url}/travel", json={}, auth=AUTH).status_code == 401


def test_add_mcp_server_renders_swml_served_over_http(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    agent = Travel("travel", route="/travel", basic_auth=AUTH)
    agent.add_mcp_server(
        "https://mcp.example.com/mcp",
        headers={"Authorization": "Bearer sk-1"},
        resources=True,
        resource_vars={"caller_id": "${caller_id_number}"},
    )
    agent.add_mcp_server("https://other.example.com/mcp")
    server = serve(agent.asgi_app)
    doc = client.post(f"{server.url}/travel", json={}, auth=AUTH).json()
    assert ai_of(doc)["SWAIG"]["mcp_servers"] == [
        {
            "url": "https://mcp.example.com/mcp",
            "headers": {"Authorization": "Bearer sk-1"},
            "resources": True,
            "resource_vars": {"caller_id": "${caller_id_number}"},
        },
        {"url": "https://other.example.com/mcp"},
    ]


def test_part2_example_serves_its_skills_over_mcp(
    monkeypatch: pytest.MonkeyPatch, serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    import importlib
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[3] / "examples"))
    agent = importlib.import_module("agents.part2_example").create_agent()
    server = serve(agent.asgi_app)
    doc = client.post(f"{server.url}/receptionist", json={}, auth=("demo", "demo-password")).json()
    assert ai_of(doc)["SWAIG"]["mcp_servers"][0]["url"] == "https://crm.example.com/mcp"

    async def work(mcp: Client) -> None:
        names = {t.name for t in (await mcp.list_tools()).tools}
        # The skills' local tools and the prefab's are offered; weather_api is a DataMap tool.
        assert names == {
            "collect_caller_info",
            "transfer_call",
            "get_current_time",
            "get_current_date",
            "calculate",
        }
        answer = await mcp.call_tool("calculate", {"expression": "6 * 7"})
        assert answer.content[0].text == "6 * 7 = 42"
        wrong = await mcp.call_tool("calculate", {"expression": 42})
        assert wrong.is_error

    async def session() -> None:
        http = httpx2.AsyncClient(auth=("demo", "demo-password"), timeout=10)
        url = f"{server.url}/receptionist/mcp"
        async with http, Client(streamable_http_client(url, http_client=http)) as mcp:
            await work(mcp)

    asyncio.run(session())
