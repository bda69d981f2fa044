"""Local stand-ins for the services skills call, answering with the shapes the real ones answer with.

One ASGI app serves them all on 127.0.0.1; every request is recorded for the tests to inspect.
"""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any
from urllib.parse import parse_qs

Scope = dict[str, Any]

TURING = (
    "Alan Mathison Turing was an English mathematician, computer scientist, logician, cryptanalyst, "
    "philosopher and theoretical biologist."
)
GOOD_PAGE = (
    "<html><head><title>Tides</title><script>var tracking = 1;</script><style>p{}</style></head><body>"
    "<nav>Home | About | Contact</nav><article><h1>Why the ocean has tides</h1>"
    + "<p>The ocean tides are caused by the gravity of the moon and the sun pulling on the oceans. </p>" * 30
    + "</article><footer>Copyright</footer></body></html>"
)
THIN_PAGE = "<html><body><p>Nothing to see.</p></body></html>"


class FakeServices:
    """The ASGI app; ``requests`` holds (method, path, query, headers, body) of each request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str], dict[str, str], Any]] = []

    def last(self, path_part: str) -> tuple[str, str, dict[str, str], dict[str, str], Any]:
        for request in reversed(self.requests):
            if path_part in request[1]:
                return request
        raise AssertionError(f"no request to {path_part}")

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        data = json.loads(body) if body else None
        path: str = scope["path"]
        self.requests.append((scope["method"], path, query, headers, data))
        status, answer = await self.route(path, query, headers, data)
        if isinstance(answer, str):
            payload, kind = answer.encode(), b"text/html; charset=utf-8"
        else:
            payload, kind = json.dumps(answer).encode(), b"application/json"
        extra = [(b"location", answer["redirect"].encode())] if status == 302 else []
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", kind), *extra]}
        )
        await send({"type": "http.response.body", "body": payload})

    async def route(
        self, path: str, query: dict[str, str], headers: dict[str, str], data: Any
    ) -> tuple[int, Any]:
        base = f"http://{headers['host']}"
        if path == "/w/api.php":
            return 200, self.wikipedia(query)
        if path.startswith("/maps/api/place/"):
            return 200, self.places(path.split("/")[4], query)
        if path == "/directions/v2:computeRoutes":
            if headers.get("x-goog-api-key") != "maps-key":
                return 403, {"error": {"code": 403, "message": "API key not valid"}}
            same = data["origin"] == data["destination"]
            return 200, {} if same else {"routes": [{"distanceMeters": 16093, "duration": "1260s"}]}
        if path == "/customsearch/v1":
            if query.get("key") != "search-key":
                return 400, {
                    "error": {"code": 400, "message": "API key not valid. Please pass a valid API key."}
                }
            return 200, self.custom_search(base, query)
        if path.startswith("/pages/"):
            return await self.page(path.removeprefix("/pages/"))
        if path == "/api/datasphere/documents/search":
            return self.datasphere(headers, data)
        if path == "/weather/v1/current.json":
            return self.weather(query)
        if path.startswith("/ninjas/v1/"):
            return self.ninjas(path.removeprefix("/ninjas/v1/"), query, headers)
        return 404, {"error": "not found"}

    @staticmethod
    def wikipedia(query: dict[str, str]) -> Any:
        if query.get("list") == "search":
            if query["srsearch"] == "qwxzy":
                return {"batchcomplete": "", "query": {"searchinfo": {"totalhits": 0}, "search": []}}
            hits = [
                {
                    "ns": 0,
                    "title": "Alan Turing",
                    "pageid": 1208,
                    "size": 200000,
                    "snippet": "English mathematician",
                },
                {"ns": 0, "title": "Turing machine", "pageid": 30403, "size": 90000, "snippet": "A machine"},
            ]
            return {
                "batchcomplete": "",
                "query": {"searchinfo": {"totalhits": 2}, "search": hits[: int(query["srlimit"])]},
            }
        title = query["titles"]
        extract = (
            TURING if title == "Alan Turing" else "A Turing machine is a mathematical model of computation."
        )
        return {
            "batchcomplete": "",
            "query": {"pages": {"1": {"pageid": 1, "ns": 0, "title": title, "extract": extract}}},
        }

    @staticmethod
    def places(api: str, query: dict[str, str]) -> Any:
        if query.get("key") != "maps-key":
            return {"error_message": "The provided API key is invalid.", "status": "REQUEST_DENIED"}
        if api == "autocomplete":
            if query["input"] == "nowhere at all":
                return {"predictions": [], "status": "ZERO_RESULTS"}
            return {
                "predictions": [{"description": "714 East Osage St, Tulsa", "place_id": "ADDR1"}],
                "status": "OK",
            }
        if api == "nearbysearch":
            return {
                "results": [
                    {"name": "Corner Grocery", "place_id": "SHOP0", "vicinity": "1 Main St"},
                    {"name": "Walmart Supercenter", "place_id": "SHOP1", "vicinity": "99 Hwy 75"},
                ],
                "status": "OK",
            }
        if query["place_id"] == "SHOP1":
            result = {
                "name": "Walmart Supercenter",
                "formatted_address": "99 Hwy 75, Tulsa, OK",
                "geometry": {"location": {"lat": 36.1, "lng": -95.9}},
                "types": ["department_store", "store", "establishment"],
            }
        else:
            result = {
                "name": "714 E Osage St",
                "formatted_address": "714 E Osage St, Tulsa, OK 74106, USA",
                "geometry": {"location": {"lat": 36.17, "lng": -95.98}},
                "types": ["street_address"],
            }
        return {"html_attributions": [], "result": result, "status": "OK"}

    @staticmethod
    def custom_search(base: str, query: dict[str, str]) -> Any:
        if query["q"] == "nothing":
            return {"kind": "customsearch#search", "searchInformation": {"totalResults": "0"}}
        items = [
            {
                "title": "Tides explained",
                "link": f"{base}/pages/good",
                "snippet": "Tides are caused by the moon.",
            },
            {"title": "Thin page", "link": f"{base}/pages/thin", "snippet": "Thin."},
            {"title": "Slow page", "link": f"{base}/pages/slow", "snippet": "Slow."},
            {"title": "Gone", "link": f"{base}/pages/missing", "snippet": "Gone."},
            {"title": "Moved", "link": f"{base}/pages/moved", "snippet": "Moved."},
        ]
        return {"kind": "customsearch#search", "items": items[: int(query["num"])]}

    @staticmethod
    async def page(name: str) -> tuple[int, Any]:
        if name == "good":
            return 200, GOOD_PAGE
        if name == "moved":
            return 302, {"redirect": "/pages/good"}
        if name == "thin":
            return 200, THIN_PAGE
        if name == "slow":
            await asyncio.sleep(3)
            return 200, GOOD_PAGE
        return 404, "<html><body>Not found</body></html>"

    @staticmethod
    def weather(query: dict[str, str]) -> tuple[int, Any]:
        if query.get("key") != "weather-key":
            return 401, {"error": {"code": 2006, "message": "API key is invalid."}}
        if query["q"] != "london":
            return 400, {"error": {"code": 1006, "message": "No matching location found."}}
        current = {
            "temp_c": 11.0, "temp_f": 51.8, "condition": {"text": "Partly cloudy", "code": 1003},
            "wind_mph": 8.1, "wind_dir": "WSW", "cloud": 75, "feelslike_c": 9.6, "feelslike_f": 49.3,
        }  # fmt: skip
        return 200, {"location": {"name": "London", "country": "United Kingdom"}, "current": current}

    @staticmethod
    def ninjas(api: str, query: dict[str, str], headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("x-api-key") != "ninja-key":
            return 400, {"error": "Invalid API Key."}
        if api == "jokes":
            return 200, [{"joke": "I told my computer a joke. It did not get it."}]
        if api == "dadjokes":
            return 200, [{"joke": "I'm reading a book about anti-gravity. It's impossible to put down."}]
        if api == "trivia":
            category = query.get("category", "general")
            return 200, [
                {"category": category, "question": "Who wrote Rhapsody in Blue", "answer": "Gershwin"}
            ]
        return 404, {"error": "Not found"}

    @staticmethod
    def datasphere(headers: dict[str, str], data: Any) -> tuple[int, Any]:
        expected = "Basic " + base64.b64encode(b"proj-1:tok-1").decode()
        if headers.get("authorization") != expected:
            return 401, {"error": "Unauthorized"}
        if data["query_string"] == "boom":
            return 500, {"error": "internal"}
        if data["query_string"] == "nothing":
            return 200, {"chunks": []}
        if data["query_string"] == "misshapen":
            return 200, {"chunks": [{"content": "no text key"}]}
        chunks = [{"text": "Refunds are possible within 30 days.", "document_id": data["document_id"]}]
        return 200, {"chunks": chunks * min(2, int(data["count"]))}
