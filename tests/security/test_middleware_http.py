"""SignatureMiddleware and agents with ``signing_key=``, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from signalwire_typed.agents import AgentBase, FunctionResult
from signalwire_typed.security import SignatureMiddleware, json_signature

from .conftest import LiveServer, call_url, function_url

KEY = "PSK_middleware_key"
AUTH = ("user", "pass")


async def echo_app(scope: Any, receive: Any, send: Any) -> None:
    """Answers with the body it received, so a test sees the middleware handed it on intact."""
    if scope["type"] != "http":
        return
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"got:" + body})


def _signed(url: str, body: bytes, key: str = KEY) -> dict[str, str]:
    return {"X-SignalWire-Signature": json_signature(key, url, body), "Content-Type": "application/json"}


@pytest.fixture
def guarded(serve: Callable[[Any], LiveServer]) -> LiveServer:
    return serve(SignatureMiddleware(echo_app, signing_key=KEY))


def test_signed_request_reaches_the_app_with_its_body(guarded: LiveServer, client: httpx.Client) -> None:
    body = b'{"event":"call.state","n":1}'
    url = f"{guarded.url}/hooks/call?x=1&y=%20"
    response = client.post(url, content=body, headers=_signed(url, body))
    assert response.status_code == 200
    assert response.content == b"got:" + body


def test_form_webhook_is_accepted(guarded: LiveServer, client: httpx.Client) -> None:
    from signalwire_typed.security import form_signature

    form = {"CallSid": "CA1", "From": "+15550001111", "To": "+15550002222"}
    url = f"{guarded.url}/laml"
    response = client.post(url, data=form, headers={"X-Twilio-Signature": form_signature(KEY, url, form)})
    assert response.status_code == 200
    assert response.content.startswith(b"got:")


@pytest.mark.parametrize("case", ["tampered", "other-url", "missing", "wrong-key"])
def test_forged_requests_get_401(guarded: LiveServer, client: httpx.Client, case: str) -> None:
    body = b'{"amount":10}'
    url = f"{guarded.url}/pay"
    headers = _signed(url, body)
    target, sent = url, body
    if case == "tampered":
        sent = b'{"amount":99}'
    elif case == "other-url":
        target = f"{guarded.url}/refund"
    elif case == "missing":
        headers.pop("X-SignalWire-Signature")
    else:
        headers = _signed(url, body, key="not the key")
    response = client.post(target, content=sent, headers=headers)
    assert response.status_code == 401
    expected = "is missing" if case == "missing" else "does not match"
    assert expected in response.json()["error"]


def test_health_is_exempt(guarded: LiveServer, client: httpx.Client) -> None:
    assert client.get(f"{guarded.url}/health").status_code == 200


def test_proxy_headers_are_used_only_when_trusted(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    trusting = serve(SignatureMiddleware(echo_app, signing_key=KEY, trust_proxy=True))
    distrusting = serve(SignatureMiddleware(echo_app, signing_key=KEY))
    body = b'{"a":1}'
    public = "https://public.example.com/hook?q=1"
    proxy_headers = {"X-Forwarded-Host": "public.example.com", "X-Forwarded-Proto": "https"}
    headers = {**_signed(public, body), **proxy_headers}
    assert client.post(f"{trusting.url}/hook?q=1", content=body, headers=headers).status_code == 200
    # Without trust, the forwarded headers are ignored: the URL is the one the server saw.
    assert client.post(f"{distrusting.url}/hook?q=1", content=body, headers=headers).status_code == 401
    # And a client cannot point a trusting server at a URL it signed elsewhere with a forged header.
    forged = {**_signed(public, body), "X-Forwarded-Host": "evil.example.com", "X-Forwarded-Proto": "https"}
    assert client.post(f"{trusting.url}/hook?q=1", content=body, headers=forged).status_code == 401


def test_oversized_body_is_refused(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    small = serve(SignatureMiddleware(echo_app, signing_key=KEY, max_body_bytes=10))
    response = client.post(
        f"{small.url}/x", content=b"y" * 100, headers=_signed(f"{small.url}/x", b"y" * 100)
    )
    assert response.status_code == 413


# --- agents ------------------------------------------------------------------------------------


class Bank(AgentBase):
    @AgentBase.tool(description="Get the balance of an account")
    def balance(self, account: str) -> FunctionResult:
        return FunctionResult(f"Account {account} holds 42 dollars")


def _post(
    client: httpx.Client, url: str, data: dict[str, Any], auth: tuple[str, str], key: str = KEY
) -> httpx.Response:
    body = json.dumps(data).encode()
    return client.post(url, content=body, headers=_signed(url, body, key), auth=auth)


def test_agent_with_signing_key_checks_swml_and_tool_calls(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    agent = Bank("bank", route="/bank", basic_auth=AUTH, signing_key=KEY)
    server = serve(agent.asgi_app)
    swml_url = f"{server.url}/bank"
    unsigned = client.post(swml_url, json={"call_id": "c-1"}, auth=AUTH)
    assert unsigned.status_code == 401
    response = _post(client, swml_url, {"call_id": "c-1"}, AUTH)
    assert response.status_code == 200
    plain, creds = call_url(function_url(response.json(), "balance"))
    call = {"function": "balance", "argument": {"parsed": [{"account": "A-7"}]}, "call_id": "c-1"}
    answer = _post(client, plain, call, creds)
    assert answer.status_code == 200
    assert answer.json()["response"] == "Account A-7 holds 42 dollars"
    # The same signed body replayed to the SWML URL, or with a changed argument, is refused.
    body = json.dumps(call).encode()
    replay = client.post(swml_url, content=body, headers=_signed(plain, body), auth=creds)
    assert replay.status_code == 401
    tampered = body.replace(b"A-7", b"A-8")
    assert client.post(plain, content=tampered, headers=_signed(plain, body), auth=creds).status_code == 401
    # Basic auth still applies: a valid signature does not replace the credentials.
    assert _post(client, swml_url, {"call_id": "c-1"}, ("user", "wrong")).status_code == 401
    assert client.get(f"{server.url}/bank/health").status_code == 200


def test_agent_reads_the_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    monkeypatch.setenv("SIGNALWIRE_SIGNING_KEY", "env-key")
    agent = Bank("bank", route="/bank", basic_auth=AUTH)
    assert agent.signature_guard is not None
    server = serve(agent.asgi_app)
    url = f"{server.url}/bank"
    assert _post(client, url, {}, AUTH, key="env-key").status_code == 200
    assert _post(client, url, {}, AUTH, key=KEY).status_code == 401


def test_agent_behind_a_proxy(serve: Callable[[Any], LiveServer], client: httpx.Client) -> None:
    fixed = Bank("bank", route="/bank", basic_auth=AUTH, signing_key=KEY)
    fixed.manual_set_proxy_url("https://voice.example.com/app")
    trusting = Bank("bank", route="/bank", basic_auth=AUTH, signing_key=KEY, trust_proxy_for_signature=True)
    fixed_server, trusting_server = serve(fixed.asgi_app), serve(trusting.asgi_app)
    body = b"{}"
    public = "https://voice.example.com/app/bank"
    # The proxy base is the public URL: a request signed for it is accepted wherever it arrives.
    signed_public = _signed(public, body)
    assert (
        client.post(f"{fixed_server.url}/bank", content=body, headers=signed_public, auth=AUTH).status_code
        == 200
    )
    forwarded = {**_signed("https://voice.example.com/bank", body), "X-Forwarded-Host": "voice.example.com"}
    forwarded["X-Forwarded-Proto"] = "https"
    ok = client.post(f"{trusting_server.url}/bank", content=body, headers=forwarded, auth=AUTH)
    assert ok.status_code == 200
    # The same request at an agent that does not trust proxies is checked against 127.0.0.1.
    distrusting = serve(Bank("bank", route="/bank", basic_auth=AUTH, signing_key=KEY).asgi_app)
    assert (
        client.post(f"{distrusting.url}/bank", content=body, headers=forwarded, auth=AUTH).status_code == 401
    )


def test_sip_routing_checks_the_signature_of_the_agent_it_picks(
    serve: Callable[[Any], LiveServer], client: httpx.Client
) -> None:
    from signalwire_typed.agents import AgentServer

    server = AgentServer()
    server.register(Bank("sales", route="/sales", basic_auth=AUTH, signing_key=KEY))
    server.setup_sip_routing("/sip")
    live = serve(server.asgi_app)
    url = f"{live.url}/sip"
    call = {"call": {"call_id": "c-9", "to": "sip:sales@example.sip.signalwire.com"}}
    assert _post(client, url, call, AUTH).status_code == 200
    assert client.post(url, json=call, auth=AUTH).status_code == 401
    assert _post(client, url, call, AUTH, key="other").status_code == 401
