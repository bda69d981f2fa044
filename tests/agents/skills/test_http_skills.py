"""Skills the agent runs over HTTP, called through the agent's /swaig against fake services on 127.0.0.1."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from signalwire_typed.agents import AgentBase
from signalwire_typed.agents.skills.google_maps import normalize_spoken_numbers
from signalwire_typed.agents.skills.web_search import extract_text, is_public_url, quality_score

from ..conftest import LiveServer
from ..prefabs.helpers import AUTH, Caller
from .fake_services import FakeServices

Serve = Callable[[Any], LiveServer]


@pytest.fixture
def services(serve: Serve) -> tuple[FakeServices, str]:
    fake = FakeServices()
    return fake, serve(fake).url


def _agent_call(serve: Serve, client: httpx.Client, agent: AgentBase) -> Caller:
    return Caller(client, serve(agent.asgi_app), "/")


def test_wikipedia_search(serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]) -> None:
    fake, url = services
    agent = AgentBase("wiki", basic_auth=AUTH).add_skill(
        "wikipedia_search", {"base_url": url, "num_results": 2}
    )
    call = _agent_call(serve, client, agent)
    found = call.call("search_wiki", {"query": "turing"})["response"]
    assert found.startswith("**Alan Turing**\n\nAlan Mathison Turing") and "**Turing machine**" in found
    assert fake.last("/w/api.php")[3]["user-agent"].startswith("signalwire-typed")
    none = call.call("search_wiki", {"query": "qwxzy"})["response"]
    assert none.startswith("I couldn't find any Wikipedia articles for 'qwxzy'")
    assert (
        call.call("search_wiki", {"query": "  "})["response"]
        == "Please provide a search query for Wikipedia."
    )
    with pytest.raises(ValueError, match="'num_results' must be between 1 and 5"):
        AgentBase("x").add_skill("wikipedia_search", {"num_results": 9})


def test_wikipedia_unreachable(serve: Serve, client: httpx.Client) -> None:
    agent = AgentBase("wiki", basic_auth=AUTH).add_skill(
        "wikipedia_search", {"base_url": "http://127.0.0.1:9", "timeout": 2}
    )
    answer = _agent_call(serve, client, agent).call("search_wiki", {"query": "x"})["response"]
    assert answer.startswith("Error searching Wikipedia: Wikipedia could not be reached (ConnectError")


def test_google_maps(serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]) -> None:
    fake, url = services
    agent = AgentBase("maps", basic_auth=AUTH).add_skill(
        "google_maps",
        {"api_key": "maps-key", "places_base_url": f"{url}/maps/api/place", "routes_base_url": url},
    )
    call = _agent_call(serve, client, agent)
    address = call.call("lookup_address", {"address": "seven one four East Osage"})["response"]
    assert address == "Address: 714 E Osage St, Tulsa, OK 74106, USA\nCoordinates: 36.17, -95.98"
    assert fake.last("autocomplete")[2]["input"] == "714 East Osage"
    near = call.call("lookup_address", {"address": "Walmart", "bias_lat": 36.0, "bias_lng": -95.0})[
        "response"
    ]
    assert near.splitlines()[:2] == [
        "Address: Walmart Supercenter, 99 Hwy 75, Tulsa, OK",
        "Business: Walmart Supercenter",
    ]
    assert fake.last("nearbysearch")[2]["rankby"] == "distance"
    assert (
        "couldn't find that address" in call.call("lookup_address", {"address": "nowhere at all"})["response"]
    )
    route = call.call("compute_route", {"origin_lat": 1, "origin_lng": 2, "dest_lat": 3, "dest_lng": 4})
    assert route["response"] == "Distance: 10.0 miles\nEstimated travel time: 21 minutes"
    assert fake.last("computeRoutes")[4]["destination"] == {
        "location": {"latLng": {"latitude": 3.0, "longitude": 4.0}}
    }
    same = call.call("compute_route", {"origin_lat": 1, "origin_lng": 2, "dest_lat": 1, "dest_lng": 2})
    assert same["response"] == "I couldn't compute a route between those locations."
    bad = call.call("compute_route", {"origin_lat": "north", "origin_lng": 2, "dest_lat": 1, "dest_lng": 2})
    assert "origin_lat" in bad["response"] and "Invalid arguments" in bad["response"]


def test_google_maps_bad_key(serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]) -> None:
    _, url = services
    agent = AgentBase("maps", basic_auth=AUTH).add_skill(
        "google_maps",
        {"api_key": "wrong", "places_base_url": f"{url}/maps/api/place", "routes_base_url": url},
    )
    call = _agent_call(serve, client, agent)
    assert "couldn't find that address" in call.call("lookup_address", {"address": "x"})["response"]
    route = call.call("compute_route", {"origin_lat": 1, "origin_lng": 2, "dest_lat": 3, "dest_lng": 4})
    assert route["response"].startswith("I could not compute the route: Google Routes answered HTTP 403")


def _search_agent(url: str, **extra: Any) -> AgentBase:
    params = {"api_key": "search-key", "search_engine_id": "cx1", "search_base_url": url, **extra}
    return AgentBase("search", basic_auth=AUTH).add_skill("web_search", params)


def test_web_search_reads_and_ranks_pages(
    serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]
) -> None:
    fake, url = services
    agent = _search_agent(
        url, allow_private_urls=True, num_results=2, oversample_factor=2.5, per_page_timeout=1.0
    )
    call = _agent_call(serve, client, agent)
    answer = call.call("web_search", {"query": "ocean tides moon"})["response"]
    assert answer.startswith("Quality web search results for 'ocean tides moon':")
    # The moved page redirects to the good one: two good pages, from one site, out of five.
    assert "Found 2 good pages out of 5 searched" in answer and "Title: Tides explained" in answer
    assert "Title: Moved" in answer
    assert "gravity of the moon" in answer and "tracking" not in answer and "Home | About" not in answer
    assert fake.last("customsearch")[2] == {
        "key": "search-key",
        "cx": "cx1",
        "q": "ocean tides moon",
        "num": "5",
    }
    nothing = call.call("web_search", {"query": "nothing"})["response"]
    assert nothing.startswith("I couldn't find quality results for 'nothing'")


def test_web_search_refuses_private_pages_and_bad_keys(
    serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]
) -> None:
    fake, url = services
    call = _agent_call(serve, client, _search_agent(url))
    refused = call.call("web_search", {"query": "ocean tides moon"})["response"]
    assert refused.startswith("I couldn't find quality results")
    assert not any(r[1].startswith("/pages/") for r in fake.requests)
    snippets = _agent_call(serve, client, _search_agent(url, snippets_only=True, tool_name="quick"))
    quick = snippets.call("quick", {"query": "ocean tides"})["response"]
    assert "Snippet: Tides are caused by the moon." in quick
    bad_key = AgentBase("s2", basic_auth=AUTH).add_skill(
        "web_search", {"api_key": "nope", "search_engine_id": "cx1", "search_base_url": url}
    )
    failed = _agent_call(serve, client, bad_key).call("web_search", {"query": "x"})["response"]
    assert failed.startswith("Sorry, the search failed: Google Custom Search answered HTTP 400")


def test_public_urls() -> None:
    assert not asyncio.run(is_public_url("http://127.0.0.1:8000/x"))
    assert not asyncio.run(is_public_url("http://localhost/x"))
    assert not asyncio.run(is_public_url("http://10.1.2.3/x"))
    assert not asyncio.run(is_public_url("ftp://8.8.8.8/x"))
    assert asyncio.run(is_public_url("https://8.8.8.8/x"))  # an address literal: no lookup, no network


def test_web_search_helpers() -> None:
    assert extract_text(
        "<html><body><script>x()</script><main><p>Hi  <b>there</b></p></main></body></html>"
    ) == ("Hi there")
    assert quality_score("", "a") == 0.0
    assert quality_score("moon " * 400, "moon tides") == 0.75
    with pytest.raises(ValueError, match="missing required parameter 'search_engine_id'"):
        AgentBase("x").add_skill("web_search", {"api_key": "k"})


def test_datasphere(serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]) -> None:
    fake, url = services
    params = {
        "space_name": "acme",
        "project_id": "proj-1",
        "token": "tok-1",
        "document_id": "doc-9",
        "base_url": url,
    }
    agent = AgentBase("kb", basic_auth=AUTH).add_skill("datasphere", {**params, "count": 2, "tags": ["faq"]})
    call = _agent_call(serve, client, agent)
    found = call.call("search_knowledge", {"query": "refund"})["response"]
    assert found.startswith("I found 2 results for 'refund':") and "=== RESULT 2 ===" in found
    sent = fake.last("datasphere")[4]
    assert sent == {
        "document_id": "doc-9",
        "count": 2,
        "distance": 3.0,
        "tags": ["faq"],
        "query_string": "refund",
    }
    assert (
        "couldn't find any relevant information for 'nothing'"
        in call.call("search_knowledge", {"query": "nothing"})["response"]
    )
    failed = call.call("search_knowledge", {"query": "boom"})["response"]
    assert failed.startswith("Sorry, the knowledge search failed: DataSphere answered HTTP 500")
    wrong = AgentBase("kb2", basic_auth=AUTH).add_skill("datasphere", {**params, "token": "bad"})
    denied = _agent_call(serve, client, wrong).call("search_knowledge", {"query": "refund"})["response"]
    assert "HTTP 401" in denied


def test_datasphere_goes_through_the_rest_client(
    serve: Serve, client: httpx.Client, services: tuple[FakeServices, str]
) -> None:
    fake, url = services
    params = {"space_name": "acme", "project_id": "proj-1", "token": "tok-1", "document_id": "doc-9"}
    agent = AgentBase("kb", basic_auth=AUTH).add_skill(
        "datasphere", {**params, "base_url": url, "pos_to_expand": ["NOUN"], "max_synonyms": 3}
    )
    call = _agent_call(serve, client, agent)
    assert call.call("search_knowledge", {"query": "refund"})["response"].startswith("I found 1 result")
    method, path, _, headers, sent = fake.last("datasphere")
    assert (method, path) == ("POST", "/api/datasphere/documents/search")
    assert headers["user-agent"].startswith("signalwire-typed/")
    assert sent["pos_to_expand"] == ["NOUN"] and sent["max_synonyms"] == 3
    # An answer that breaks the API's schema is reported, not turned into empty results.
    bad = call.call("search_knowledge", {"query": "misshapen"})["response"]
    assert bad.startswith(
        "Sorry, the knowledge search failed: DataSphere answered data the API does not allow"
    )
    assert "chunks[0]" in bad
    closed = AgentBase("kb3", basic_auth=AUTH).add_skill(
        "datasphere", {**params, "base_url": "http://127.0.0.1:9"}
    )
    down = _agent_call(serve, client, closed).call("search_knowledge", {"query": "refund"})["response"]
    assert down.startswith("Sorry, the knowledge search failed: DataSphere could not be reached (")


def test_datasphere_bad_settings_fail_when_added() -> None:
    params = {"space_name": "acme", "project_id": "p", "token": "t", "document_id": "doc-9"}
    with pytest.raises(ValueError, match=r"datasphere skill\.distance: must be at most"):
        AgentBase("x").add_skill("datasphere", {**params, "distance": 100.0})
    with pytest.raises(ValueError, match=r"datasphere skill\.pos_to_expand\[0\]"):
        AgentBase("x").add_skill("datasphere", {**params, "pos_to_expand": ["NOUNS"]})
    with pytest.raises(ValueError, match="'count' must be at least 1"):
        AgentBase("x").add_skill("datasphere", {**params, "count": 0})


def test_spoken_numbers() -> None:
    assert normalize_spoken_numbers("seven one four East Osage") == "714 East Osage"
    assert normalize_spoken_numbers("Three oh five Main Street") == "305 Main Street"
    assert normalize_spoken_numbers("twenty three Elm") == "23 Elm"
    assert normalize_spoken_numbers("12 Oak") == "12 Oak"


def test_datasphere_loads_only_its_rest_namespace_until_it_searches() -> None:
    code = (
        "import sys\n"
        "from signalwire_typed.agents import AgentBase\n"
        "AgentBase('x').add_skill('datasphere', {'space_name': 'a', 'project_id': 'p', 'token': 't',"
        " 'document_id': 'd'}).render_swml()\n"
        "print(sorted({m.split('.')[2] for m in sys.modules if m.startswith('signalwire_typed_gen.rest.')}),"
        " 'signalwire_typed.rest' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "['_rt', 'datasphere'] False"
