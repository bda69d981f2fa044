"""Fabric resources: AI agents (the SWML AI config at top level) and subscribers, created, listed,
read, changed and deleted; each answer is the resource envelope with its kind-specific settings."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from signalwire_typed_gen._runtime import JsonObject

from ..http import HttpRequest, HttpResponse
from .common import ProjectState, RestState, not_found, now, page, validated

__all__ = ["register"]

Add = Callable[[str, str, Callable[[HttpRequest, ProjectState], HttpResponse]], None]
Load = Callable[[object, str], object]
_SUBSCRIBER_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "display_name",
    "job_title",
    "timezone",
    "country",
    "company_name",
)


def _load_agent_create(body: object, path: str) -> object:
    from signalwire_typed_gen.rest.fabric.models.ai_agent_create import AiAgentCreate

    return AiAgentCreate.from_dict(body, path)


def _load_agent_settings(body: object, path: str) -> object:
    from signalwire_typed_gen.rest.fabric.models.ai_agent_settings import AiAgentSettings

    if isinstance(body, dict) and "agent_id" in body:
        # Read-only: the server assigns it; the generated model accepts it in answers.
        from signalwire_typed_gen._runtime import ValidationError

        raise ValidationError(f"{path}.agent_id", "agent_id is assigned by the server and cannot be changed")
    return AiAgentSettings.from_dict(body, path)


def _load_subscriber(body: object, path: str) -> object:
    from signalwire_typed_gen.rest.fabric.models.subscriber_profile import SubscriberProfile

    return SubscriberProfile.from_dict(body, path)


def _envelope(
    kind: str, ident: str, project: ProjectState, display_name: str, settings: JsonObject
) -> JsonObject:
    stamp = now()
    return {
        "id": ident,
        "project_id": project.project_id,
        "display_name": display_name,
        "created_at": stamp,
        "updated_at": stamp,
        "type": kind,
        kind: settings,
    }


def _subscriber_settings(ident: str, body: JsonObject) -> JsonObject:
    settings: JsonObject = {"id": ident}
    for name in _SUBSCRIBER_FIELDS:
        value = body.get(name)
        settings[name] = value if isinstance(value, str) else ""
    if not settings["display_name"]:
        full = f"{settings['first_name']} {settings['last_name']}".strip()
        settings["display_name"] = full or settings["email"]
    return settings


def register(add: Add, state: RestState) -> None:
    def crud(
        name: str,
        kind: str,
        store: Callable[[ProjectState], dict[str, JsonObject]],
        create: Callable[[ProjectState, JsonObject], JsonObject],
        change: Callable[[JsonObject, JsonObject], None],
        load_create: Load,
        load_change: Load,
        change_method: str,
    ) -> None:
        base = f"/api/fabric/resources/{name}"

        def found(project: ProjectState, request: HttpRequest) -> JsonObject:
            ident = request.params["id"]
            record = store(project).get(ident)
            if record is None:
                raise not_found(kind.replace("_", " "), ident)
            return record

        def list_(request: HttpRequest, project: ProjectState) -> HttpResponse:
            return HttpResponse(200, page(request, state.base_url(), list(store(project).values())))

        def post(request: HttpRequest, project: ProjectState) -> HttpResponse:
            record = create(project, validated(request.json(), load_create))
            store(project)[str(record["id"])] = record
            return HttpResponse(201, record)

        def get(request: HttpRequest, project: ProjectState) -> HttpResponse:
            return HttpResponse(200, found(project, request))

        def update(request: HttpRequest, project: ProjectState) -> HttpResponse:
            record = found(project, request)
            change(record, validated(request.json(), load_change))
            record["updated_at"] = now()
            return HttpResponse(200, record)

        def delete(request: HttpRequest, project: ProjectState) -> HttpResponse:
            del store(project)[str(found(project, request)["id"])]
            return HttpResponse(204, raw=b"")

        add("GET", base, list_)
        add("POST", base, post)
        add("GET", f"{base}/{{id}}", get)
        add(change_method, f"{base}/{{id}}", update)
        add("DELETE", f"{base}/{{id}}", delete)

    def new_agent(project: ProjectState, body: JsonObject) -> JsonObject:
        ident = str(uuid.uuid4())
        settings: JsonObject = {"agent_id": ident, **body}
        return _envelope("ai_agent", ident, project, str(body["name"]), settings)

    def change_agent(record: JsonObject, body: JsonObject) -> None:
        settings = record["ai_agent"]
        assert isinstance(settings, dict)
        settings.update(body)
        if "name" in body:
            record["display_name"] = body["name"]

    def new_subscriber(project: ProjectState, body: JsonObject) -> JsonObject:
        ident = str(uuid.uuid4())
        settings = _subscriber_settings(ident, body)
        return _envelope("subscriber", ident, project, str(settings["display_name"]), settings)

    def change_subscriber(record: JsonObject, body: JsonObject) -> None:
        # PUT replaces the profile: fields left out become empty.
        settings = _subscriber_settings(str(record["id"]), body)
        record["subscriber"] = settings
        record["display_name"] = settings["display_name"]

    crud(
        "ai_agents",
        "ai_agent",
        lambda p: p.ai_agents,
        new_agent,
        change_agent,
        _load_agent_create,
        _load_agent_settings,
        "PATCH",
    )
    crud(
        "subscribers",
        "subscriber",
        lambda p: p.subscribers,
        new_subscriber,
        change_subscriber,
        _load_subscriber,
        _load_subscriber,
        "PUT",
    )
