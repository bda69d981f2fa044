"""What every REST route shares: basic auth, per-project state, bodies checked by the generated
models, errors shaped as in ``specs/rest/_common.yaml``, and paginated lists with ``links``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hmac
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from signalwire_typed_gen._runtime import JsonObject, JsonValue, ValidationError

from ..auth import Credentials
from ..http import HttpError, HttpRequest, HttpResponse

__all__ = [
    "FieldProblem",
    "NotFound",
    "ProjectState",
    "RestState",
    "field_error",
    "not_found",
    "now",
    "page",
    "project_uuid",
    "query_error",
    "query_int",
    "validated",
]

ERROR_URL = "https://developer.signalwire.com/rest/overview/error-codes"


class FieldProblem(Exception):
    """A request the service refuses with 422; ``attribute`` names the field at fault."""

    def __init__(self, attribute: str | None, message: str, code: str = "invalid_parameter") -> None:
        super().__init__(message)
        self.attribute = attribute
        self.message = message
        self.code = code

    def response(self) -> HttpResponse:
        return HttpResponse(
            422,
            {
                "errors": [
                    {
                        "type": "validation_error",
                        "code": self.code,
                        "message": self.message,
                        "attribute": self.attribute,
                        "url": ERROR_URL,
                    }
                ]
            },
        )


class NotFound(Exception):
    """Answered 404 with ``{"error": ...}`` naming what was not found."""


def field_error(attribute: str | None, message: str, code: str = "invalid_parameter") -> FieldProblem:
    return FieldProblem(attribute, message, code)


def query_error(name: str, expected: str, got: str | None) -> HttpError:
    """A bad query parameter: 400 naming it (the specs declare no 422 for query parameters)."""
    return HttpError(400, f"Bad Request: query parameter {name} must be {expected}, got {got!r}")


def not_found(what: str, ident: str) -> NotFound:
    return NotFound(f"Not Found: no {what} with id {ident!r}")


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _attribute(path: str) -> str | None:
    """``$.params.to`` -> ``params.to``; the whole body -> None."""
    return path.removeprefix("$").removeprefix(".") or None


def validated(body: JsonValue, load: Callable[[object, str], object]) -> JsonObject:
    """The body, after the generated model's ``from_dict`` accepted it (else a 422 naming the field)."""
    if not isinstance(body, dict):
        raise field_error(None, f"the request body must be a JSON object, got {type(body).__name__}")
    try:
        load(body, "$")
    except ValidationError as exc:
        raise field_error(_attribute(exc.path), exc.message) from None
    return body


def query_int(query: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    text = query.get(name)
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise query_error(name, f"an integer from {low} to {high}", text)
    return int(text)


def page(request: HttpRequest, base_url: str, items: list[JsonObject]) -> JsonObject:
    """One page of ``items`` as ``{"data", "links"}``; ``links.next`` keeps the other query params."""
    query = dict(parse_qsl(request.query))
    size = query_int(query, "page_size", 50, 1, 1000)
    number = query_int(query, "page_number", 0, 0, 1_000_000)
    if number > 0 and query.get("page_token") != _token(number):
        raise query_error(
            "page_token", f"the page_token of the link to page {number}", query.get("page_token")
        )
    rest = {k: v for k, v in query.items() if k not in ("page_number", "page_size", "page_token")}

    def link(n: int) -> str:
        params = {**rest, "page_number": str(n), "page_size": str(size)}
        if n > 0:
            params["page_token"] = _token(n)
        return f"{base_url}{request.path}?{urlencode(params)}"

    links: JsonObject = {"self": link(number), "first": link(0)}
    if (number + 1) * size < len(items):
        links["next"] = link(number + 1)
    if number > 0:
        links["prev"] = link(number - 1)
    data: list[JsonValue] = list(items[number * size : (number + 1) * size])
    return {"data": data, "links": links}


def _token(number: int) -> str:
    return f"PA{number:06d}"


def project_uuid(project: str) -> str:
    """Fabric resources carry the project as a uuid; a project name that is not one maps to a stable uuid."""
    try:
        return str(uuid.UUID(project))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signalwire-emulator:{project}"))


@dataclass
class ProjectState:
    """What one project owns: phone numbers and Fabric resources."""

    project: str
    phone_numbers: dict[str, JsonObject] = field(default_factory=lambda: dict[str, JsonObject]())
    ai_agents: dict[str, JsonObject] = field(default_factory=lambda: dict[str, JsonObject]())
    subscribers: dict[str, JsonObject] = field(default_factory=lambda: dict[str, JsonObject]())

    @property
    def project_id(self) -> str:
        return project_uuid(self.project)


class RestState:
    """Every project's state and the credentials REST requests are checked against."""

    def __init__(
        self, credentials: Credentials | None, base_url: Callable[[], str], rest_context: str
    ) -> None:
        self.credentials = credentials
        self.base_url = base_url
        self.rest_context = rest_context
        self._projects: dict[str, ProjectState] = {}

    def project_of(self, request: HttpRequest) -> ProjectState | None:
        """The project a request authenticates as (HTTP basic: project id and API token), or None."""
        header = request.headers.get("authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            project, sep, token = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if not (sep and project and token):
            return None
        expected = self.credentials
        if expected is not None and not (
            hmac.compare_digest(project, expected.project) and hmac.compare_digest(token, expected.token)
        ):
            return None
        state = self._projects.get(project)
        if state is None:
            state = self._projects[project] = ProjectState(project)
        return state

    def projects(self) -> Iterator[ProjectState]:
        return iter(list(self._projects.values()))
