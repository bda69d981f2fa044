"""Every realistic document parses into typed models, validates, and round-trips unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from signalwire_typed import Document, MessagingDocument

from .conftest import document_files, is_messaging, load_document


def _without_nulls(value: Any) -> Any:
    # An optional field given as null means the same as leaving it out; we write it out.
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None or k == "return"}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_there_are_enough_documents() -> None:
    assert len(document_files()) >= 30


@pytest.mark.parametrize("path", document_files(), ids=lambda p: p.stem)
def test_document_round_trips(
    path: Path,
    calling_validator: jsonschema.Draft202012Validator,
    messaging_validator: jsonschema.Draft202012Validator,
) -> None:
    data = load_document(path)
    validator = messaging_validator if is_messaging(path) else calling_validator
    assert not list(validator.iter_errors(data)), f"{path.name} must be valid SWML for our schema"

    cls = MessagingDocument if is_messaging(path) else Document
    doc = cls.from_dict(data)
    out = doc.to_dict()
    assert out == _without_nulls(data)
    assert cls.from_dict(out) == doc
    assert cls.from_json(doc.to_json()) == doc
    assert cls.from_yaml(doc.to_yaml()) == doc
    assert doc.to_model().sections.keys() == data["sections"].keys()


def test_every_verb_appears_in_the_documents() -> None:
    from signalwire_typed_gen.swml.builder import CallingSection, MessagingSection

    seen: dict[str, set[str]] = {"calling": set(), "messaging": set()}

    def walk(value: Any, kind: str) -> None:
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and len(item) == 1:
                    seen[kind].add(next(iter(item)))
                walk(item, kind)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v, kind)

    for path in document_files():
        kind = "messaging" if is_messaging(path) else "calling"
        walk(load_document(path)["sections"], kind)
    calling_verbs = {name.rstrip("_") for name in _verb_methods(CallingSection)}
    messaging_verbs = {name.rstrip("_") for name in _verb_methods(MessagingSection)}
    assert calling_verbs <= seen["calling"]
    assert messaging_verbs <= seen["messaging"]


def _verb_methods(cls: type) -> list[str]:
    plumbing = {"add", "to_list", "methods", "name"}
    return [n for n in vars(cls) if not n.startswith("_") and n not in plumbing]
