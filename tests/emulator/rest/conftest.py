"""The emulator's REST side under test: a running emulator, our REST clients pointed at it, and a
check of every answer against our bundled OpenAPI specs with openapi-core."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from signalwire_typed.emulator import Emulator, Timing
from signalwire_typed.rest import AsyncRestClient, RestClient
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response

from tests.rest.spec_data import full_bundle

PROJECT, TOKEN = "proj-emu", "tok-emu-secret"
_STEMS = {"/api/relay/rest/": "relay_rest", "/api/fabric/": "fabric", "/api/calling/": "calling"}


class SpecChecker:
    """Validates each REST answer (and notes each request) against the spec of its path family."""

    def __init__(self) -> None:
        self.apis = {stem: OpenAPI.from_dict(full_bundle(stem)) for stem in _STEMS.values()}
        self.checked = 0
        self.problems: list[str] = []
        # Statuses a test provokes on purpose where the spec declares none for the operation
        # (bad query parameters: most operations declare no 400); anything else must validate.
        self.undeclared: set[int] = set()

    def check(self, response: httpx.Response) -> None:
        request = response.request
        stem = next((s for prefix, s in _STEMS.items() if request.url.path.startswith(prefix)), None)
        if stem is None:
            return
        wz_request = EnvironBuilder(
            method=request.method,
            path=request.url.path,
            query_string=request.url.query.decode(),
            headers=dict(request.headers),
            data=request.content,
        ).get_request()
        wz_response = Response(
            response.content,
            status=response.status_code,
            headers={k: v for k, v in response.headers.items() if k.lower() != "content-length"},
        )
        errors = self.apis[stem].iter_response_errors(
            WerkzeugOpenAPIRequest(wz_request), WerkzeugOpenAPIResponse(wz_response)
        )
        self.problems += [
            f"{request.method} {request.url.path} -> {response.status_code}: {e}"
            for e in errors
            if not (response.status_code in self.undeclared and "Unknown response http status" in str(e))
        ]
        self.checked += 1


@pytest.fixture(scope="session")
def spec_checker_apis() -> SpecChecker:
    return SpecChecker()


@pytest.fixture()
def checker(spec_checker_apis: SpecChecker) -> Iterator[SpecChecker]:
    spec_checker_apis.problems.clear()
    spec_checker_apis.checked = 0
    spec_checker_apis.undeclared.clear()
    yield spec_checker_apis
    assert spec_checker_apis.checked > 0, "no REST answer was checked"
    assert spec_checker_apis.problems == [], spec_checker_apis.problems


@pytest.fixture()
def emulator() -> Iterator[Emulator]:
    with Emulator(project=PROJECT, token=TOKEN, timing=Timing(time_scale=0.01)) as emu:
        yield emu


def _hooks(checker: SpecChecker) -> dict[str, list[object]]:
    def on_response(response: httpx.Response) -> None:
        response.read()
        checker.check(response)

    return {"response": [on_response]}


def checked_http(emulator: Emulator, checker: SpecChecker, auth: tuple[str, str] | None) -> httpx.Client:
    """A plain httpx client whose answers are validated too (for requests our client refuses to send)."""
    return httpx.Client(
        base_url=emulator.http_url,
        auth=auth,
        timeout=5,
        event_hooks=_hooks(checker),  # type: ignore[arg-type]
    )


@pytest.fixture()
def rest(emulator: Emulator, checker: SpecChecker) -> Iterator[RestClient]:
    def on_response(response: httpx.Response) -> None:
        response.read()
        checker.check(response)

    with RestClient(
        project=PROJECT,
        token=TOKEN,
        base_url=emulator.http_url,
        timeout=5,
        max_retries=0,
        response_hooks=[on_response],
    ) as c:
        yield c


def async_rest(emulator: Emulator, checker: SpecChecker) -> AsyncRestClient:
    async def on_response(response: httpx.Response) -> None:
        await response.aread()
        checker.check(response)

    return AsyncRestClient(
        project=PROJECT,
        token=TOKEN,
        base_url=emulator.http_url,
        timeout=5,
        max_retries=0,
        response_hooks=[on_response],
    )
