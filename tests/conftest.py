"""Shared fixtures: the SWML documents of tests/swml_documents and our bundled schema."""

from __future__ import annotations

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
