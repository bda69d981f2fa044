"""Tools called the way SignalWire calls them: POST to the web_hook_url taken from the SWML."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from signalwire_typed.agents import AgentBase

from .agents_under_test import STARTS, SUMMARIES, build_shop
from .conftest import LiveServer, ai_of, call_url, function_url

AUTH = ("user", "pass")


def _swml(client: httpx.Client, server: LiveServer, call_id: str) -> dict[str, Any]:
    response = client.post(f"{server.url}/shop", json={"call": {"call_id": call_id}}, auth=AUTH)
    assert response.status_code == 200
    doc: dict[str, Any] = response.json()
    return doc


def _call(
    client: httpx.Client,
    url: str,
    function: str,
    call_id: str,
    args: dict[str, Any] | None = None,
    raw: str | None = None,
    **extra: Any,
) -> httpx.Response:
    plain, creds = call_url(url)
    argument: dict[str, Any] = {}
    if args is not None:
        argument = {"parsed": [args], "raw": json.dumps(args)}
    elif raw is not None:
        argument = {"raw": raw}
    body = {"function": function, "argument": argument, "call_id": call_id, "meta_data": {}, **extra}
    return client.post(plain, json=body, auth=creds)


@pytest.fixture
def shop(serve: Callable[[Any], LiveServer]) -> LiveServer:
    return serve(build_shop().asgi_app)


def test_tool_with_typed_arguments(shop: LiveServer, client: httpx.Client) -> None:
    doc = _swml(client, shop, "call-a")
    response = _call(
        client, function_url(doc, "weather"), "weather", "call-a", {"city": "Paris", "days": 3.0}
    )
    assert response.status_code == 200
    assert response.json() == {
        "response": "Paris: sunny for 3 day(s), units c",
        "action": [{"say": "Here you go"}],
    }


def test_nested_arguments_are_converted(shop: LiveServer, client: httpx.Client) -> None:
    doc = _swml(client, shop, "call-b")
    args = {
        "items": ["a", "b"],
        "color": "blue",
        "address": {"street": "Main", "zip_code": 12345},
        "window": {"start": 9, "end": 17},
        "tip": 2,
    }
    response = _call(client, function_url(doc, "order"), "order", "call-b", args)
    assert response.json() == {
        "response": "2 items, blue, Main 12345, 9-17, rush=False, tip=2.0",
        "action": [{"set_global_data": {"ordered": True}}],
    }
    # Arguments given only as raw JSON text work too.
    raw = _call(client, function_url(doc, "order"), "order", "call-b", raw=json.dumps(args))
    assert raw.json()["response"].startswith("2 items")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({}, "missing required argument(s) city"),
        ({"city": 5}, "city: expected string, got integer"),
        ({"city": "x", "units": "k"}, "units: expected one of 'c', 'f', got 'k'"),
        ({"city": "x", "days": "2"}, "days: expected integer, got string"),
        ({"city": "x", "days": True}, "days: expected integer, got boolean"),
        ({"city": "x", "extra": 1}, "unknown argument 'extra'"),
    ],
)
def test_bad_arguments_never_reach_the_handler(
    shop: LiveServer, client: httpx.Client, args: dict[str, Any], message: str
) -> None:
    doc = _swml(client, shop, "call-c")
    response = _call(client, function_url(doc, "weather"), "weather", "call-c", args)
    assert response.status_code == 200
    text = response.json()["response"]
    assert text.startswith("Invalid arguments for weather") and message in text
    assert "action" not in response.json()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"items": "a", "color": "red", "address": {}, "window": {}}, "items: expected array"),
        ({"items": [1], "color": "red", "address": {}, "window": {}}, "items[0]: expected string"),
        (
            {"items": [], "color": "green", "address": {}, "window": {}},
            "color: expected one of 'red', 'blue'",
        ),
        (
            {"items": [], "color": "red", "address": {"street": "x"}, "window": {}},
            "address: missing required field(s) zip_code",
        ),
        (
            {"items": [], "color": "red", "address": {"street": "x", "zip_code": "1"}, "window": {}},
            "address.zip_code: expected integer",
        ),
        (
            {"items": [], "color": "red", "address": {"street": "x", "zip_code": 1}, "window": {"start": 1}},
            "window: missing required field(s) end",
        ),
    ],
)
def test_bad_nested_arguments(
    shop: LiveServer, client: httpx.Client, args: dict[str, Any], message: str
) -> None:
    doc = _swml(client, shop, "call-d")
    response = _call(client, function_url(doc, "order"), "order", "call-d", args)
    assert message in response.json()["response"]


def test_raw_request_and_async_handler(shop: LiveServer, client: httpx.Client) -> None:
    doc = _swml(client, shop, "call-e")
    url = function_url(doc, "whoami")
    assert "__token" not in url
    response = _call(client, url, "whoami", "call-e", {}, global_data={"tier": "gold"})
    assert response.json() == {"response": "call call-e global gold"}


def test_handler_failure_is_not_a_500(
    shop: LiveServer, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    doc = _swml(client, shop, "call-f")
    response = _call(client, function_url(doc, "broken"), "broken", "call-f", {})
    assert response.status_code == 200
    assert response.json() == {"response": "Sorry, the broken tool failed."}
    assert "secret internal detail" not in response.text
    assert any("broken" in r.getMessage() for r in caplog.records)


def test_unknown_function_and_missing_name(shop: LiveServer, client: httpx.Client) -> None:
    doc = _swml(client, shop, "call-g")
    url = ai_of(doc)["SWAIG"]["defaults"]["web_hook_url"]
    unknown = _call(client, url, "nope", "call-g", {})
    assert unknown.status_code == 404 and "no tool named 'nope'" in unknown.json()["response"]
    data_map = _call(client, url, "joke", "call-g", {"topic": "cats"})
    assert data_map.status_code == 404
    plain, creds = call_url(url)
    missing = client.post(plain, json={"argument": {}}, auth=creds)
    assert missing.status_code == 400 and "function" in missing.json()["error"]
    bad_json = client.post(plain, content=b'{"function": ', auth=creds)
    assert bad_json.status_code == 400
    bad_argument = client.post(plain, json={"function": "whoami", "argument": "x"}, auth=creds)
    assert "'argument' must be an object" in bad_argument.json()["response"]
    bad_raw = _call(client, function_url(doc, "calculate"), "calculate", "call-g", raw="{oops")
    assert "not valid JSON" in bad_raw.json()["response"]


def test_oversized_swaig_body(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    agent = build_shop()
    agent.max_body_bytes = 1024
    server = serve(agent.asgi_app)
    doc = _swml(client, server, "call-h")
    response = _call(client, function_url(doc, "weather"), "weather", "call-h", {"city": "x" * 5000})
    assert response.status_code == 413


def test_token_forgery_and_replay(shop: LiveServer, client: httpx.Client) -> None:
    doc_a = _swml(client, shop, "call-1")
    _swml(client, shop, "call-2")
    url_a = function_url(doc_a, "weather")
    good = _call(client, url_a, "weather", "call-1", {"city": "Rome"})
    assert good.status_code == 200 and good.json()["response"].startswith("Rome")
    # The token of call-1 replayed on call-2.
    replay = _call(client, url_a, "weather", "call-2", {"city": "Rome"})
    assert replay.status_code == 403 and replay.json() == {"response": "This tool call was not authorized."}
    # A token for another function.
    order_url = function_url(doc_a, "order")
    assert _call(client, order_url, "weather", "call-1", {"city": "Rome"}).status_code == 403
    # No token, a forged one, a tampered expiry, and one signed by another agent.
    base = url_a.split("?")[0]
    token = url_a.split("__token=")[1]
    expiry, nonce, sig = token.split(".")
    forged = [
        base,
        f"{base}?__token=abc",
        f"{base}?__token={int(expiry) + 10}.{nonce}.{sig}",
        f"{base}?__token={expiry}.{nonce}.{'0' * 64}",
        function_url(_swml(client, shop, "call-1"), "weather").replace(token[:4], "9999"),
    ]
    other = build_shop()
    forged.append(base + "?__token=" + other.signer.create("call-1", "weather"))
    for url in forged:
        response = _call(client, url, "weather", "call-1", {"city": "Rome"})
        assert response.status_code == 403, url
    # A request without call_id cannot use a token.
    plain, creds = call_url(url_a)
    no_call = client.post(
        plain, json={"function": "weather", "argument": {"parsed": [{"city": "x"}]}}, auth=creds
    )
    assert no_call.status_code == 403


def test_expired_token(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    agent = build_shop()
    agent.signer.expiry_secs = -1
    server = serve(agent.asgi_app)
    doc = _swml(client, server, "call-x")
    response = _call(client, function_url(doc, "weather"), "weather", "call-x", {"city": "x"})
    assert response.status_code == 403


def test_post_prompt_summary(shop: LiveServer, client: httpx.Client) -> None:
    SUMMARIES.clear()
    doc = _swml(client, shop, "call-s")
    url = ai_of(doc)["post_prompt_url"]
    plain, creds = call_url(url)
    body = {"call_id": "call-s", "post_prompt_data": {"raw": '{"ok": 1}', "parsed": [{"ok": 1}]}}
    assert client.post(plain, json=body, auth=creds).status_code == 200
    raw_only = {"call_id": "call-s", "post_prompt_data": {"raw": "plain words"}}
    assert client.post(plain, json=raw_only, auth=creds).status_code == 200
    assert [s for s, _ in SUMMARIES] == [{"ok": 1}, "plain words"]
    # Another call's token, or none, is refused.
    assert client.post(plain, json={**body, "call_id": "other"}, auth=creds).status_code == 403
    assert client.post(plain.split("?")[0], json=body, auth=creds).status_code == 403
    assert len(SUMMARIES) == 2


def test_startup_hook_runs_on_call_start(shop: LiveServer, client: httpx.Client) -> None:
    STARTS.clear()
    doc = _swml(client, shop, "call-start")
    response = _call(client, function_url(doc, "startup_hook"), "startup_hook", "call-start", {})
    assert response.json() == {"response": "started", "action": [{"say": "Welcome!"}]}
    assert STARTS == ["call-start"]


def test_debug_events_reach_the_hook(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    events: list[dict[str, Any]] = []

    class Debugged(AgentBase):
        def on_debug_event(self, event: dict[str, Any]) -> None:  # type: ignore[override]
            events.append(event)

    agent = Debugged("dbg", basic_auth=("a", "b"))
    agent.set_prompt_text("x").enable_debug_events(2)
    server = serve(agent.asgi_app)
    doc = client.post(server.url, auth=("a", "b")).json()
    url, creds = call_url(ai_of(doc)["params"]["debug_webhook_url"])
    assert ai_of(doc)["params"]["debug_webhook_level"] == 2
    assert client.post(url, json={"label": "x"}, auth=creds).status_code == 200
    assert events == [{"label": "x"}]


def test_sync_handlers_run_off_the_event_loop(serve: Callable[[Any], LiveServer]) -> None:
    agent = AgentBase("slow", basic_auth=("a", "b"))
    agent.set_prompt_text("x")

    def slow(seconds: float) -> str:
        time.sleep(seconds)
        return "done"

    agent.define_tool("slow", "Sleeps", slow, secure=False)
    server = serve(agent.asgi_app)
    body = {"function": "slow", "argument": {"parsed": [{"seconds": 0.5}]}, "call_id": "c"}
    import concurrent.futures

    def one() -> str:
        with httpx.Client(timeout=10) as c:
            text: str = c.post(f"{server.url}/swaig", json=body, auth=("a", "b")).json()["response"]
            return text

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: one(), range(4)))
    assert results == ["done"] * 4
    assert time.monotonic() - start < 1.8  # four 0.5 s handlers overlapped


def test_tool_definition_errors() -> None:
    agent = AgentBase("defs", basic_auth=("a", "b"))

    def no_annotation(x) -> str:  # type: ignore[no-untyped-def]
        return "x"

    def bad_annotation(x: complex) -> str:
        return "x"

    def bad_union(x: int | str) -> str:
        return "x"

    with pytest.raises(TypeError, match="needs a type annotation"):
        agent.define_tool("a", "d", no_annotation)
    with pytest.raises(TypeError, match="cannot be a tool argument"):
        agent.define_tool("b", "d", bad_annotation)
    with pytest.raises(TypeError, match="unions other than"):
        agent.define_tool("c", "d", bad_union)
    with pytest.raises(TypeError, match="needs a description"):
        agent.define_tool("e", "", lambda: "x")
    agent.define_tool("f", "d", lambda: "x")
    with pytest.raises(ValueError, match="already has a tool named 'f'"):
        agent.define_tool("f", "d", lambda: "y")
    agent.remove_tool("f").define_tool("f", "d", lambda: "y")
