"""Bad documents are refused with one exception type that names the JSON path of the problem."""

from __future__ import annotations

from typing import Any

import pytest
from signalwire_typed import Document, MessagingDocument, ValidationError

BAD: list[tuple[str, Any, str, str]] = [
    ("unknown verb", {"sections": {"main": [{"foo": {}}]}}, "$.sections.main[0]", "unknown key(s) ['foo']"),
    (
        "two verbs in one step",
        {"sections": {"main": [{"answer": {}, "hangup": {}}]}},
        "$.sections.main[0]",
        "",
    ),
    ("wrong type", {"sections": {"main": [{"play": {"url": 1}}]}}, "$.sections.main[0].play.url", "expected"),
    (
        "missing field",
        {"sections": {"main": [{"goto": {}}]}},
        "$.sections.main[0].goto",
        "missing required field label",
    ),
    (
        "unknown field",
        {"sections": {"main": [{"connect": {"to": "+1", "x": 1}}]}},
        "$.sections.main[0].connect",
        "x",
    ),
    ("no main", {"sections": {"other": []}}, "$.sections", "missing required section main"),
    ("bad version", {"version": "2", "sections": {"main": []}}, "$.version", "'1.0.0'"),
    ("sections not a map", {"sections": []}, "$.sections", "expected object"),
    ("steps not a list", {"sections": {"main": "answer"}}, "$.sections.main", "expected array"),
    ("top level not an object", [], "$", "expected object"),
    ("unknown top-level key", {"sections": {"main": []}, "x": 1}, "$", "unknown field x"),
    (
        "out of range",
        {"sections": {"main": [{"goto": {"label": "a", "max": 500}}]}},
        "$.sections.main[0].goto.max",
        "at most 100",
    ),
    ("bad pattern", {"sections": {"main": [{"sleep": "soon"}]}}, "$.sections.main[0].sleep", "SwmlVar"),
    (
        "bad enum",
        {"sections": {"main": [{"hangup": {"reason": "x"}}]}},
        "$.sections.main[0].hangup.reason",
        "'busy'",
    ),
    (
        "deep in an AI agent",
        {
            "sections": {
                "main": [{"ai": {"prompt": {"text": "x"}, "SWAIG": {"functions": [{"function": 1}]}}}]
            }
        },
        "$.sections.main[0].ai.SWAIG.functions[0]",
        "",
    ),
    (
        "section name that is not an identifier",
        {"sections": {"main": [], "after-hours": [{"play": {}}]}},
        "$.sections['after-hours'][0].play",
        "",
    ),
]


@pytest.mark.parametrize(("data", "path", "text"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_calling_documents(data: Any, path: str, text: str) -> None:
    with pytest.raises(ValidationError) as err:
        Document.from_dict(data)
    assert err.value.path == path
    assert text in err.value.message
    assert str(err.value).startswith(path + ": ")


def test_messaging_verbs_are_not_calling_verbs() -> None:
    with pytest.raises(ValidationError) as err:
        Document.from_dict({"sections": {"main": [{"reply": "hi"}]}})
    assert err.value.path == "$.sections.main[0]"
    MessagingDocument.from_dict({"sections": {"main": [{"reply": "hi"}]}})


def test_invalid_json_and_yaml_text() -> None:
    with pytest.raises(ValidationError, match="invalid JSON") as err:
        Document.from_json("{nope")
    assert err.value.path == "$"
    with pytest.raises(ValidationError, match="invalid YAML"):
        Document.from_yaml("sections: [unclosed")


def test_validation_error_is_a_value_error() -> None:
    assert issubclass(ValidationError, ValueError)


class _Opaque:
    pass


GLOBAL_DATA = "$.sections.main[0].ai.global_data"
FREE_FORM_BAD: list[tuple[str, Any, str, str]] = [
    ("object in global_data", {"a": {"b": [1, _Opaque()]}}, GLOBAL_DATA + ".a.b[1]", "_Opaque"),
    ("set of values", {"a": {1, 2}}, GLOBAL_DATA + ".a", "got set"),
    ("tuple", {"a": (1, 2)}, GLOBAL_DATA + ".a", "got tuple"),
    ("non-string key", {"a": {1: "x"}}, GLOBAL_DATA + ".a", "keys must be strings, got 1"),
    ("NaN", {"a": [float("nan")]}, GLOBAL_DATA + ".a[0]", "nan is not a JSON number"),
    ("infinity", {"a": float("inf")}, GLOBAL_DATA + ".a", "inf is not a JSON number"),
    ("bytes", {"a": b"x"}, GLOBAL_DATA + ".a", "got bytes"),
]


@pytest.mark.parametrize(
    ("value", "path", "text"), [b[1:] for b in FREE_FORM_BAD], ids=[b[0] for b in FREE_FORM_BAD]
)
def test_free_form_fields_must_be_json(value: Any, path: str, text: str) -> None:
    data = {"sections": {"main": [{"ai": {"prompt": {"text": "x"}, "global_data": value}}]}}
    with pytest.raises(ValidationError) as err:
        Document.from_dict(data)
    assert (err.value.path, text in err.value.message) == (path, True), err.value
    with pytest.raises(ValidationError) as err:
        Document().ai(prompt={"text": "x"}, global_data=value)
    assert (err.value.path, text in err.value.message) == (path, True), err.value


def test_free_form_values_anywhere() -> None:
    bad = {"sections": {"main": [{"set": {"when": object()}}]}}
    with pytest.raises(ValidationError, match=r"^\$\.sections\.main\[0\]\.set\.when: expected a JSON value"):
        Document.from_dict(bad)
    with pytest.raises(ValidationError, match=r"^\$\.sections\.main\[0\]\.return: expected a JSON value"):
        Document().return_(object())  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^\$\.sections\.main\[0\]\.user_event\.event: expected obj"):
        Document().user_event(event=[1])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"request\.body: expected string or object, got array"):
        Document().request(url="https://x", method="POST", body=[1])  # type: ignore[arg-type]


def test_good_free_form_values_round_trip() -> None:
    from collections import OrderedDict
    from enum import StrEnum

    class Color(StrEnum):
        RED = "red"

    data: Any = {
        "nested": {"list": [1, 2.5, True, None, "s", {"k": []}], "empty": {}},
        "ordered": OrderedDict(a=1),
        "enum": Color.RED,
    }
    expected = {**data, "ordered": {"a": 1}, "enum": "red"}
    doc = Document().ai(prompt={"text": "x"}, global_data=data).set({"n": 0}).return_(None)
    again = Document.from_json(doc.to_json())
    assert again.to_dict() == {
        "version": "1.0.0",
        "sections": {
            "main": [
                {"ai": {"prompt": {"text": "x"}, "global_data": expected}},
                {"set": {"n": 0}},
                {"return": None},
            ]
        },
    }
