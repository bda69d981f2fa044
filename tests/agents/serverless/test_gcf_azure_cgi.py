"""Google Cloud Functions (the real functions-framework app), Azure Functions (azure.functions
HttpRequest through AsgiMiddleware) and CGI (a real child process, environment and stdin)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import azure.functions as func
import pytest
from signalwire_typed.agents.serverless import azure_handler, run_cgi

from .bank_agent import KEY, Invoke, build, check_signatures, check_swml_and_tool

ROOT = Path(__file__).resolve().parents[3]


# --- Google Cloud Functions --------------------------------------------------------------------


def gcf(monkeypatch: pytest.MonkeyPatch, signing_key: str | None = None) -> Invoke:
    import functions_framework

    monkeypatch.setenv("BANK_SIGNING_KEY", signing_key or "")
    app = functions_framework.create_app(target="main", source=str(Path(__file__).parent / "gcf_main.py"))
    client = app.test_client()

    def invoke(method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        sent = {"Host": "bank-7x2k.a.run.app", "X-Forwarded-Proto": "https", **headers}
        response = client.open(path, method=method, query_string=query, data=body, headers=sent)
        return response.status_code, response.get_data()

    return invoke


def test_gcf(monkeypatch: pytest.MonkeyPatch) -> None:
    check_swml_and_tool(gcf(monkeypatch), "https://bank-7x2k.a.run.app")


def test_gcf_signatures(monkeypatch: pytest.MonkeyPatch) -> None:
    check_signatures(gcf(monkeypatch, KEY), "https://bank-7x2k.a.run.app")


# --- Azure Functions ---------------------------------------------------------------------------

AZURE_BASE = "https://bank-fn.azurewebsites.net/api"


def azure(signing_key: str | None = None) -> Invoke:
    main = azure_handler(build(signing_key))

    def invoke(method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        url = f"https://bank-fn.azurewebsites.net{path}" + (f"?{query}" if query else "")
        request = func.HttpRequest(
            method=method,
            url=url,
            headers={"Host": "bank-fn.azurewebsites.net", **headers},
            params={},
            route_params={"path": path.removeprefix("/api/")},
            body=body,
        )
        response = asyncio.run(main(request, None))
        return response.status_code, response.get_body()

    return invoke


def test_azure() -> None:
    check_swml_and_tool(azure(), AZURE_BASE)


def test_azure_signatures() -> None:
    check_signatures(azure(KEY), AZURE_BASE)


# --- CGI ---------------------------------------------------------------------------------------

CGI_SCRIPT = """
import os
from tests.agents.serverless.bank_agent import build
build(os.environ.get("BANK_SIGNING_KEY") or None).run()  # under CGI, run() answers the request
"""


def _parse_cgi(output: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = output.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("Status: "), output[:200]
    pairs = (line.split(": ", 1) for line in lines[1:])
    headers = {name.lower(): value for name, value in pairs}
    assert int(headers["content-length"]) == len(body)
    return int(lines[0].split()[1]), headers, body


def cgi(signing_key: str | None = None) -> Invoke:
    def invoke(method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        script = "/cgi-bin/bank.py"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]),
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": script,
            "PATH_INFO": path.removeprefix(script),
            "QUERY_STRING": query,
            "REQUEST_URI": path + (f"?{query}" if query else ""),
            "SERVER_NAME": "voice.example.org",
            "SERVER_PORT": "443",
            "HTTPS": "on",
            "HTTP_HOST": "voice.example.org",
            "CONTENT_LENGTH": str(len(body)),
            "BANK_SIGNING_KEY": signing_key or "",
            # One process per request: the SWML's tokens must validate in the next process.
            "SWML_TOKEN_SECRET": "cgi-token-secret",
        }
        for name, value in headers.items():
            key = name.upper().replace("-", "_")
            env[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
        done = subprocess.run(
            [sys.executable, "-c", CGI_SCRIPT],
            input=body,
            env=env,
            capture_output=True,
            timeout=20,
            check=True,
        )
        status, headers_out, answer = _parse_cgi(done.stdout)
        assert headers_out["content-type"] == "application/json"
        return status, answer

    return invoke


def test_cgi() -> None:
    check_swml_and_tool(cgi(), "https://voice.example.org/cgi-bin/bank.py")


def test_cgi_signatures() -> None:
    check_signatures(cgi(KEY), "https://voice.example.org/cgi-bin/bank.py")


def test_cgi_refuses_a_bad_or_oversized_length() -> None:
    import io

    out = io.BytesIO()
    env = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "12abc", "PATH_INFO": "/bank"}
    assert run_cgi(build(), environ=env, stdin=io.BytesIO(b""), stdout=out) == 400
    assert b"bad CONTENT_LENGTH" in out.getvalue()
    out = io.BytesIO()
    env["CONTENT_LENGTH"] = "100"
    assert run_cgi(build(), environ=env, stdin=io.BytesIO(b"x" * 100), stdout=out, max_body_bytes=10) == 413
