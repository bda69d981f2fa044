"""A real HTTP server on 127.0.0.1 that checks each request against our specs with openapi-core
and answers spec-valid data; tests script special answers (errors, delays, paging)."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from .spec_data import Synth, full_bundle, spec_stems

Json = Any
PROJECT, TOKEN = "proj-test", "tok-secret-123"


@dataclass
class Scripted:
    status: int
    body: Json = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Route:
    stem: str
    method: str
    pattern: re.Pattern[str]
    op: dict[str, Json]


@dataclass
class Seen:
    method: str
    path: str
    query: str
    body: Json
    operation_id: str


class SpecServer:
    """One WSGI app for every namespace; ``seen`` lists what arrived, ``errors`` what did not validate."""

    def __init__(self) -> None:
        self.apis: dict[str, OpenAPI] = {}
        self.synth: dict[str, Synth] = {}
        self.routes: list[Route] = []
        for stem in spec_stems():
            doc = full_bundle(stem)
            self.apis[stem] = OpenAPI.from_dict(doc)
            self.synth[stem] = Synth(doc)
            for path, item in doc["paths"].items():
                regex = "^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"
                for method, op in item.items():
                    if isinstance(op, dict) and "operationId" in op:
                        self.routes.append(Route(stem, method.upper(), re.compile(regex), op))
        # Literal paths first, so /phone_numbers/search wins over /phone_numbers/{id}.
        self.routes.sort(key=lambda r: r.pattern.pattern.count("[^/]+"))
        self.seen: list[Seen] = []
        self.errors: list[str] = []
        self.script: list[Scripted] = []
        self.pages = 1  # list answers carry links.next until this many pages were served
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.seen.clear()
            self.errors.clear()
            self.script.clear()
            self.pages = 1

    def route(self, method: str, path: str) -> Route | None:
        for r in self.routes:
            if r.method == method and r.pattern.match(path):
                return r
        return None

    def app(self, environ: dict[str, Json], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        response = self._handle(request)
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        import base64

        expected = "Basic " + base64.b64encode(f"{PROJECT}:{TOKEN}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return _json(401, {"error": "Unauthorized"})
        route = self.route(request.method, request.path)
        if route is None:
            self.errors.append(f"no operation for {request.method} {request.path}")
            return _json(404, {"error": "Not Found"})
        raw = request.get_data()
        ctype = request.headers.get("Content-Type", "")
        body: Json = None
        if raw and "json" in ctype:
            body = json.loads(raw)
        elif raw:
            body = dict(request.form)
        with self._lock:
            self.seen.append(
                Seen(
                    request.method, request.path, request.query_string.decode(), body, route.op["operationId"]
                )
            )
            scripted = self.script.pop(0) if self.script else None
        api = self.apis[route.stem]
        problems = [str(e) for e in api.iter_request_errors(WerkzeugOpenAPIRequest(request))]
        if problems:
            self.errors.append(f"{route.op['operationId']}: request invalid: {problems}")
            return _json(
                422,
                {
                    "errors": [
                        {
                            "type": "validation_error",
                            "code": "invalid",
                            "message": problems[0][:200],
                            "url": "https://example.com/e",
                        }
                    ]
                },
            )
        if scripted is not None:
            if scripted.delay:
                time.sleep(scripted.delay)
            return _json(scripted.status, scripted.body, scripted.headers)
        status, answer = self._answer(route, request)
        response = _text(status, answer) if isinstance(answer, str) else _json(status, answer)
        wrapped = WerkzeugOpenAPIResponse(response)
        bad = [str(e) for e in api.iter_response_errors(WerkzeugOpenAPIRequest(request), wrapped)]
        if bad:
            self.errors.append(f"{route.op['operationId']}: our own answer is invalid: {bad}")
        return response

    def _answer(self, route: Route, request: Request) -> tuple[int, Json]:
        responses = route.op.get("responses", {})
        text = self._text_answer(route, request)
        if text is not None:
            return 200, text
        for status in ("200", "201", "202", "204"):
            if status not in responses:
                continue
            resp = responses[status]
            if "$ref" in resp:
                resp = full_bundle(route.stem)["components"]["responses"][resp["$ref"].rsplit("/", 1)[-1]]
            schema = (resp.get("content") or {}).get("application/json", {}).get("schema")
            if schema is None:
                return int(status), None
            data = self.synth[route.stem].value(schema)
            if isinstance(data, dict) and isinstance(data.get("links"), dict):
                page = int(request.args.get("page_number", "0"))
                base = f"http://127.0.0.1:{self.port}{request.path}"
                data["links"] = {"self": f"{base}?page_number={page}", "first": f"{base}?page_number=0"}
                if page + 1 < self.pages:
                    data["links"]["next"] = f"{base}?page_number={page + 1}&page_token=tok{page + 1}"
                if isinstance(data.get("data"), list) and data["data"] and isinstance(data["data"][0], dict):
                    data["data"][0] = {**data["data"][0]}
            return int(status), data
        return 500, {"error": "no success answer in the spec"}

    def _text_answer(self, route: Route, request: Request) -> str | None:
        """A text line, as the platform sends it, for a command listed in ``x-text-answers``."""
        names = route.op.get("x-text-answers") or []
        if not names or "json" not in request.headers.get("Content-Type", ""):
            return None
        command = json.loads(request.get_data() or b"{}").get("command")
        schemas = full_bundle(route.stem)["components"]["schemas"]
        for name in names:
            wanted = schemas[route.op["x-commands"][name]]["properties"]["command"]
            if command in wanted.get("enum", [wanted.get("const")]):
                return "+OK polls=3 pokes=1 asks=0"
        return None


def _text(status: int, body: str) -> Response:
    return Response(body, status=status, content_type="text/plain; charset=utf-8")


def _json(status: int, body: Json, headers: dict[str, str] | None = None) -> Response:
    if body is None:
        return Response(status=status, headers=headers or {})
    return Response(json.dumps(body), status=status, headers=headers or {}, content_type="application/json")
