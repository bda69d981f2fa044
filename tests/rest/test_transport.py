"""Transport behaviour against the validating server: retries, Retry-After, timeouts, each error
type, pagination across pages, argument checks before sending, and no credentials leaking."""

from __future__ import annotations

import asyncio
import base64
import subprocess
import sys
import time
import uuid

import pytest
from signalwire_typed.rest import (
    NOT_GIVEN,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    NotFoundError,
    RateLimitError,
    RestClient,
    ValidationError,
)
from signalwire_typed.swml import ValidationError as DataError
from signalwire_typed.swml import models as swml
from signalwire_typed_gen.rest.calling.dicts import CallingPlaySilenceDict
from signalwire_typed_gen.swml.dicts import CallingSwmlDict

from .conftest import async_client
from .server import PROJECT, TOKEN, Scripted, SpecServer

AGENT = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"
SECRETS = (TOKEN, base64.b64encode(f"{PROJECT}:{TOKEN}".encode()).decode())


def make(server: SpecServer, **kw: float) -> RestClient:
    options = {"timeout": 5.0, "max_retries": 2, **kw}
    client = RestClient(project=PROJECT, token=TOKEN, base_url=server.base_url, timeout=options["timeout"])
    return client.with_options(max_retries=int(options["max_retries"]))


def no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


# --- retries -----------------------------------------------------------------------------------


def test_get_is_retried_on_5xx_then_succeeds(server: SpecServer) -> None:
    server.script += [Scripted(503, {"error": "busy"}, {"Retry-After": "0"}), Scripted(502, None)]
    agent = make(server).fabric.ai_agents.get(AGENT)
    assert agent.id
    assert len(server.seen) == 3


def test_retry_after_is_honoured(server: SpecServer) -> None:
    server.script.append(Scripted(429, {"error": "slow down"}, {"Retry-After": "1"}))
    start = time.monotonic()
    make(server).phone_numbers.get(AGENT)
    assert time.monotonic() - start >= 0.9
    assert len(server.seen) == 2


def test_post_is_not_retried_on_5xx(server: SpecServer) -> None:
    server.script.append(Scripted(503, {"error": "busy"}, {"Retry-After": "0"}))
    with pytest.raises(APIStatusError) as info:
        make(server).fabric.ai_agents.create(name="a", prompt={"text": "hi"})
    assert info.value.status_code == 503
    assert len(server.seen) == 1


def test_post_is_retried_on_429_which_did_no_work(server: SpecServer) -> None:
    server.script.append(Scripted(429, {"error": "slow down"}, {"Retry-After": "0"}))
    make(server).fabric.ai_agents.create(name="a", prompt={"text": "hi"})
    assert len(server.seen) == 2


def test_retries_run_out_with_a_rate_limit_error(server: SpecServer) -> None:
    server.script += [Scripted(429, {"error": "Too Many Requests"}, {"Retry-After": "0"})] * 3
    with pytest.raises(RateLimitError) as info:
        make(server).phone_numbers.get(AGENT)
    assert info.value.retry_after == 0
    assert len(server.seen) == 3


def test_backoff_without_retry_after_grows(server: SpecServer) -> None:
    server.script += [Scripted(500, {"error": "x"})] * 2
    start = time.monotonic()
    make(server).phone_numbers.get(AGENT)
    # 0.5 s base with jitter in [0.5, 1): at least 0.25 + 0.5 s over two retries.
    assert time.monotonic() - start >= 0.7
    assert len(server.seen) == 3


# --- timeouts and connection errors --------------------------------------------------------------


def test_timeout_raises_a_timeout_error(server: SpecServer) -> None:
    server.script.append(Scripted(200, {"error": "late"}, delay=1.0))
    client = make(server, timeout=0.3, max_retries=0)
    with pytest.raises(APITimeoutError) as info:
        client.phone_numbers.get(AGENT)
    assert "timed out" in str(info.value)
    no_secrets(str(info.value))


def test_unreachable_server_is_a_connection_error() -> None:
    client = RestClient(project=PROJECT, token=TOKEN, base_url="http://127.0.0.1:9", max_retries=1)
    with pytest.raises(APIConnectionError) as info:
        client.phone_numbers.get(AGENT)
    no_secrets(str(info.value))
    no_secrets(repr(client))


# --- error types ---------------------------------------------------------------------------------


def test_wrong_credentials_are_an_authentication_error(server: SpecServer) -> None:
    client = RestClient(project=PROJECT, token="wrong", base_url=server.base_url)
    with pytest.raises(AuthenticationError) as info:
        client.fabric.ai_agents.get(AGENT)
    assert info.value.status_code == 401
    assert "Unauthorized" in str(info.value)
    assert "wrong" not in str(info.value)


