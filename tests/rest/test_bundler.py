"""The REST bundler and facade generator on small specs: shared components, SWML placeholders,
and the clear errors a spec author gets for mistakes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.bundle import SpecError
from codegen.rest import bundle_openapi
from codegen.rest_facade import Types, resources

COMMON = Path(__file__).resolve().parents[2] / "specs" / "rest" / "_common.yaml"


def spec(tmp_path: Path, paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> Path:
    (tmp_path / "_common.yaml").write_text(COMMON.read_text())
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "security": [{"basicAuth": []}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def op(op_id: str, tag: str = "things", **extra: Any) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "tags": [tag],
        "responses": {"401": {"$ref": "_common.yaml#/components/responses/Unauthorized"}},
        **extra,
    }


def test_shared_components_are_copied_with_what_they_reach(tmp_path: Path) -> None:
    page = {"$ref": "_common.yaml#/components/parameters/PageSize"}
    doc = bundle_openapi(spec(tmp_path, {"/things": {"get": op("list_things", parameters=[page])}}))
    comps = doc["components"]
    assert set(comps["parameters"]) == {"PageSize"}
    assert "HttpError" in comps["schemas"]  # reached through the Unauthorized response
    assert comps["securitySchemes"]["basicAuth"]["scheme"] == "basic"
    assert doc["paths"]["/things"]["get"]["parameters"] == [{"$ref": "#/components/parameters/PageSize"}]


def test_missing_shared_component_is_named(tmp_path: Path) -> None:
    missing = {"$ref": "_common.yaml#/components/parameters/Nope"}
    with pytest.raises(SpecError, match=re.escape("_common.yaml#/components/parameters/Nope does not exist")):
        bundle_openapi(spec(tmp_path, {"/things": {"get": op("list_things", parameters=[missing])}}))


def test_a_different_local_copy_of_a_shared_component_is_refused(tmp_path: Path) -> None:
    schemas = {"HttpError": {"type": "object", "properties": {"oops": {"type": "string"}}}}
    with pytest.raises(SpecError, match=re.escape("HttpError differs from the one in _common.yaml")):
        bundle_openapi(spec(tmp_path, {"/things": {"get": op("list_things")}}, schemas))


def test_swml_classes_become_placeholders(tmp_path: Path) -> None:
    body = {"$ref": "#/components/schemas/ThingCreate"}
    schemas = {
        "ThingCreate": {
            "type": "object",
            "properties": {"prompt": {"$ref": "../swml/ai.yaml#/$defs/AiPrompt"}},
            "additionalProperties": False,
        }
    }
    (tmp_path.parent / "swml").mkdir(exist_ok=True)
    for f in (COMMON.parents[1] / "swml").glob("*.yaml"):
        (tmp_path.parent / "swml" / f.name).write_text(f.read_text())
    content = {"required": True, "content": {"application/json": {"schema": body}}}
    path = spec(tmp_path, {"/things": {"post": op("create_thing", requestBody=content)}}, schemas)
    doc = bundle_openapi(path, frozenset({"AiPrompt"}))
    assert doc["components"]["schemas"]["AiPrompt"]["x-swml"] == "AiPrompt"
    assert "AiPromptText" not in doc["components"]["schemas"]  # not copied: the SWML class is used
    full = bundle_openapi(path)
    assert "AiPromptText" in full["components"]["schemas"]


def test_method_names_come_from_operation_ids_and_clashes_are_refused(tmp_path: Path) -> None:
    paths = {
        "/things": {"get": op("list_things"), "post": op("create_thing")},
        "/things/{id}/parts": {"get": op("list_thing_parts")},
    }
    doc = bundle_openapi(spec(tmp_path, paths))
    [res] = resources(doc, Types(doc["components"]["schemas"], {}))
    assert sorted(o.name for o in res.ops) == ["create", "list", "list_parts"]
    clash = {"/a": {"get": op("list_things")}, "/b": {"get": op("list_thing")}}
    doc = bundle_openapi(spec(tmp_path, clash))
    with pytest.raises(SpecError, match=re.escape("both become things.list")):
        resources(doc, Types(doc["components"]["schemas"], {}))


def test_an_operation_needs_one_tag(tmp_path: Path) -> None:
    doc = bundle_openapi(spec(tmp_path, {"/things": {"get": op("list_things", tags=[])}}))
    with pytest.raises(SpecError, match="exactly one tag"):
        resources(doc, Types(doc["components"]["schemas"], {}))
