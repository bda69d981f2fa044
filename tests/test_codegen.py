"""Unit tests of the normalizer and bundler: small specs in, the shapes the generators need out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen.bundle import SpecError, merge_defs
from codegen.normalize import (
    flatten_all_of,
    inline_defs,
    is_map,
    lift_inline_objects,
    normalize_jsonschema,
    rename_defs,
)
from codegen.rest import _ensure_operation_ids


def test_doc_only_keywords_are_stripped_but_properties_named_like_them_stay() -> None:
    schema = {
        "$defs": {
            "Switch": {
                "type": "object",
                "properties": {"default": {"type": "array", "default": [], "examples": [[1]]}},
                "default": {},
            }
        }
    }
    out = normalize_jsonschema(schema)
    assert out["$defs"]["Switch"] == {"type": "object", "properties": {"default": {"type": "array"}}}


def test_uniform_map_is_folded_and_free_maps_are_inlined() -> None:
    schema = {
        "$defs": {
            "Sections": {
                "type": "object",
                "properties": {"main": {"$ref": "#/$defs/List"}},
                "required": ["main"],
                "additionalProperties": {"$ref": "#/$defs/List"},
            },
            "List": {"type": "array", "items": {"type": "string"}},
            "Vars": {"type": "object", "additionalProperties": True, "description": "any"},
            "Use": {"type": "object", "properties": {"v": {"$ref": "#/$defs/Vars", "description": "mine"}}},
            "Doc": {"type": "object", "properties": {"sections": {"$ref": "#/$defs/Sections"}}},
        }
    }
    out = normalize_jsonschema(schema)
    assert "Sections" not in out["$defs"]
    assert out["$defs"]["Doc"]["properties"]["sections"] == {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/List"},
    }
    assert "Vars" not in out["$defs"]
    assert out["$defs"]["Use"]["properties"]["v"] == {
        "type": "object",
        "additionalProperties": True,
        "description": "mine",
    }
    assert is_map({"type": "object"}) and not is_map({"type": "object", "additionalProperties": False})
    assert inline_defs({"$defs": {}}, is_map) == {"$defs": {}}


def test_rename_defs_renames_references() -> None:
    out = rename_defs({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"type": "string"}}}, "Dict")
    assert out == {"$defs": {"ADict": {"$ref": "#/$defs/BDict"}, "BDict": {"type": "string"}}}


def test_bundler_rejects_duplicates_and_dangling_refs(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("$defs:\n  X: {type: string}\n")
    (tmp_path / "b.yaml").write_text("$defs:\n  X: {type: integer}\n")
    with pytest.raises(SpecError, match=r"X is defined in both a\.yaml and b\.yaml"):
        merge_defs(tmp_path)
    (tmp_path / "b.yaml").write_text("$defs:\n  Y: {$ref: 'a.yaml#/$defs/Z'}\n")
    with pytest.raises(SpecError, match="unresolved"):
        merge_defs(tmp_path)
    (tmp_path / "b.yaml").write_text("$defs:\n  Y: {$ref: 'c.yaml#/$defs/X'}\n")
    with pytest.raises(SpecError, match="unknown file"):
        merge_defs(tmp_path)
    (tmp_path / "b.yaml").write_text("$defs:\n  Y: {$ref: 'a.yaml#/$defs/X'}\n")
    assert merge_defs(tmp_path) == {"X": {"type": "string"}, "Y": {"$ref": "#/$defs/X"}}


def test_inline_objects_are_lifted_into_named_defs() -> None:
    defs = {
        "Agent": {
            "type": "object",
            "properties": {
                "voice": {"type": "object", "properties": {"name": {"type": "string"}}},
                "tags": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"k": {"type": "string"}}},
                },
            },
        }
    }
    out = lift_inline_objects(defs, "#/$defs/")
    assert out["Agent"]["properties"]["voice"] == {"$ref": "#/$defs/AgentVoice"}
    assert out["Agent"]["properties"]["tags"]["items"] == {"$ref": "#/$defs/AgentTagsItem"}
    assert out["AgentVoice"]["properties"] == {"name": {"type": "string"}}
    with pytest.raises(SpecError, match="AgentVoice"):
        lift_inline_objects({**defs, "AgentVoice": {"type": "string"}}, "#/$defs/")


def test_missing_operation_ids_are_derived() -> None:
    doc: dict[str, Any] = {
        "paths": {
            "/api/things/{id}": {"get": {}, "delete": {"operationId": "remove_thing"}},
            "/api/things": {"post": {}},
        }
    }
    _ensure_operation_ids(doc)
    assert doc["paths"]["/api/things/{id}"]["get"]["operationId"] == "get_api_things_by_id"
    assert doc["paths"]["/api/things/{id}"]["delete"]["operationId"] == "remove_thing"
    assert doc["paths"]["/api/things"]["post"]["operationId"] == "post_api_things"


def test_all_of_field_groups_are_flattened_and_unused_bases_dropped() -> None:
    defs = {
        "Common": {"type": "object", "properties": {"timeout": {"type": "integer"}}, "required": ["timeout"]},
        "Serial": {
            "allOf": [{"$ref": "#/$defs/Common"}],
            "properties": {"serial": {"type": "array"}},
            "required": ["serial"],
            "unevaluatedProperties": False,
        },
    }
    out = flatten_all_of(defs, "#/$defs/")
    assert out == {
        "Serial": {
            "type": "object",
            "properties": {"timeout": {"type": "integer"}, "serial": {"type": "array"}},
            "required": ["timeout", "serial"],
            "additionalProperties": False,
        }
    }
    with pytest.raises(SpecError, match="redefines"):
        flatten_all_of(
            {**defs, "Serial": {**defs["Serial"], "properties": {"timeout": {"type": "string"}}}}, "#/$defs/"
        )
    with pytest.raises(SpecError, match="only list"):
        flatten_all_of({"A": {"allOf": [{"type": "object"}]}}, "#/$defs/")