def test_not_found(server: SpecServer) -> None:
    server.script.append(Scripted(404, {"error": "Not Found"}, {"X-Request-Id": "req-42"}))
    with pytest.raises(NotFoundError) as info:
        make(server).fabric.ai_agents.get(AGENT)
    assert info.value.request_id == "req-42"
    assert info.value.body == {"error": "Not Found"}


def test_server_validation_error_carries_field_errors(server: SpecServer) -> None:
    problem = {"type": "validation_error", "code": "missing", "message": "is required", "attribute": "name"}
    server.script.append(Scripted(422, {"errors": [{**problem, "url": "https://example.com/e"}]}))
    with pytest.raises(ValidationError) as info:
        make(server).fabric.ai_agents.create(name="a", prompt={"text": "hi"})
    assert [(e.attribute, e.code) for e in info.value.errors] == [("name", "missing")]
    assert "name: is required" in str(info.value)


def test_other_status_is_an_api_status_error(server: SpecServer) -> None:
    server.script.append(Scripted(409, {"error": "Conflict"}))
    with pytest.raises(APIStatusError) as info:
        make(server).fabric.ai_agents.get(AGENT)
    assert info.value.status_code == 409
    assert type(info.value) is APIStatusError
    no_secrets(str(info.value))


# --- pagination ------------------------------------------------------------------------------------


def test_pagination_follows_next_links(server: SpecServer) -> None:
    server.pages = 3
    agents = list(make(server).fabric.ai_agents.list(page_size=1))
    assert len(agents) == 3
    assert server.seen[0].query == "page_size=1"
    assert "page_token=tok1" in server.seen[1].query
    assert "page_token=tok2" in server.seen[2].query


def test_async_pagination_follows_next_links(server: SpecServer) -> None:
    server.pages = 2

    async def run() -> int:
        async with async_client(server) as client:
            return len([a async for a in client.phone_numbers.list()])

    assert asyncio.run(asyncio.wait_for(run(), 10)) == 2
    assert len(server.seen) == 2


def test_first_page_only(server: SpecServer) -> None:
    server.pages = 5
    page = make(server).fabric.ai_agents.list().first_page()
    assert page.links is not None and page.links.next_
    assert len(server.seen) == 1


# --- arguments --------------------------------------------------------------------------------------


def test_bad_arguments_fail_before_sending(server: SpecServer) -> None:
    client = make(server)
    with pytest.raises(DataError, match=r"create\(\)\.prompt"):
        client.fabric.ai_agents.create(name="a", prompt={"txt": "typo"})  # type: ignore[arg-type]
    with pytest.raises(DataError, match="name"):
        client.fabric.ai_agents.create(name=5, prompt={"text": "hi"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="id must be a non-empty string"):
        client.fabric.ai_agents.get("")
    with pytest.raises(TypeError, match="page_size must be an integer"):
        client.fabric.ai_agents.list(page_size="10")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="status"):
        client.calling.update(id=AGENT, url="https://x.example", status="paused")  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"play_volume\(\)\.params\.volume: must be at most 40"):
        client.calling.play_volume(call_id=AGENT, control_id="c1", volume=100)
    assert server.seen == []


def test_missing_credentials_name_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN", "SIGNALWIRE_SPACE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValueError, match="SIGNALWIRE_PROJECT_ID"):
        RestClient(token="t", space="s")
    with pytest.raises(ValueError, match="SIGNALWIRE_SPACE"):
        RestClient(project="p", token="t")
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", "p")
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", "t")
    monkeypatch.setenv("SIGNALWIRE_SPACE", "acme")
    assert RestClient().base_url == "https://acme.signalwire.com"
    assert RestClient(space="acme.example.com").base_url == "https://acme.example.com"
    with pytest.raises(ValueError, match="base_url"):
        RestClient(base_url="ftp://x")
    with pytest.raises(ValueError, match="max_retries"):
        RestClient().with_options(max_retries=-1)


def test_not_given_is_left_out_and_models_are_accepted(server: SpecServer) -> None:
    prompt = swml.AiPromptText(text="You are helpful.", temperature=0.3)
    make(server).fabric.ai_agents.create(name="a", prompt=prompt, hints=["SignalWire"], params=NOT_GIVEN)
    body = server.seen[0].body
    assert body == {
        "name": "a",
        "prompt": {"text": "You are helpful.", "temperature": 0.3},
        "hints": ["SignalWire"],
    }


