"""What skills that call a web service share: one bounded HTTP request returning checked JSON."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from signalwire_typed_gen._runtime import JsonObject, JsonValue

__all__ = ["USER_AGENT", "ServiceError", "as_list", "as_obj", "as_str", "request_json"]

USER_AGENT = "signalwire-typed skills (https://signalwire.com)"


class ServiceError(Exception):
    """A service could not be reached or answered badly; the message says which and why."""


async def request_json(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    service: str,
    params: Mapping[str, str | int | float] | None = None,
    json: JsonObject | None = None,
    headers: Mapping[str, str] | None = None,
) -> JsonObject:
    """The JSON object a service answered; ServiceError for a network error, an HTTP error or non-JSON."""
    try:
        response = await client.request(
            method, url, params=params, json=json, headers={"User-Agent": USER_AGENT, **(headers or {})}
        )
    except httpx.HTTPError as exc:
        raise ServiceError(f"{service} could not be reached ({type(exc).__name__}: {exc})") from exc
    if response.status_code >= 400:
        raise ServiceError(f"{service} answered HTTP {response.status_code}: {response.text[:200]}")
    try:
        data: JsonValue = response.json()
    except ValueError as exc:
        raise ServiceError(f"{service} did not answer JSON") from exc
    if not isinstance(data, dict):
        raise ServiceError(f"{service} answered JSON that is not an object")
    return data


def as_list(value: JsonValue) -> list[JsonObject]:
    """The objects in a JSON array (anything else: empty)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def as_obj(value: JsonValue) -> JsonObject:
    """A JSON object (anything else: empty)."""
    return value if isinstance(value, dict) else {}


def as_str(value: JsonValue, default: str = "") -> str:
    """A JSON string (anything else: the default)."""
    return value if isinstance(value, str) else default
