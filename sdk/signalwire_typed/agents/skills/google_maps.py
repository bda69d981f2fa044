"""The ``google_maps`` skill: the agent validates addresses (Places) and computes driving routes (Routes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

import attrs
import httpx
from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..function_result import FunctionResult
from .http import ServiceError, as_list, as_obj, as_str, request_json
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["GoogleMapsClient", "GoogleMapsSkill", "Place", "normalize_spoken_numbers"]

_DIGITS = {
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_NOT_BUSINESS = {
    "street_address", "route", "intersection", "premise", "subpremise", "postal_code", "locality",
    "administrative_area_level_1", "administrative_area_level_2", "country", "political",
}  # fmt: skip


def normalize_spoken_numbers(text: str) -> str:
    """Street numbers as speech recognition writes them, as digits: "seven one four Main" -> "714 Main"."""
    out: list[str] = []
    run = ""
    words = text.split()
    i = 0
    while i < len(words):
        w = words[i].lower().rstrip(".,")
        value: int | None = _DIGITS.get(w, _TEENS.get(w))
        if w in _TENS:
            value = _TENS[w]
            nxt = words[i + 1].lower().rstrip(".,") if i + 1 < len(words) else ""
            if nxt in _DIGITS and _DIGITS[nxt] > 0:
                value += _DIGITS[nxt]
                i += 1
        if value is None:
            if run:
                out.append(run)
                run = ""
            out.append(words[i])
        else:
            run += str(value)
        i += 1
    if run:
        out.append(run)
    return " ".join(out)


def _num(value: JsonValue) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


@attrs.frozen
class Place:
    """A validated address."""

    address: str
    lat: float
    lng: float
    business_name: str = ""


class GoogleMapsClient:
    """Places (autocomplete, nearby search, details) and Routes calls; base URLs are configurable."""

    def __init__(self, api_key: str, *, places_url: str, routes_url: str, timeout: float) -> None:
        self.api_key, self.places_url, self.routes_url, self.timeout = (
            api_key,
            places_url,
            routes_url,
            timeout,
        )

    async def validate_address(
        self, text: str, bias_lat: float | None, bias_lng: float | None
    ) -> Place | None:
        text = normalize_spoken_numbers(text)
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            if bias_lat is not None and bias_lng is not None:
                near = await self._get(
                    client,
                    "nearbysearch",
                    {"keyword": text, "location": f"{bias_lat},{bias_lng}", "rankby": "distance"},
                )
                named = [
                    r for r in as_list(near.get("results")) if text.lower() in as_str(r.get("name")).lower()
                ]
                if near.get("status") == "OK" and named:
                    return await self._details(client, as_str(named[0].get("place_id")))
            params: dict[str, str | int | float] = {"input": text}
            if bias_lat is not None and bias_lng is not None:
                params.update(location=f"{bias_lat},{bias_lng}", radius=50000)
            found = await self._get(client, "autocomplete", params)
            predictions = as_list(found.get("predictions"))
            if found.get("status") != "OK" or not predictions:
                return None
            return await self._details(client, as_str(predictions[0].get("place_id")))

    async def _get(
        self, client: httpx.AsyncClient, api: str, params: dict[str, str | int | float]
    ) -> JsonObject:
        url = f"{self.places_url.rstrip('/')}/{api}/json"
        return await request_json(
            client, "GET", url, service="Google Places", params={**params, "key": self.api_key}
        )

    async def _details(self, client: httpx.AsyncClient, place_id: str) -> Place | None:
        data = await self._get(
            client, "details", {"place_id": place_id, "fields": "name,formatted_address,geometry,types"}
        )
        if data.get("status") != "OK":
            return None
        result = as_obj(data.get("result"))
        location = as_obj(as_obj(result.get("geometry")).get("location"))
        name, formatted = as_str(result.get("name")), as_str(result.get("formatted_address"))
        types = result.get("types")
        business = any(t not in _NOT_BUSINESS for t in (types if isinstance(types, list) else []))
        address = (
            f"{name}, {formatted}" if business and name and not formatted.startswith(name) else formatted
        )
        return Place(address, _num(location.get("lat")), _num(location.get("lng")), name if business else "")

    async def compute_route(
        self, origin: tuple[float, float], dest: tuple[float, float]
    ) -> tuple[int, int] | None:
        """(meters, seconds) of the driving route, or None when there is none."""

        def point(lat: float, lng: float) -> JsonObject:
            return {"location": {"latLng": {"latitude": lat, "longitude": lng}}}

        body: JsonObject = {
            "origin": point(*origin),
            "destination": point(*dest),
            "travelMode": "DRIVE",
            "routingPreference": "TRAFFIC_AWARE",
        }
        headers = {
            "X-Goog-Api-Key": self.api_key,
            "X-Goog-FieldMask": "routes.distanceMeters,routes.duration",
        }
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            url = f"{self.routes_url.rstrip('/')}/directions/v2:computeRoutes"
            data = await request_json(
                client, "POST", url, service="Google Routes", json=body, headers=headers
            )
        routes = as_list(data.get("routes"))
        if not routes:
            return None
        duration = as_str(routes[0].get("duration"), "0s").rstrip("s")
        try:
            seconds = int(float(duration))
        except ValueError as exc:
            raise ServiceError(f"Google Routes answered a bad duration {duration!r}") from exc
        return int(_num(routes[0].get("distanceMeters"))), seconds


class GoogleMapsSkill:
    """Validate addresses and compute driving routes with Google Maps."""

    name = "google_maps"
    ENV_VARS: ClassVar[tuple[str, ...]] = ("GOOGLE_MAPS_API_KEY",)
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("api_key", "string", "Google Maps API key", REQUIRED, env="GOOGLE_MAPS_API_KEY", secret=True),
        Param("lookup_tool_name", "string", "Name of the address tool", "lookup_address"),
        Param("route_tool_name", "string", "Name of the route tool", "compute_route"),
        Param("places_base_url", "string", "Places API base", "https://maps.googleapis.com/maps/api/place"),
        Param("routes_base_url", "string", "Routes API base", "https://routes.googleapis.com"),
        Param("timeout", "number", "Seconds per HTTP request", 30.0),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.lookup_tool_name = p.get_str("lookup_tool_name")
        self.route_tool_name = p.get_str("route_tool_name")
        self.instance_key = f"google_maps_{self.lookup_tool_name}"
        self.client = GoogleMapsClient(
            p.get_str("api_key"),
            places_url=p.get_str("places_base_url"),
            routes_url=p.get_str("routes_base_url"),
            timeout=p.get_float("timeout"),
        )

    def setup(self, agent: AgentBase) -> None:
        client = self.client

        async def lookup_address(
            address: Annotated[str, "The address or business name to look up"],
            bias_lat: Annotated[float | None, "Latitude to bias results toward"] = None,
            bias_lng: Annotated[float | None, "Longitude to bias results toward"] = None,
        ) -> FunctionResult:
            """Validate and geocode an address or business name."""
            if not address.strip():
                return FunctionResult("Please provide an address or business name to look up.")
            try:
                place = await client.validate_address(address.strip(), bias_lat, bias_lng)
            except ServiceError as exc:
                return FunctionResult(f"I could not look that address up: {exc}")
            if place is None:
                return FunctionResult("I couldn't find that address. Could you give a more specific one?")
            lines = [f"Address: {place.address}"]
            if place.business_name:
                lines.append(f"Business: {place.business_name}")
            lines.append(f"Coordinates: {place.lat}, {place.lng}")
            return FunctionResult("\n".join(lines))

        async def compute_route(
            origin_lat: Annotated[float, "Latitude of the start"],
            origin_lng: Annotated[float, "Longitude of the start"],
            dest_lat: Annotated[float, "Latitude of the destination"],
            dest_lng: Annotated[float, "Longitude of the destination"],
        ) -> FunctionResult:
            """Compute the driving distance and time between two points."""
            try:
                route = await client.compute_route((origin_lat, origin_lng), (dest_lat, dest_lng))
            except ServiceError as exc:
                return FunctionResult(f"I could not compute the route: {exc}")
            if route is None:
                return FunctionResult("I couldn't compute a route between those locations.")
            meters, seconds = route
            return FunctionResult(
                f"Distance: {meters / 1609.344:.1f} miles\nEstimated travel time: {seconds // 60} minutes"
            )

        agent.define_tool(
            self.lookup_tool_name,
            "Validate and geocode a street address or business name using Google Maps; optionally bias "
            "results toward a known location (e.g. the nearest store)",
            lookup_address,
        )
        agent.define_tool(
            self.route_tool_name,
            "Compute a driving route between two points: distance and estimated travel time",
            compute_route,
        )
        agent.add_hints(["address", "location", "route", "directions", "miles", "distance"])
        agent.prompt_add_section(
            "Google Maps",
            "You can validate addresses and compute driving routes.",
            bullets=[
                f"Use {self.lookup_tool_name} to validate and geocode addresses or business names",
                f"Use {self.route_tool_name} for driving distance and time between two points",
            ],
        )
