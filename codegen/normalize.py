"""Rewrite bundled specs into the shapes the two generators handle well.

Each step is a pure function over JSON data; the walk is schema-aware, so a property that
happens to be called ``default`` or ``examples`` is never mistaken for the keyword.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from .bundle import SpecError

Json = Any

# Keywords whose value is a map of name -> schema, or a list of schemas, or one schema.
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames")
# Documentation-only keywords: the generated code never reads them, and a `default` would
# make the generators fill values in, so that an unset field would no longer be omitted.
_DOC_ONLY = ("default", "examples", "example")


def map_schemas(schema: Json, fn: Callable[[dict[str, Json]], dict[str, Json]]) -> Json:
    """Apply ``fn`` to every schema object, children first."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Json] = {}
    for key, value in schema.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: map_schemas(sub, fn) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [map_schemas(sub, fn) for sub in value]
        elif key in _SCHEMA_ONE and isinstance(value, dict):
            out[key] = map_schemas(value, fn)
        else:
            out[key] = copy.deepcopy(value)
    return fn(out)


def strip_doc_only(schema: dict[str, Json]) -> dict[str, Json]:
    return {k: v for k, v in schema.items() if k not in _DOC_ONLY}


def fold_uniform_maps(schema: dict[str, Json]) -> dict[str, Json]:
    """An object whose named properties all share its ``additionalProperties`` schema is a map.

    The generators drop ``additionalProperties`` from a class with properties, which would
    lose every extra key (SWML sections other than ``main``); as a map nothing is lost.
    """
    extra = schema.get("additionalProperties")
    props = schema.get("properties")
    if isinstance(extra, dict) and props and all(_bare(p) == _bare(extra) for p in props.values()):
        schema = {k: v for k, v in schema.items() if k not in ("properties", "required")}
    return schema


def _bare(schema: Json) -> Json:
    return {k: v for k, v in schema.items() if k != "description"} if isinstance(schema, dict) else schema


def inline_defs(schema: Json, inline: Callable[[dict[str, Json]], bool]) -> Json:
    """Replace each ``$ref`` to a def for which ``inline(def)`` holds by the def itself.

    The def's own ``description`` yields to the referring schema's, if it has one.
    """
    defs: dict[str, Json] = schema["$defs"]
    chosen = {name for name, sub in defs.items() if isinstance(sub, dict) and inline(sub)}

    def expand(node: dict[str, Json]) -> dict[str, Json]:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in chosen:
            target = map_schemas(defs[ref[8:]], expand)
            return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    out = map_schemas(schema, expand)
    out["$defs"] = {name: sub for name, sub in out["$defs"].items() if name not in chosen}
    return out


def is_map(schema: dict[str, Json]) -> bool:
    """A free-form or uniform map: an object with no named properties that admits other keys.

    Generators make a useless empty class of such a def; inlined, it becomes ``dict[str, T]``.
    """
    return (
        schema.get("type") == "object"
        and not schema.get("properties")
        and schema.get("additionalProperties", True) is not False
    )


def normalize_jsonschema(schema: Json) -> Json:
    schema = {**schema, "$defs": flatten_all_of(schema["$defs"], "#/$defs/")}
    schema = map_schemas(map_schemas(schema, strip_doc_only), fold_uniform_maps)
    schema = {**schema, "$defs": lift_inline_objects(schema["$defs"], "#/$defs/")}
    return inline_defs(schema, is_map)


