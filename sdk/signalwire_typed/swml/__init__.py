"""SWML: build, parse and check SignalWire Markup Language documents, fully typed.

``Document`` (calls) and ``MessagingDocument`` (messages) have one method per verb; each
returns the document, so steps chain. ``models`` holds the typed classes of every verb and
nested object, ``dicts`` their ``TypedDict`` twins (a ``dict`` literal is checked too).
Free-form fields (global data, meta data, webhook params...) hold ``JsonValue`` / ``JsonObject``.

    doc = Document().answer().play(url="say:Hello").hangup()
    doc.to_json()
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from signalwire_typed_gen._runtime import JsonObject, JsonValue, ValidationError
from signalwire_typed_gen.swml import models
from signalwire_typed_gen.swml.builder import CallingSection, Document, MessagingDocument, MessagingSection
from signalwire_typed_gen.swml.convert import from_dict, to_dict

if TYPE_CHECKING:
    from signalwire_typed_gen.swml import dicts

__all__ = [
    "CallingSection",
    "Document",
    "JsonObject",
    "JsonValue",
    "MessagingDocument",
    "MessagingSection",
    "ValidationError",
    "dicts",
    "from_dict",
    "json_schema",
    "models",
    "to_dict",
]


@cache
def json_schema() -> dict[str, object]:
    """Our SWML JSON Schema (2020-12), all definitions under ``$defs``.

    Validate a calling document against ``{**json_schema(), "$ref": "#/$defs/CallingSwml"}``.
    """
    text = resources.files("signalwire_typed_gen.swml").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def __getattr__(name: str) -> object:
    # The TypedDicts matter to type checkers; at run time they load only when asked for.
    if name == "dicts":
        from signalwire_typed_gen.swml import dicts

        return dicts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
