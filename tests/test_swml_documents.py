"""Every realistic document parses into typed models, validates, and round-trips unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from signalwire_typed import Document, MessagingDocument
from signalwire_typed.swml import CallingSection, MessagingSection

from .conftest import document_files, is_messaging, load_document, verb_methods, verb_steps


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
    seen: dict[bool, set[str]] = {False: set(), True: set()}
    for path in document_files():
        seen[is_messaging(path)] |= {verb for verb, _ in verb_steps(load_document(path)["sections"])}
    assert {name.rstrip("_") for name in verb_methods(CallingSection)} <= seen[False]
    assert {name.rstrip("_") for name in verb_methods(MessagingSection)} <= seen[True]
