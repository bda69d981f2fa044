"""Unit tests of the normalizer and bundler: small specs in, the shapes the generators need out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from signalwire_typed import ValidationError
from signalwire_typed_gen.relay import convert as relay_convert
from signalwire_typed_gen.relay import models as relay_models

from codegen.bundle import SpecError, merge_defs
from codegen.normalize import (
    flatten_all_of,
    inline_defs,
    is_map,
    json_values,
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


def test_free_form_schemas_point_at_the_shared_json_defs() -> None:
    schema = {
        "$defs": {
            "Verb": {
                "type": "object",
                "properties": {
                    "any": {"description": "anything"},
                    "obj": {"type": "object", "additionalProperties": True},
                    "arr": {"type": "array"},
                    "either": {"anyOf": [{"type": "string"}, {"type": "object"}]},
                    "typed_map": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "closed": {"type": "object", "additionalProperties": False},
                },
                "additionalProperties": False,
            }
        }
    }
    props = json_values(schema)["$defs"]["Verb"]["properties"]
    assert props["any"] == {"$ref": "#/$defs/JsonValue", "description": "anything"}
    assert props["obj"] == {"$ref": "#/$defs/JsonObject"}
    assert props["arr"] == {"type": "array", "items": {"$ref": "#/$defs/JsonValue"}}
    assert props["either"]["anyOf"][1] == {"$ref": "#/$defs/JsonObject"}
    assert props["typed_map"] == schema["$defs"]["Verb"]["properties"]["typed_map"]
    assert props["closed"] == schema["$defs"]["Verb"]["properties"]["closed"]
    with pytest.raises(SpecError, match="reserved"):
        json_values({"$defs": {"JsonValue": {"type": "string"}}})


def test_open_objects_keep_extras_checked_as_json() -> None:
    error = relay_convert.from_dict(
        relay_models.JsonRpcError, {"code": -32002, "message": "no", "data": {"why": [1]}, "hint": "retry"}
    )
    assert error.data == {"why": [1]}
    assert error.additional_properties == {"hint": "retry"}
    assert relay_convert.to_dict(error)["hint"] == "retry"
    with pytest.raises(ValidationError) as err:
        relay_convert.from_dict(relay_models.JsonRpcError, {"code": 1, "message": "m", "x": {"y": {1}}})
    assert err.value.path == "$.x.y"
    with pytest.raises(ValidationError) as err:
        relay_convert.from_dict(relay_models.JsonRpcError, {"code": 1, "message": "m", "data": [b"raw"]})
    assert err.value.path == "$.data[0]"
