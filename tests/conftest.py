"""Shared fixtures: the SWML documents of tests/swml_documents and our bundled schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from signalwire_typed.swml import json_schema

DOCS = Path(__file__).parent / "swml_documents"


def document_files() -> list[Path]:
    return sorted(DOCS.glob("*.yaml"))


def load_document(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def is_messaging(path: Path) -> bool:
    return "messaging" in path.name


@pytest.fixture(scope="session")
def calling_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**json_schema(), "$ref": "#/$defs/CallingSwml"})


@pytest.fixture(scope="session")
def messaging_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**json_schema(), "$ref": "#/$defs/MessagingSwml"})


def verb_steps(value: Any) -> Iterator[tuple[str, Any]]:
    """Every ``(verb, params)`` step in a document's sections, nested method lists included."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                yield next(iter(item.items()))
            yield from verb_steps(item)
    elif isinstance(value, dict):
        for v in value.values():
            yield from verb_steps(v)


def verb_methods(cls: type) -> list[str]:
    """The verb methods of a generated section builder, in schema order."""
    plumbing = {"add", "to_list", "methods", "name"}
    return [n for n in vars(cls) if not n.startswith("_") and n not in plumbing]
