"""The bundled RELAY schema, for validating frames with jsonschema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest


def relay_schema() -> dict[str, Any]:
    text = resources.files("signalwire_typed_gen.relay").joinpath("schema.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return relay_schema()


def validator(schema: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})


def relay_validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator of the bundled RELAY def ``name``."""
    return validator(relay_schema(), name)
