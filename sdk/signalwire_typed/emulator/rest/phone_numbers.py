"""Phone numbers: search numbers to buy, buy one, list, get, update and release the project's numbers.

Any well-formed North American number the project does not own yet is available: search makes
up matching ones (``+1`` + area code + seven digits, toll-free under 800), and buying takes any.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..http import HttpRequest, HttpResponse
from .common import (
    ProjectState,
    RestState,
    field_error,
    not_found,
    now,
    page,
    query_error,
    query_int,
    validated,
)

__all__ = ["register"]

Add = Callable[[str, str, Callable[[HttpRequest, ProjectState], HttpResponse]], None]

_E164_NANP = re.compile(r"^\+1[2-9]\d{2}[2-9]\d{6}$")
_DIGITS = re.compile(r"^\d{3,7}$")
_NULLABLE_FIELDS = (
    "e911_address_id",
    "e911_status",
    "next_billed_at",
    "calling_handler_resource_id",
    "call_request_url",
    "call_request_method",
    "call_fallback_url",
    "call_fallback_method",
    "call_status_callback_url",
    "call_status_callback_method",
    "call_laml_application_id",
    "call_dialogflow_agent_id",
    "call_relay_topic",
    "call_relay_topic_status_callback_url",
    "call_relay_script_url",
    "call_relay_context",
    "call_relay_context_status_callback_url",
    "call_relay_application",
    "call_relay_connector_id",
    "call_sip_endpoint_id",
    "call_verto_resource",
    "call_video_room_id",
    "messaging_handler_resource_id",
    "message_request_url",
    "message_request_method",
    "message_fallback_url",
    "message_fallback_method",
    "message_laml_application_id",
    "message_relay_topic",
    "message_relay_context",
)
# Setting one of these on a number makes it the number's handler, as the platform does.
_CALL_HANDLER_OF = {
    "call_relay_context": "relay_context",
    "call_relay_topic": "relay_topic",
    "call_relay_script_url": "relay_script",
    "call_relay_application": "relay_application",
    "call_request_url": "laml_webhooks",
}
_MESSAGE_HANDLER_OF = {
    "message_relay_context": "relay_context",
    "message_relay_topic": "relay_topic",
    "message_request_url": "laml_webhooks",
}


def _load_purchase(body: object, path: str) -> object:
    from signalwire_typed_gen.rest.relay_rest.models.phone_number_purchase import PhoneNumberPurchase

    return PhoneNumberPurchase.from_dict(body, path)


def _load_update(body: object, path: str) -> object:
    from signalwire_typed_gen.rest.relay_rest.models.phone_number_update import PhoneNumberUpdate

    return PhoneNumberUpdate.from_dict(body, path)


def _candidates(query: dict[str, str]) -> list[str]:
    """Numbers matching a search, in a stable order."""
    toll_free = query.get("number_type") == "toll-free"
    area = "800" if toll_free else query.get("areacode", "")
    if area and not re.fullmatch(r"[2-9]\d{2}", area):
        raise query_error("areacode", "three digits not starting with 0 or 1", area)
    patterns = {k: query[k] for k in ("starts_with", "contains", "ends_with") if k in query}
    if len(patterns) > 1:
        raise query_error(
            sorted(patterns)[1],
            "left out: starts_with, contains and ends_with exclude each other",
            patterns[sorted(patterns)[1]],
        )
    for name, digits in patterns.items():
        if not _DIGITS.match(digits):
            raise query_error(name, "3 to 7 digits", digits)
    areas = [area] if area else ["512", "212", "312", "415", "617", "702", "786", "919"]
    found: list[str] = []
    for a in areas:
        for k in range(200):
            national = f"{a}555{2000 + 37 * k:04d}"
            if "starts_with" in patterns:
                national = patterns["starts_with"] + national[len(patterns["starts_with"]) :]
            if "contains" in patterns:
                national = national[:3] + patterns["contains"] + national[3 + len(patterns["contains"]) :]
            if "ends_with" in patterns:
                national = national[: 10 - len(patterns["ends_with"])] + patterns["ends_with"]
            if not area or national.startswith(area):
                found.append(f"+1{national}")
    return [n for n in dict.fromkeys(found) if _E164_NANP.match(n)]


def _available(number: str, region: str | None, city: str | None) -> JsonObject:
    capabilities: JsonObject = {"voice": True, "sms": True, "mms": True, "fax": True}
    return {
        "number": number,
        "region": region or "TX",
        "city": city or "AUSTIN",
        "rate_center": (city or "AUSTIN").upper()[:10],
        "lata": "558",
        "capabilities": capabilities,
    }


def _new_number(number: str) -> JsonObject:
    stamp = now()
    record: JsonObject = {
        "id": str(uuid.uuid4()),
        "number": number,
        "name": None,
        "capabilities": ["voice", "sms", "mms", "fax"],
        "number_type": "toll-free"
        if number[2:5] in ("800", "833", "844", "855", "866", "877", "888")
        else "longcode",
        "created_at": stamp,
        "updated_at": stamp,
        "call_handler": None,
        "call_receive_mode": "voice",
        "message_handler": None,
        "country_code": "US",
    }
    for name in _NULLABLE_FIELDS:
        record.setdefault(name, None)
    return record


def register(add: Add, state: RestState) -> None:
    base = "/api/relay/rest/phone_numbers"

    def owned(project: ProjectState, request: HttpRequest) -> JsonObject:
        ident = request.params["id"]
        record = project.phone_numbers.get(ident)
        if record is None:
            raise not_found("phone number", ident)
        return record

    def search(request: HttpRequest, project: ProjectState) -> HttpResponse:
        query = dict(parse_qsl(request.query))
        number_type = query.get("number_type", "local")
        if number_type not in ("local", "toll-free"):
            raise query_error("number_type", "local or toll-free", number_type)
        limit = query_int(query, "max_results", 50, 1, 100)
        taken = {str(r["number"]) for r in project.phone_numbers.values()}
        numbers = [n for n in _candidates(query) if n not in taken][:limit]
        data: list[JsonValue] = [_available(n, query.get("region"), query.get("city")) for n in numbers]
        return HttpResponse(200, {"data": data})

    def buy(request: HttpRequest, project: ProjectState) -> HttpResponse:
        body = validated(request.json(), _load_purchase)
        number = str(body["number"])
        if not _E164_NANP.match(number):
            raise field_error(
                "number", f"number must be an E.164 number such as +15125550123, got {number!r}"
            )
        if any(r["number"] == number for r in project.phone_numbers.values()):
            raise field_error("number", f"{number} is already owned by this project", "number_not_available")
        record = _new_number(number)
        project.phone_numbers[str(record["id"])] = record
        return HttpResponse(200, record)

    def list_(request: HttpRequest, project: ProjectState) -> HttpResponse:
        query = dict(parse_qsl(request.query))
        name, digits = query.get("filter_name"), query.get("filter_number")
        items = [
            r
            for r in reversed(project.phone_numbers.values())
            if (name is None or name in str(r.get("name") or ""))
            and (digits is None or digits in str(r["number"]))
        ]
        return HttpResponse(200, page(request, state.base_url(), items))

    def get(request: HttpRequest, project: ProjectState) -> HttpResponse:
        return HttpResponse(200, owned(project, request))

    def update(request: HttpRequest, project: ProjectState) -> HttpResponse:
        record = owned(project, request)
        body = validated(request.json(), _load_update)
        record.update(body)
        for key, handler in _CALL_HANDLER_OF.items():
            if key in body and "call_handler" not in body:
                record["call_handler"] = handler
        for key, handler in _MESSAGE_HANDLER_OF.items():
            if key in body and "message_handler" not in body:
                record["message_handler"] = handler
        record["updated_at"] = now()
        return HttpResponse(200, record)

    def release(request: HttpRequest, project: ProjectState) -> HttpResponse:
        record = owned(project, request)
        del project.phone_numbers[str(record["id"])]
        return HttpResponse(204, raw=b"")

    add("GET", f"{base}/search", search)
    add("GET", base, list_)
    add("POST", base, buy)
    add("GET", f"{base}/{{id}}", get)
    add("PUT", f"{base}/{{id}}", update)
    add("DELETE", f"{base}/{{id}}", release)
