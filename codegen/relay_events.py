"""RELAY events: find the event envelope defs of a spec folder and write ``events.py``.

An event def is an object whose ``event_type`` property is a ``const`` and whose ``params`` is a
``$ref`` to the payload def. Event defs are taken out of the models (their classes live in
``events.py`` instead, with the payload decoded on first access), while the payload defs stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .bundle import SpecError
from .normalize import _pascal
from .render import render

Json = Any


@dataclass(frozen=True)
class EventDef:
    name: str  # class name, e.g. CallingCallPlayEvent
    event_type: str  # e.g. calling.call.play
    params: str  # payload class name, e.g. CallingCallPlayParams
    doc: str


def find_events(defs: dict[str, Json]) -> list[EventDef]:
    """Every event def of a bundled folder, sorted by event type."""
    found: list[EventDef] = []
    for name, schema in defs.items():
        props = schema.get("properties") if isinstance(schema, dict) else None
        if not props or "const" not in (props.get("event_type") or {}):
            continue
        ref = (props.get("params") or {}).get("$ref", "")
        if not ref.startswith("#/$defs/"):
            raise SpecError(f"event def {name}: params must be a $ref to the payload def")
        event_type = props["event_type"]["const"]
        expected = _pascal(event_type.replace("_", ".")) + "Event"
        if name != expected:
            raise SpecError(f"event def for {event_type!r} must be named {expected}, not {name}")
        found.append(EventDef(name, event_type, ref[len("#/$defs/") :], schema.get("description", "")))
    types = [e.event_type for e in found]
    if len(set(types)) != len(types):
        raise SpecError("two event defs share an event_type")
    return sorted(found, key=lambda e: e.event_type)


def without_events(defs: dict[str, Json], events: list[EventDef]) -> dict[str, Json]:
    names = {e.name for e in events}
    return {name: schema for name, schema in defs.items() if name not in names}


def events_module(events: list[EventDef], header: str) -> str:
    return render("relay_events.py.jinja2", header=header, events=events)
