"""Unit tests of the normalizer and bundler: small specs in, the shapes the generators need out."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.bundle import SpecError, merge_defs
from codegen.normalize import inline_defs, is_map, normalize_jsonschema, rename_defs


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
