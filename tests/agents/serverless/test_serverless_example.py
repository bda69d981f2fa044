"""examples/agents/serverless_agent.py: each of its entry points answers SWML and a tool call."""

from __future__ import annotations

import asyncio
import base64
import copy
import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import azure.functions as func
import pytest

from ..conftest import function_url

ROOT = Path(__file__).resolve().parents[3]
AUTH = "Basic " + base64.b64encode(b"demo:demo-password").decode()


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    return importlib.import_module("agents.serverless_agent")


def _tool_body() -> bytes:
    args = {"prescription": "RX-1"}
    return json.dumps(
        {"function": "prescription_status", "argument": {"parsed": [args]}, "call_id": "c-1"}
    ).encode()


def test_lambda_entry_point(example: ModuleType) -> None:
    template: dict[str, Any] = json.loads(
        (Path(__file__).parent / "events" / "function_url.json").read_text()
    )

    def invoke(path: str, query: str, body: bytes) -> dict[str, Any]:
        event = copy.deepcopy(template)
        event.update(rawPath=path, rawQueryString=query, body=base64.b64encode(body).decode())
        event["requestContext"]["http"]["path"] = path
        event["headers"]["authorization"] = AUTH
        result: dict[str, Any] = example.handler(event, None)
        assert result["statusCode"] == 200, result
        answer: dict[str, Any] = json.loads(result["body"])
        return answer

    url = urlsplit(function_url(invoke("/pharmacy", "", b'{"call_id":"c-1"}'), "prescription_status"))
    assert invoke(url.path, url.query, _tool_body()) == {
        "response": "Prescription RX-1 is ready at the front desk."
    }


def test_azure_entry_point(example: ModuleType) -> None:
    def invoke(path: str, query: str, body: bytes) -> dict[str, Any]:
        url = f"https://pharmacy.azurewebsites.net{path}" + (f"?{query}" if query else "")
        request = func.HttpRequest(method="POST", url=url, headers={"Authorization": AUTH}, body=body)
        response = asyncio.run(example.azure_main(request))
        assert response.status_code == 200, response.get_body()
        answer: dict[str, Any] = json.loads(response.get_body())
        return answer

    url = urlsplit(function_url(invoke("/api/pharmacy", "", b'{"call_id":"c-1"}'), "prescription_status"))
    assert url.path == "/api/pharmacy/swaig"
    assert invoke(url.path, url.query, _tool_body())["response"].startswith("Prescription RX-1")


def test_gcf_entry_point(example: ModuleType) -> None:
    import flask

    app = flask.Flask("gcf")
    headers = {"Authorization": AUTH, "Content-Type": "application/json"}
    with app.test_request_context("/pharmacy", method="POST", data=b'{"call_id":"c-1"}', headers=headers):
        body, status, _ = example.main(flask.request)
    assert status == 200
    url = urlsplit(function_url(json.loads(body), "prescription_status"))
    path = f"{url.path}?{url.query}"
    with app.test_request_context(path, method="POST", data=_tool_body(), headers=headers):
        body, status, _ = example.main(flask.request)
    assert (status, json.loads(body)["response"]) == (200, "Prescription RX-1 is ready at the front desk.")
