"""Phone numbers on the emulator: search, buy, list with paging, get, update, release; auth and errors."""

from __future__ import annotations

import httpx
import pytest
from signalwire_typed.emulator import Emulator
from signalwire_typed.rest import (
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    RestClient,
    ValidationError,
)

from .conftest import PROJECT, TOKEN, SpecChecker, checked_http


def test_search_then_buy_then_list_get_update_release(rest: RestClient) -> None:
    found = list(rest.phone_numbers.search(areacode="512", max_results=3))
    assert len(found) == 3 and all(n.number.startswith("+1512") for n in found)
    assert found[0].capabilities is not None and found[0].capabilities.voice is True
    bought = rest.phone_numbers.create(number=found[0].number)
    assert bought.number == found[0].number and bought.number_type == "longcode"
    assert bought.call_handler is None and bought.name is None
    # A bought number is no longer offered.
    assert bought.number not in [n.number for n in rest.phone_numbers.search(areacode="512")]
    assert [n.id for n in rest.phone_numbers.list()] == [bought.id]
    assert rest.phone_numbers.get(bought.id).number == bought.number
    changed = rest.phone_numbers.update(bought.id, name="front desk", call_relay_context="office")
    assert (changed.name, changed.call_handler, changed.call_relay_context) == (
        "front desk",
        "relay_context",
        "office",
    )
    assert [n.number for n in rest.phone_numbers.list(filter_name="front")] == [bought.number]
    assert list(rest.phone_numbers.list(filter_name="nothing")) == []
    rest.phone_numbers.delete(bought.id)
    assert list(rest.phone_numbers.list()) == []
    with pytest.raises(NotFoundError, match=bought.id):
        rest.phone_numbers.get(bought.id)


def test_search_patterns_and_toll_free(rest: RestClient, checker: SpecChecker) -> None:
    assert all(n.number.endswith("4242") for n in rest.phone_numbers.search(ends_with="4242", max_results=5))
    assert all("777" in n.number[2:] for n in rest.phone_numbers.search(contains="777", max_results=5))
    assert all(n.number.startswith("+1415") for n in rest.phone_numbers.search(starts_with="415"))
    toll_free = list(rest.phone_numbers.search(number_type="toll-free", max_results=2))
    assert len(toll_free) == 2 and all(n.number.startswith("+1800") for n in toll_free)
    assert rest.phone_numbers.create(number=toll_free[0].number).number_type == "toll-free"
    checker.undeclared.add(400)  # the search declares no 4xx for bad query parameters
    with pytest.raises(APIStatusError, match="query parameter starts_with must be 3 to 7 digits") as info:
        list(rest.phone_numbers.search(starts_with="12", max_results=5))
    assert info.value.status_code == 400


def test_list_pages_follow_links_next(rest: RestClient) -> None:
    numbers = [n.number for n in rest.phone_numbers.search(areacode="312", max_results=7)]
    for number in numbers:
        rest.phone_numbers.create(number=number)
    pager = rest.phone_numbers.list(page_size=3)
    pages = list(pager.pages())
    assert [len(p.data) for p in pages] == [3, 3, 1]
    assert pages[0].links is not None and pages[0].links.next_ is not None
    assert pages[-1].links is not None and pages[-1].links.next_ is None
    # Newest first, every number once.
    assert [n.number for p in pages for n in p.data] == list(reversed(numbers))


def test_buying_a_number_twice_or_a_bad_one_is_refused(rest: RestClient) -> None:
    number = next(iter(rest.phone_numbers.search(max_results=1))).number
    rest.phone_numbers.create(number=number)
    with pytest.raises(ValidationError, match="already owned") as info:
        rest.phone_numbers.create(number=number)
    assert info.value.errors[0].attribute == "number"
    with pytest.raises(ValidationError, match=r"E\.164"):
        rest.phone_numbers.create(number="12345")


def test_bad_bodies_get_422_naming_the_field(emulator: Emulator, checker: SpecChecker) -> None:
    with checked_http(emulator, checker, (PROJECT, TOKEN)) as http:
        missing = http.post("/api/relay/rest/phone_numbers", json={})
        assert missing.status_code == 422
        error = missing.json()["errors"][0]
        assert error["type"] == "validation_error" and "missing required field number" in error["message"]
        wrong_type = http.post("/api/relay/rest/phone_numbers", json={"number": 5125550123})
        assert wrong_type.status_code == 422
        assert wrong_type.json()["errors"][0]["attribute"] == "number"
        unknown = http.post("/api/relay/rest/phone_numbers", json={"number": "+15125550123", "nmae": "x"})
        assert "unknown field nmae" in unknown.json()["errors"][0]["message"]
        not_json = http.post(
            "/api/relay/rest/phone_numbers", content=b"{", headers={"content-type": "application/json"}
        )
        assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["error"]
        bought = http.post("/api/relay/rest/phone_numbers", json={"number": "+15125550123"}).json()
        bad_update = http.put(
            f"/api/relay/rest/phone_numbers/{bought['id']}", json={"call_handler": "pigeon"}
        )
        assert bad_update.status_code == 422
        assert bad_update.json()["errors"][0]["attribute"] == "call_handler"
        bad_page = http.get("/api/relay/rest/phone_numbers", params={"page_size": 0})
        assert bad_page.status_code == 400 and "query parameter page_size" in bad_page.json()["error"]


def test_wrong_or_missing_credentials_get_401(emulator: Emulator, checker: SpecChecker) -> None:
    bad = RestClient(project=PROJECT, token="wrong", base_url=emulator.http_url, max_retries=0)
    with bad, pytest.raises(AuthenticationError, match="401"):
        list(bad.phone_numbers.list())
    with checked_http(emulator, checker, None) as http:
        response = http.get("/api/relay/rest/phone_numbers")
        assert response.status_code == 401 and response.json() == {"error": "Unauthorized"}
        assert (
            http.get("/api/relay/rest/phone_numbers", headers={"authorization": "Basic !!!"}).status_code
            == 401
        )
    with checked_http(emulator, checker, ("someone-else", TOKEN)) as http:
        assert http.get("/api/relay/rest/phone_numbers").status_code == 401


def test_without_configured_credentials_any_pair_works_and_projects_are_apart() -> None:
    with Emulator() as emulator:
        with (
            RestClient(project="alpha", token="a", base_url=emulator.http_url) as alpha,
            RestClient(project="beta", token="b", base_url=emulator.http_url) as beta,
        ):
            number = alpha.phone_numbers.create(number="+15125550199")
            assert [n.id for n in alpha.phone_numbers.list()] == [number.id]
            assert list(beta.phone_numbers.list()) == []
            with pytest.raises(NotFoundError):
                beta.phone_numbers.get(number.id)
        with httpx.Client(base_url=emulator.http_url, timeout=5) as http:
            assert http.get("/api/relay/rest/phone_numbers").status_code == 401
