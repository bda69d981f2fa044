"""Simulated platform requests: run one HTTP request through an entry point as its platform would.

Used by ``signalwire-typed agent call --serverless MODE`` to try a tool on the code path a
deployment takes (event decoding, path prefixes, response encoding) without deploying.
"""

from __future__ import annotations

import asyncio
import base64
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Literal, TypeAlias

import attrs
from signalwire_typed_gen._runtime import JsonObject

from .target import ServerlessTarget, asgi_app_of, call_app_sync, http_scope

__all__ = ["MODES", "Mode", "Simulator", "simulator"]

Mode: TypeAlias = Literal["lambda", "gcf", "azure", "cgi"]
MODES: tuple[Mode, ...] = ("lambda", "gcf", "azure", "cgi")

Invoke: TypeAlias = Callable[[str, str, str, bytes, Mapping[str, str]], tuple[int, bytes]]
"""``invoke(method, path, query, body, headers) -> (status, body)``."""


@attrs.frozen
class Simulator:
    """Sends requests through one entry point; ``prefix`` is the platform's path in front of routes."""

    mode: str
    prefix: str
    host: str
    invoke: Invoke


@attrs.frozen
class _FlaskLikeRequest:
    """The parts of a Flask request the GCF entry point reads."""

    method: str
    path: str
    query_string: bytes
    data: bytes
    header_pairs: tuple[tuple[str, str], ...]
    scheme: str = "https"
    root_path: str = ""

    @property
    def headers(self) -> _Pairs:
        return _Pairs(self.header_pairs)

    def get_data(self) -> bytes:
        return self.data


@attrs.frozen
class _Pairs:
    pairs: tuple[tuple[str, str], ...]

    def items(self) -> Iterable[tuple[str, str]]:
        return iter(self.pairs)


def _lambda(target: ServerlessTarget, host: str) -> Invoke:
    from .aws_lambda import lambda_handler

    handler = lambda_handler(target)

    def invoke(
        method: str, path: str, query: str, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        # A Function URL event (payload format 2.0, as HTTP APIs send too).
        event: JsonObject = {
            "version": "2.0",
            "routeKey": "$default",
            "rawPath": path,
            "rawQueryString": query,
            "headers": {
                "host": host,
                "x-forwarded-proto": "https",
                **{k.lower(): v for k, v in headers.items()},
            },
            "requestContext": {
                "domainName": host,
                "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
                "requestId": "simulated",
                "routeKey": "$default",
                "stage": "$default",
            },
            "body": base64.b64encode(body).decode(),
            "isBase64Encoded": True,
        }
        response = handler(event, None)
        status = response.get("statusCode")
        text = response.get("body")
        raw = text.encode() if isinstance(text, str) else b""
        if response.get("isBase64Encoded") is True:
            raw = base64.b64decode(raw)
        return (status if isinstance(status, int) else 500), raw

    return invoke


def _gcf(target: ServerlessTarget, host: str) -> Invoke:
    from .gcf import gcf_handler

    main = gcf_handler(target)

    def invoke(
        method: str, path: str, query: str, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        pairs = (("Host", host), ("X-Forwarded-Proto", "https"), *headers.items())
        request = _FlaskLikeRequest(method, path, query.encode("latin-1"), body, tuple(pairs))
        data, status, _ = main(request)
        return status, data

    return invoke


def _azure(target: ServerlessTarget, host: str) -> Invoke:
    import azure.functions as func

    from .azure import azure_handler

    main = azure_handler(target)

    def invoke(
        method: str, path: str, query: str, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        url = f"https://{host}{path}" + (f"?{query}" if query else "")
        request = func.HttpRequest(method=method, url=url, headers={"Host": host, **headers}, body=body)

        async def answer() -> func.HttpResponse:
            return await main(request, None)

        response = asyncio.run(answer())
        return response.status_code, response.get_body()

    return invoke


def _cgi(target: ServerlessTarget, host: str) -> Invoke:
    from .cgi import run_cgi

    def invoke(
        method: str, path: str, query: str, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        environ = {
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "HTTPS": "on",
            "HTTP_HOST": host,
            "CONTENT_LENGTH": str(len(body)),
        }
        for name, value in headers.items():
            key = name.upper().replace("-", "_")
            environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
        out = io.BytesIO()
        status = run_cgi(target, environ=environ, stdin=io.BytesIO(body), stdout=out)
        return status, out.getvalue().partition(b"\r\n\r\n")[2]

    return invoke


def _direct(target: ServerlessTarget, host: str) -> Invoke:
    app = asgi_app_of(target)

    def invoke(
        method: str, path: str, query: str, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        sent = {"host": host, **{k.lower(): v for k, v in headers.items()}}
        scope = http_scope(
            method=method,
            scheme="http",
            path=path,
            raw_path=None,
            query_string=query.encode("latin-1"),
            root_path="",
            headers=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in sent.items()],
            server=(host, 80),
        )
        status, _, answer = call_app_sync(app, scope, body)
        return status, answer

    return invoke


def simulator(mode: Mode | None, target: ServerlessTarget, host: str = "agent.example.com") -> Simulator:
    """A simulator for ``mode``, or (None) the ASGI app called directly."""
    if mode is None:
        return Simulator("asgi", "", host, _direct(target, host))
    makers: dict[str, Callable[[ServerlessTarget, str], Invoke]] = {
        "lambda": _lambda,
        "gcf": _gcf,
        "azure": _azure,
        "cgi": _cgi,
    }
    maker = makers.get(mode)
    if maker is None:
        raise ValueError(f"unknown serverless mode {mode!r}; choose one of {', '.join(MODES)}")
    return Simulator(mode, "/api" if mode == "azure" else "", host, maker(target, host))