def test_calling_commands_fill_control_id(server: SpecServer) -> None:
    client = make(server)
    client.calling.play(call_id=AGENT, play=[{"type": "tts", "params": {"text": "hello"}}])
    client.calling.play(
        call_id=AGENT, play=[{"type": "silence", "params": {"duration": 1}}], control_id="mine"
    )
    first, second = (s.body for s in server.seen)
    assert first["command"] == "calling.play" and first["id"] == AGENT
    assert str(uuid.UUID(first["params"]["control_id"])) == first["params"]["control_id"]
    assert second["params"]["control_id"] == "mine"
    assert not server.errors, server.errors


def test_dial_by_swml_uses_swml_models(server: SpecServer) -> None:
    doc: CallingSwmlDict = {"version": "1.0.0", "sections": {"main": [{"answer": {}}, {"hangup": {}}]}}
    call = make(server).calling.dial(from_="+15551230000", to="+15551231111", swml=doc)
    assert call.to_dict()
    assert server.seen[0].body["params"]["swml"] == doc
    assert server.seen[0].body["params"]["from"] == "+15551230000"
    assert not server.errors, server.errors


# --- raw response, options, laziness -------------------------------------------------------------


def test_last_response_and_with_options(server: SpecServer) -> None:
    client = make(server)
    client.phone_numbers.get(AGENT)
    assert client.last_response is not None and client.last_response.status_code == 200
    quick = client.with_options(timeout=0.3, max_retries=0)
    assert quick._transport._http is client._transport._http
    server.script.append(Scripted(200, {}, delay=1.0))
    with pytest.raises(APITimeoutError):
        quick.phone_numbers.get(AGENT)


def test_importing_rest_loads_no_namespace() -> None:
    code = (
        "import sys; from signalwire_typed.rest import RestClient\n"
        "c = RestClient(project='p', token='t', space='s')\n"
        "print(sorted(m for m in sys.modules if m.startswith('signalwire_typed_gen.rest.')))\n"
        "c.fabric\n"
        "print(sorted(m for m in sys.modules if m.startswith('signalwire_typed_gen.rest.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    before, after = out.stdout.splitlines()
    assert before == "['signalwire_typed_gen.rest._root', 'signalwire_typed_gen.rest._rt']"
    assert "signalwire_typed_gen.rest.fabric.facade" in after
    assert "relay_rest" not in after and "calling" not in after


def test_async_retries_and_errors(server: SpecServer) -> None:
    server.script += [
        Scripted(503, {"error": "busy"}, {"Retry-After": "0"}),
        Scripted(404, {"error": "Not Found"}),
    ]

    async def run() -> None:
        async with async_client(server, max_retries=2) as client:
            with pytest.raises(NotFoundError):
                await client.fabric.ai_agents.get(AGENT)
            assert client.last_response is not None and client.last_response.status_code == 404
            agent = await client.fabric.ai_agents.get(AGENT)
            assert agent.id
            server.script.append(Scripted(200, {}, delay=1.0))
            with pytest.raises(APITimeoutError):
                await client.with_options(timeout=0.3, max_retries=0).phone_numbers.get(AGENT)

    asyncio.run(asyncio.wait_for(run(), 20))
    assert len(server.seen) == 4


def test_form_bodies_are_url_encoded(server: SpecServer) -> None:
    # No operation of today's specs takes a form body; the transport path is checked on its own.
    client = make(server, max_retries=0)
    with pytest.raises(ValidationError):  # the JSON endpoint refuses it, after recording it
        client._transport.request(
            "POST",
            "/api/fabric/resources/ai_agents",
            form={"Name": "a", "On": True, "N": 3, "Tags": ["x", "y"]},
        )
    assert server.seen[0].body == {"Name": "a", "On": "true", "N": "3", "Tags": "x"}
    server.errors.clear()


def test_rest_models_and_typeddicts_mix_in_one_argument(server: SpecServer) -> None:
    from signalwire_typed_gen.rest.calling.models.calling_play_tts import CallingPlayTts
    from signalwire_typed_gen.rest.calling.models.calling_play_tts_params import CallingPlayTtsParams

    tts = CallingPlayTts(params=CallingPlayTtsParams(text="hello", gender="female"), type_="tts")
    silence: CallingPlaySilenceDict = {"type": "silence", "params": {"duration": 0.5}}
    make(server).calling.play(call_id=AGENT, play=[tts, silence], control_id="c1")
    assert server.seen[0].body["params"]["play"] == [
        {"type": "tts", "params": {"text": "hello", "gender": "female"}},
        {"type": "silence", "params": {"duration": 0.5}},
    ]
    assert not server.errors, server.errors
