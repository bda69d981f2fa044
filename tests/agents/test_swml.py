"""The SWML an agent serves over HTTP: every feature, checked against our SWML schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import jsonschema
import pytest
from signalwire_typed.agents import AgentBase
from signalwire_typed.swml import models as m

from .agents_under_test import build_shop
from .conftest import LiveServer, ai_of, call_url, function_url

AUTH = ("user", "pass")


def test_full_featured_swml_is_valid(
    serve: Callable[[Any], LiveServer],
    client: httpx.Client,
    calling_validator: jsonschema.Draft202012Validator,
) -> None:
    agent = build_shop()
    server = serve(agent.asgi_app)
    response = client.post(f"{server.url}/shop", json={"call_id": "call-1"}, auth=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    doc = response.json()
    calling_validator.validate(doc)
    main = doc["sections"]["main"]
    assert [next(iter(v)) for v in main] == ["play", "answer", "record_call", "sleep", "ai", "hangup"]
    ai = ai_of(doc)
    prompt = ai["prompt"]
    assert prompt["temperature"] == 0.3 and prompt["top_p"] == 0.9
    titles = [s.get("title") for s in prompt["pom"]]
    assert titles == ["Role", "Rules", "Calculations", "Date and Time"]
    role = prompt["pom"][0]
    assert role["bullets"] == ["Be brief", "Be kind"] and role["numberedBullets"] is True
    assert role["subsections"] == [{"body": "Friendly", "title": "Tone"}]
    assert prompt["contexts"]["billing"]["isolated"] is True
    assert prompt["contexts"]["default"]["steps"][1]["pom"] == [{"body": "Help", "title": "Task"}]
    assert ai["post_prompt"] == {"text": "Summarise the call as JSON", "temperature": 0.1}
    assert ai["post_prompt_url"].startswith(
        f"http://user:pass@127.0.0.1:{server.port}/shop/post_prompt?__token="
    )
    assert ai["languages"][1]["voice"] == "gcloud.fr-FR-Neural2-B"
    assert ai["languages"][0]["speech_fillers"] == ["um"]
    assert ai["hints"][:2] == ["SignalWire", "SWAIG"]
    assert ai["hints"][2] == {"hint": "swig", "pattern": "swig", "replace": "SWAIG", "ignore_case": True}
    assert ai["pronounce"] == [{"replace": "API", "with": "A P I", "ignore_case": True}]
    assert ai["params"]["end_of_speech_timeout"] == 600 and ai["params"]["brand_new_param"] == 3
    assert ai["params"]["debug_webhook_url"].endswith("/shop/debug_events")
    assert ai["global_data"] == {"tier": "gold", "region": "eu"}
    swaig = ai["SWAIG"]
    assert swaig["native_functions"] == ["check_time", "wait_seconds"]
    assert swaig["internal_fillers"] == {"next_step": {"en-US": ["Moving on"]}}
    assert swaig["includes"][0]["functions"] == ["lookup"]
    assert swaig["defaults"]["web_hook_url"] == f"http://user:pass@127.0.0.1:{server.port}/shop/swaig"
    names = [f["function"] for f in swaig["functions"]]
    assert set(names) >= {
        "weather",
        "order",
        "whoami",
        "calculate",
        "get_current_time",
        "joke",
        "startup_hook",
    }
    weather = next(f for f in swaig["functions"] if f["function"] == "weather")
    assert weather["fillers"] == {"en-US": ["Checking"]}
    assert weather["parameters"] == {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City name"},
            "units": {"type": "string", "enum": ["c", "f"]},
            "days": {"type": "integer"},
        },
        "required": ["city"],
    }
    assert "__token=" in weather["web_hook_url"]
    whoami = next(f for f in swaig["functions"] if f["function"] == "whoami")
    assert "web_hook_url" not in whoami  # not secure: the default URL, no token
    joke = next(f for f in swaig["functions"] if f["function"] == "joke")
    assert joke["data_map"]["webhooks"][0]["output"] == {"response": "${response.joke}"}
    assert "web_hook_url" not in joke
    # The document also loads into our typed model.
    assert isinstance(m.CallingSwml, type) and agent.to_swml("x").version == "1.0.0"


def test_order_schema_from_signature_and_docstring() -> None:
    spec = build_shop().get_tool("order")
    assert spec is not None and spec.arguments is not None
    props = spec.arguments.schema["properties"]
    assert isinstance(props, dict)
    assert props["items"] == {"type": "array", "items": {"type": "string"}, "description": "What to order."}
    assert props["color"] == {"type": "string", "enum": ["red", "blue"], "description": "Wrapping colour."}
    assert props["address"] == {
        "type": "object",
        "properties": {
            "street": {"type": "string"},
            "zip_code": {"type": "integer"},
            "unit": {"type": "string", "nullable": True},
        },
        "required": ["street", "zip_code"],
    }
    assert props["tip"] == {"type": "number", "nullable": True}
    assert spec.arguments.schema["required"] == ["items", "color", "address", "window"]


def test_get_returns_the_same_document_and_plain_prompt(
    serve: Callable[[Any], LiveServer],
    client: httpx.Client,
    calling_validator: jsonschema.Draft202012Validator,
) -> None:
    agent = AgentBase("plain", basic_auth=("a", "b"), auto_answer=False)
    agent.set_prompt_text("You are terse.")
    server = serve(agent.asgi_app)
    for response in (client.get(f"{server.url}/", auth=("a", "b")), client.post(server.url, auth=("a", "b"))):
        assert response.status_code == 200
        doc = response.json()
        calling_validator.validate(doc)
        assert doc["sections"]["main"] == [{"ai": {"prompt": {"text": "You are terse."}}}]


@pytest.mark.parametrize(
    "auth",
    [None, ("user", "wrong"), ("wrong", "pass"), ("user", "pass" * 50)],
)
def test_auth_failures(
    serve: Callable[[Any], LiveServer], client: httpx.Client, auth: tuple[str, str] | None
) -> None:
    server = serve(build_shop().asgi_app)
    for path in ("/shop", "/shop/swaig", "/shop/post_prompt", "/shop/debug_events"):
        response = client.post(f"{server.url}{path}", json={}, auth=auth)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"].startswith("Basic")
        assert "pass" not in response.text


def test_malformed_authorization_header(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    server = serve(build_shop().asgi_app)
    for value in ("Basic", "Basic !!!", "Bearer abc", "Basic dXNlcjpwYXNzeA=="):
        response = client.post(f"{server.url}/shop", headers={"Authorization": value})
        assert response.status_code == 401


def test_auth_scheme_is_case_insensitive(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    server = serve(build_shop().asgi_app)
    response = client.post(f"{server.url}/shop", headers={"Authorization": "basic dXNlcjpwYXNz"})
    assert response.status_code == 200


def test_health_and_ready_need_no_auth(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    server = serve(build_shop().asgi_app)
    assert client.get(f"{server.url}/health").json() == {"status": "healthy"}
    assert client.get(f"{server.url}/shop/ready").json() == {"status": "ready"}


def test_bad_requests(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    agent = build_shop()
    agent.max_body_bytes = 2000
    server = serve(agent.asgi_app)
    url = f"{server.url}/shop"
    bad_json = client.post(url, content=b"{not json", auth=AUTH)
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["error"]
    not_object = client.post(url, content=b"[1, 2]", auth=AUTH)
    assert not_object.status_code == 400 and "JSON object" in not_object.json()["error"]
    big = client.post(url, content=b"{" + b" " * 5000 + b"}", auth=AUTH)
    assert big.status_code == 413
    assert client.put(url, auth=AUTH).status_code == 405
    assert client.get(f"{url}/swaig", auth=AUTH).status_code == 405
    assert client.post(f"{url}/nothing", auth=AUTH).status_code == 404
    assert client.get(f"{server.url}/elsewhere", auth=AUTH).status_code == 404


def test_urls_behind_a_proxy(
    serve: Callable[[Any], LiveServer], client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve(build_shop().asgi_app)
    forwarded = client.post(
        f"{server.url}/shop",
        auth=AUTH,
        headers={"X-Forwarded-Host": "agents.example.com", "X-Forwarded-Proto": "https"},
    ).json()
    assert function_url(forwarded, "whoami") == "https://user:pass@agents.example.com/shop/swaig"
    monkeypatch.setenv("SWML_PROXY_URL_BASE", "https://public.example.org/base/")
    proxied_agent = build_shop()
    proxied = serve(proxied_agent.asgi_app)
    doc = client.post(f"{proxied.url}/shop", auth=AUTH).json()
    url, creds = call_url(function_url(doc, "whoami"))
    assert url == "https://public.example.org/base/shop/swaig" and creds == AUTH
    manual = AgentBase("m", basic_auth=("a", "b"))
    manual.manual_set_proxy_url("https://x.example.net")
    manual.set_prompt_text("hi")
    manual.set_post_prompt("sum")
    assert b"https://a:b@x.example.net/post_prompt?__token=" in manual.render_swml("c")


def test_credentials_are_url_quoted() -> None:
    agent = AgentBase("q", basic_auth=("us er", "p@ss:/?"))
    agent.set_prompt_text("x")
    agent.define_tool("t", "d", lambda: "ok", secure=False)
    assert b"http://us%20er:p%40ss%3A%2F%3F@h:1/swaig" in agent.render_swml(
        "c", "http://us%20er:p%40ss%3A%2F%3F@h:1"
    )


def test_generated_password_is_shown_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SWML_BASIC_AUTH_USER", raising=False)
    monkeypatch.delenv("SWML_BASIC_AUTH_PASSWORD", raising=False)
    agent = AgentBase("gen")
    _, password = agent.get_basic_auth_credentials()
    assert len(password) >= 20
    err = capsys.readouterr().err
    assert password in err
    agent.get_basic_auth_credentials()
    assert password not in repr(agent.auth) and capsys.readouterr().err == ""
    monkeypatch.setenv("SWML_BASIC_AUTH_USER", "envuser")
    monkeypatch.setenv("SWML_BASIC_AUTH_PASSWORD", "envpass")
    assert AgentBase("env").get_basic_auth_credentials() == ("envuser", "envpass")


def test_configuration_errors_name_the_problem() -> None:
    agent = AgentBase("errs", basic_auth=("a", "b"))
    with pytest.raises(ValueError, match=r"\$\.params\.end_of_speech_timeout"):
        agent.set_params({"end_of_speech_timeout": [1]})  # type: ignore[typeddict-item]
    with pytest.raises(ValueError, match="route must start"):
        AgentBase("x", route="nope")
    with pytest.raises(TypeError, match="list of strings"):
        agent.add_hints("oops")
    with pytest.raises(ValueError, match=r"\$\.verb"):
        agent.add_post_ai_verb({"hangupp": {}})
    contexts = agent.define_contexts()
    contexts.add_context("default").add_step("a").set_text("x").set_valid_steps(["zzz"])
    with pytest.raises(ValueError, match="unknown step 'zzz'"):
        agent.render_swml("c", "http://a:b@h")
