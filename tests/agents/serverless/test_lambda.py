"""AWS Lambda through Mangum: API Gateway REST (v1) and HTTP (v2) events, and Function URL events."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from signalwire_typed.agents.serverless import lambda_handler

from .bank_agent import KEY, Invoke, build, check_signatures, check_swml_and_tool

EVENTS = Path(__file__).parent / "events"


class LambdaContext:
    function_name = "bank"
    memory_limit_in_mb = 128
    aws_request_id = "req-1"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def _load(name: str) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((EVENTS / name).read_text())
    return event


def _response(result: dict[str, Any]) -> tuple[int, bytes]:
    body = result["body"]
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return int(result["statusCode"]), raw


def rest_v1(signing_key: str | None = None) -> Invoke:
    handler = lambda_handler(build(signing_key))
    template = _load("apigw_rest_v1.json")

    def invoke(method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        event = copy.deepcopy(template)
        stage_path = path.removeprefix("/prod")
        pairs = parse_qsl(query, keep_blank_values=True)
        event.update(
            path=stage_path,
            httpMethod=method,
            body=body.decode() if body else None,
            queryStringParameters=dict(pairs) or None,
            multiValueQueryStringParameters={k: [v] for k, v in pairs} or None,
            pathParameters={"proxy": stage_path.lstrip("/")},
        )
        event["headers"].update(headers)
        event["multiValueHeaders"].update({k: [v] for k, v in headers.items()})
        event["requestContext"].update(path=path, httpMethod=method)
        return _response(handler(event, LambdaContext()))

    return invoke


def http_v2(name: str, signing_key: str | None = None) -> Invoke:
    handler = lambda_handler(build(signing_key))
    template = _load(name)

    def invoke(method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        event = copy.deepcopy(template)
        event.update(rawPath=path, rawQueryString=query)
        if event["isBase64Encoded"]:
            event["body"] = base64.b64encode(body).decode()
        else:
            event["body"] = body.decode() if body else None
        event["headers"].update({k.lower(): v for k, v in headers.items()})
        event["requestContext"]["http"].update(method=method, path=path)
        return _response(handler(event, LambdaContext()))

    return invoke


V1_BASE = "https://r4nd0m1d.execute-api.us-east-1.amazonaws.com/prod"
V2_BASE = "https://h77pap1d.execute-api.eu-west-1.amazonaws.com"
URL_BASE = "https://abcdefg2hijklmnop3q4rstu5vw.lambda-url.us-west-2.on.aws"


def test_api_gateway_rest_v1_keeps_the_stage_in_public_urls() -> None:
    check_swml_and_tool(rest_v1(), V1_BASE)


def test_api_gateway_http_v2() -> None:
    check_swml_and_tool(http_v2("apigw_http_v2.json"), V2_BASE)


def test_function_url_with_base64_bodies() -> None:
    check_swml_and_tool(http_v2("function_url.json"), URL_BASE)


def test_http_v2_named_stage() -> None:
    template = _load("apigw_http_v2.json")
    template["requestContext"]["stage"] = "live"
    handler = lambda_handler(build())
    event = copy.deepcopy(template)
    event.update(rawPath="/live/bank")
    event["headers"].update({"authorization": "Basic dXNlcjpwYXNz"})
    event["requestContext"]["http"]["path"] = "/live/bank"
    status, body = _response(handler(event, LambdaContext()))
    assert status == 200
    assert f"{V2_BASE.replace('https://', 'https://user:pass@')}/live/bank/swaig" in body.decode()


@pytest.mark.parametrize(
    ("factory", "base"),
    [
        (lambda: rest_v1(KEY), V1_BASE),
        (lambda: http_v2("apigw_http_v2.json", KEY), V2_BASE),
        (lambda: http_v2("function_url.json", KEY), URL_BASE),
    ],
)
def test_signatures_cover_the_public_url(factory: Any, base: str) -> None:
    check_signatures(factory(), base)


def test_a_missing_extra_is_named() -> None:
    from signalwire_typed.agents.serverless.target import require

    with pytest.raises(ImportError, match=r"signalwire-typed\[nope\]"):
        require("no_such_module_here", "nope")


def test_an_agent_server_is_served_too() -> None:
    from signalwire_typed.agents import AgentServer

    from .bank_agent import Bank, basic

    server = AgentServer()
    server.register(Bank("east", route="/east", basic_auth=("user", "pass")))
    server.register(Bank("west", route="/west", basic_auth=("user", "pass")))
    handler = lambda_handler(server)
    template = _load("function_url.json")
    for route in ("/east", "/west"):
        event = copy.deepcopy(template)
        event.update(rawPath=route, body=base64.b64encode(b"{}").decode())
        event["requestContext"]["http"]["path"] = route
        event["headers"].update({k.lower(): v for k, v in basic().items()})
        status, body = _response(handler(event, LambdaContext()))
        assert status == 200
        assert f"{route}/swaig" in body.decode()


def test_instances_sharing_a_token_secret_accept_each_others_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    from .bank_agent import Bank

    first = Bank("a", basic_auth=("u", "p"), token_secret="shared")
    token = first.signer.create("call-1", "balance")
    assert (
        Bank("b", basic_auth=("u", "p"), token_secret="shared").signer.check(token, "call-1", "balance")
        is None
    )
    assert Bank("c", basic_auth=("u", "p")).signer.check(token, "call-1", "balance") is not None
    monkeypatch.setenv("SWML_TOKEN_SECRET", "shared")
    assert Bank("d", basic_auth=("u", "p")).signer.check(token, "call-1", "balance") is None


def test_wrong_targets_and_modes_are_named() -> None:
    from signalwire_typed.agents.serverless import gcf_handler
    from signalwire_typed.agents.serverless.simulate import simulator

    with pytest.raises(TypeError, match="serves an AgentBase or AgentServer, not dict"):
        gcf_handler({"not": "an agent"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown serverless mode 'heroku'"):
        simulator("heroku", build())  # type: ignore[arg-type]
