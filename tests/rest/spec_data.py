"""Our REST specs as the tests see them: bundled with every SWML schema copied in, and JSON
values synthesized from their schemas (valid by construction, checked with jsonschema)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from codegen.rest import bundle_openapi, swml_class_names
from codegen.rest_facade import Op, Resource, Types, resources

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs" / "rest"
Json = Any
_UUID = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"
_CANDIDATES = [
    "wss://example.com/x",
    "sip:alice@example.com",
    "https://example.com/x",
    "+15551234567",
    "x",
    "1",
    "10s",
    "%{x}",
]


def spec_stems() -> list[str]:
    return sorted(p.stem for p in SPECS.glob("*.yaml") if not p.name.startswith("_"))


@functools.cache
def full_bundle(stem: str) -> dict[str, Json]:
    """The spec with SWML schemas copied in (no placeholders), so a validator checks them too."""
    doc = bundle_openapi(SPECS / f"{stem}.yaml")
    doc["servers"] = [{"url": "/"}]
    return doc


@functools.cache
def facade_bundle(stem: str) -> dict[str, Json]:
    """The spec as the generator sees it: SWML classes stand for themselves."""
    models = ROOT / "generated" / "signalwire_typed_gen" / "swml" / "models.py"
    return bundle_openapi(SPECS / f"{stem}.yaml", swml_class_names(models.read_text(encoding="utf-8")))


@functools.cache
def operations(stem: str) -> list[tuple[Resource, Op]]:
    """Each generated method with its operation, as the generator derived them."""
    doc = facade_bundle(stem)
    return [(r, op) for r in resources(doc, Types(doc["components"]["schemas"], {})) for op in r.ops]


class Synth:
    """A small valid instance of a schema: required keys only, first union member that works."""

    def __init__(self, doc: dict[str, Json]) -> None:
        self.schemas = doc["components"]["schemas"]

    def value(self, s: Json, depth: int = 0) -> Json:
        if depth > 40:
            raise ValueError("schema too deep to synthesize")
        if not isinstance(s, dict):
            return {}
        if "$ref" in s:
            return self.value(self.schemas[s["$ref"].rsplit("/", 1)[-1]], depth + 1)
        if "const" in s:
            return s["const"]
        if "enum" in s:
            return s["enum"][0]
        for key in ("oneOf", "anyOf"):
            if key in s:
                members = s[key]
                # Prefer a member that is not null, so optional data is exercised.
                ordered = [m for m in members if m.get("type") != "null"] + [
                    m for m in members if m.get("type") == "null"
                ]
                return self.value(ordered[0], depth + 1)
        if "allOf" in s:
            out: dict[str, Json] = {}
            for part in s["allOf"]:
                v = self.value(part, depth + 1)
                if isinstance(v, dict):
                    out.update(v)
            rest = {k: v for k, v in s.items() if k != "allOf"}
            if rest.get("properties"):
                extra = self.value({**rest, "type": "object"}, depth + 1)
                out.update(extra)
            return out
        t = s.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), "null")
        if t == "object" or (t is None and "properties" in s):
            props = s.get("properties", {})
            return {k: self.value(props[k], depth + 1) for k in s.get("required", []) if k in props}
        if t == "array":
            n = max(1, s.get("minItems", 1))
            return [self.value(s.get("items", {}), depth + 1) for _ in range(n)]
        if t == "string" and "pattern" in s:
            for candidate in _CANDIDATES:
                if re.search(s["pattern"], candidate):
                    return candidate
            raise ValueError(f"no sample string matches {s['pattern']}")
        if t == "string":
            fmt = s.get("format")
            if fmt == "uuid":
                return _UUID
            if fmt == "date-time":
                return "2026-01-02T03:04:05Z"
            if fmt == "date":
                return "2026-01-02"
            if fmt in ("uri", "url"):
                return "https://example.com/x"
            if fmt == "email":
                return "someone@example.com"
            n = max(1, s.get("minLength", 1))
            return ("x" * n)[: s.get("maxLength", n)]
        if t == "integer":
            return int(s.get("minimum", 1) if "minimum" in s else 1)
        if t == "number":
            return s.get("minimum", 1.5) if "minimum" in s else 1.5
        if t == "boolean":
            return True
        if t == "null":
            return None
        return "x"
