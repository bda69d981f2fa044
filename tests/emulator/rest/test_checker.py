"""The response check the other tests rely on does refuse answers that break the spec."""

from __future__ import annotations

import httpx

from .conftest import SpecChecker

_ID = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"


def test_the_checker_refuses_answers_that_break_the_spec(spec_checker_apis: SpecChecker) -> None:
    checker = SpecChecker.__new__(SpecChecker)
    checker.apis, checker.checked, checker.problems, checker.undeclared = spec_checker_apis.apis, 0, [], set()
    number = httpx.Request("GET", f"http://127.0.0.1:1/api/relay/rest/phone_numbers/{_ID}")
    checker.check(httpx.Response(200, json={"id": _ID}, request=number))
    agent = httpx.Request("GET", f"http://127.0.0.1:1/api/fabric/resources/ai_agents/{_ID}")
    envelope = {
        "id": _ID,
        "project_id": _ID,
        "display_name": "x",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "type": "ai_agent",
    }
    checker.check(httpx.Response(200, json={**envelope, "ai_agent": {"prompt": {"text": 5}}}, request=agent))
    checker.check(httpx.Response(418, json={"error": "teapot"}, request=agent))
    checker.check(
        httpx.Response(200, json={**envelope, "ai_agent": {"prompt": {"text": "hi"}}}, request=agent)
    )
    assert checker.checked == 4
    assert len(checker.problems) == 3, checker.problems
    assert "'number' is a required property" in checker.problems[0]
    assert "Unknown response http status: 418" in checker.problems[2]