def rename_defs(schema: Json, suffix: str) -> Json:
    """Append ``suffix`` to every ``$defs`` name and every reference to one."""
    defs = schema["$defs"]
    renamed = {name + suffix: sub for name, sub in defs.items()}
    out = {**schema, "$defs": renamed}

    def fix(node: Json) -> Json:
        if isinstance(node, dict):
            return {
                k: (re.sub(r"^#/\$defs/(.+)$", rf"#/$defs/\1{suffix}", v) if k == "$ref" else fix(v))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    return fix(out)


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", text) if part)


def lift_inline_objects(defs: dict[str, Json], ref_prefix: str) -> dict[str, Json]:
    """Give every inline object with properties a def of its own, named ``<Parent><Property>``.

    Generators name inline objects on their own and may process one twice; a named def gives
    the class a stable, readable name. Clashing names are an error, not a silent rename.
    """
    out = dict(defs)
    todo = sorted(defs)
    while todo:
        parent = todo.pop(0)
        schema = out[parent]
        if not isinstance(schema, dict):
            continue
        props = schema.get("properties") or {}
        lifted = dict(props)
        for key, sub in props.items():
            target = sub.get("items") if isinstance(sub, dict) and sub.get("type") == "array" else sub
            if isinstance(target, dict) and target.get("type") == "object" and target.get("properties"):
                name = parent + _pascal(key) + ("Item" if target is not sub else "")
                if name in out:
                    raise SpecError(f"inline object {parent}.{key} cannot be named {name}: taken; name it")
                out[name] = target
                todo.append(name)
                ref = {"$ref": ref_prefix + name}
                lifted[key] = {**sub, "items": ref} if target is not sub else ref
        if lifted != props:
            out[parent] = {**schema, "properties": lifted}
    return out


def flatten_all_of(defs: dict[str, Json], ref_prefix: str) -> dict[str, Json]:
    """Merge ``allOf: [{$ref: Base}, ...]`` into each def, and drop bases used only that way.

    Specs share groups of fields by composition (``allOf`` plus ``unevaluatedProperties:
    false``, which is exact JSON Schema); the generators want one closed object per class,
    so each def gets its bases' properties and ``required`` written into it.
    """
    bases: set[str] = set()
    flat: dict[str, Json] = {}

    def resolve(name: str, stack: tuple[str, ...]) -> Json:
        if name in flat:
            return flat[name]
        schema = defs[name]
        if not isinstance(schema, dict) or "allOf" not in schema:
            return schema
        if name in stack:
            raise SpecError(f"allOf cycle: {' -> '.join((*stack, name))}")
        props: dict[str, Json] = {}
        required: list[str] = []
        for member in schema["allOf"]:
            ref = member.get("$ref", "") if isinstance(member, dict) else ""
            if not ref.startswith(ref_prefix) or len(member) != 1:
                raise SpecError(f"{name}: allOf may only list $refs to shared field groups, got {member!r}")
            base_name = ref[len(ref_prefix) :]
            bases.add(base_name)
            base = resolve(base_name, (*stack, name))
            if base.get("type") != "object":
                raise SpecError(f"{name}: allOf base {base_name} is not an object")
            props.update(base.get("properties") or {})
            required.extend(base.get("required") or [])
        for key, sub in (schema.get("properties") or {}).items():
            if key in props and props[key] != sub:
                raise SpecError(f"{name}.{key} redefines a property of its allOf base")
            props[key] = sub
        required.extend(schema.get("required") or [])
        out = {k: v for k, v in schema.items() if k not in ("allOf", "unevaluatedProperties")}
        out["type"] = "object"
        out["properties"] = props
        if required:
            out["required"] = list(dict.fromkeys(required))
        if schema.get("unevaluatedProperties") is False:
            out["additionalProperties"] = False
        flat[name] = out
        return out

    result = {name: resolve(name, ()) for name in defs}
    still_used = {r.rsplit("/", 1)[-1] for sub in result.values() for r in _refs(sub)}
    return {name: sub for name, sub in result.items() if name not in bases or name in still_used}


def _refs(node: Json) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for k, v in node.items() if k != "$ref" for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


JSON_VALUE = "JsonValue"
JSON_OBJECT = "JsonObject"
# Keywords that only document a schema: one with nothing else admits any JSON value.
_ANNOTATIONS = frozenset(("description", "title", "$comment", "deprecated", "readOnly", "writeOnly"))


_SIZE = frozenset({"minProperties", "maxProperties"})


def json_values(schema: Json, ref_prefix: str = "#/$defs/") -> Json:
    """Point every free-form value at one of two shared defs, ``JsonValue`` and ``JsonObject``.

    A schema that constrains nothing admits any JSON value; an object with no properties whose
    extra keys are unconstrained admits any JSON object; an array with no ``items`` holds any
    values. The generators would type these ``Any``; as references to the two defs they are
    typed (and checked) as JSON instead. Run after ``normalize_jsonschema``, which has already
    inlined every free-form def.
    """
    for name in (JSON_VALUE, JSON_OBJECT):
        if name in schema["$defs"]:
            raise SpecError(f"$defs/{name} is reserved for free-form JSON; rename the def")

    def ref(name: str, node: dict[str, Json]) -> dict[str, Json]:
        return {"$ref": ref_prefix + name, **{k: v for k, v in node.items() if k in _ANNOTATIONS}}

    def visit(node: dict[str, Json]) -> dict[str, Json]:
        if node.keys() <= _ANNOTATIONS:
            return ref(JSON_VALUE, node)
        extra = node.get("additionalProperties", True)
        if (
            node.get("type") == "object"
            and not node.get("properties")
            and not node.get("patternProperties")
            and (extra is True or extra == {})
            and node.keys() <= _ANNOTATIONS | _SIZE | {"type", "additionalProperties"}
        ):
            return {**ref(JSON_OBJECT, node), **{k: v for k, v in node.items() if k in _SIZE}}
        if node.get("type") == "array" and "items" not in node and "prefixItems" not in node:
            return {**node, "items": {"$ref": ref_prefix + JSON_VALUE}}
        return node

    defs = {name: map_schemas(sub, visit) for name, sub in schema["$defs"].items()}
    defs[JSON_VALUE] = {"description": "Any JSON value."}
    defs[JSON_OBJECT] = {"type": "object", "description": "A JSON object with free-form keys."}
    return {**schema, "$defs": defs}
