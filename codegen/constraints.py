"""Compile the value constraints of JSON Schema (bounds, lengths, patterns, alternatives) into code.

datamodel-code-generator drops these keywords; the converters check them instead. Each
distinct constraint set becomes one generated function ``_rule_N(v) -> str | None`` that
returns what is wrong with ``v`` (or None), so checking costs a few comparisons and nothing
is interpreted at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .bundle import SpecError

Json = Any

_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_COMPARE = {
    "minimum": ("<", "at least"),
    "maximum": (">", "at most"),
    "exclusiveMinimum": ("<=", "greater than"),
    "exclusiveMaximum": (">=", "less than"),
}
_TEST = {
    "boolean": "isinstance(v, bool)",
    "integer": "(isinstance(v, int) and not isinstance(v, bool))"
    " or (isinstance(v, float) and v.is_integer())",
    "number": "isinstance(v, (int, float)) and not isinstance(v, bool)",
    "string": "isinstance(v, str)",
    "null": "v is None",
    "array": "isinstance(v, (list, tuple))",
    "object": "isinstance(v, dict)",
}


@dataclass(frozen=True)
class Spec:
    """The constraints of one schema; ``types`` are the JSON types it admits (None: any)."""

    types: tuple[str, ...] | None = None
    name: str | None = None
    enum: tuple[Any, ...] | None = None
    numeric: tuple[tuple[str, float], ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    items: Spec | None = None
    any_of: tuple[Spec, ...] = ()

    def constrained(self) -> bool:
        return any(
            (
                self.enum is not None,
                self.numeric,
                self.min_length is not None,
                self.max_length is not None,
                self.pattern is not None,
                self.min_items is not None,
                self.max_items is not None,
                self.items is not None,
                self.any_of,
            )
        )


def _ref_name(schema: Json) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _types(schema: Json, defs: dict[str, Json]) -> tuple[str, ...] | None:
    if not isinstance(schema, dict):
        return None
    name = _ref_name(schema)
    if name is not None:
        return _types(defs[name], defs)
    t = schema.get("type")
    if isinstance(t, str):
        return (t,)
    if isinstance(t, list):
        return tuple(sorted(t))
    if "const" in schema or "enum" in schema:
        values = schema.get("enum", [schema.get("const")])
        kinds = {
            "boolean" if isinstance(v, bool) else "string" if isinstance(v, str) else "number" for v in values
        }
        return tuple(sorted(kinds))
    members = schema.get("anyOf") or schema.get("oneOf")
    if members:
        found: set[str] = set()
        for m in members:
            mt = _types(m, defs)
            if mt is None:
                return None
            found |= set(mt)
        return tuple(sorted(found))
    return None


def compile_spec(
    schema: Json,
    defs: dict[str, Json],
    name: str | None = None,
    seen: frozenset[str] = frozenset(),
    branch: bool = False,
) -> Spec | None:
    """The constraints of ``schema``, or None if nothing about it needs checking.

    A field's own ``enum``/``const`` is left to its ``Literal`` type; inside alternatives
    (``branch``) it is what tells them apart, so it is kept.
    """
    if not isinstance(schema, dict):
        return None
    ref = _ref_name(schema)
    if ref is not None:
        target = defs[ref]
        if ref in seen or target.get("properties"):
            return None  # objects check their own fields
        inner = compile_spec(target, defs, ref, seen | {ref}, branch)
        own = compile_spec({k: v for k, v in schema.items() if k != "$ref"}, defs, name, seen, branch)
        if inner is None or own is None:
            return inner or own
        return Spec(**{**own.__dict__, "any_of": (inner,)})
    args: dict[str, Any] = {}
    if ("const" in schema or "enum" in schema) and branch:
        values = schema["enum"] if "enum" in schema else [schema["const"]]
        if any(isinstance(v, (dict, list)) for v in values):
            raise SpecError(f"enum/const of objects or arrays is not supported: {values!r}")
        args["enum"] = tuple(values)
    numeric = tuple((k, schema[k]) for k in _NUMERIC if k in schema)
    if numeric:
        args["numeric"] = numeric
    for key, arg in (
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
        ("minItems", "min_items"),
        ("maxItems", "max_items"),
    ):
        if key in schema:
            args[arg] = schema[key]
    if "pattern" in schema:
        try:
            re.compile(schema["pattern"])
        except re.error as exc:
            raise SpecError(
                f"pattern {schema['pattern']!r} is not a Python regular expression: {exc}"
            ) from None
        args["pattern"] = schema["pattern"]
    if isinstance(schema.get("items"), dict):
        items = compile_spec(schema["items"], defs, None, seen)
        if items is not None:
            args["items"] = items
    members = schema.get("anyOf") or schema.get("oneOf") or []
    branches = [(compile_spec(m, defs, None, seen, branch=True), _types(m, defs)) for m in members]
    if any(s is not None for s, _ in branches) and all(t is not None for _, t in branches):
        args["any_of"] = tuple(s or Spec(types=t) for s, t in branches)
    if not args:
        return None
    return Spec(types=_types(schema, defs), name=name, **args)


# The exact run-time types a JSON type names, for fast paths (subclasses take the full check).
_EXACT = {
    "boolean": ("bool",),
    "integer": ("int",),
    "number": ("int", "float"),
    "string": ("str",),
    "null": ("NoneType",),
    "array": ("list", "tuple"),
    "object": ("dict",),
}
_ALL_EXACT = ("bool", "int", "float", "str", "NoneType", "list", "tuple", "dict")
_VAR = re.compile(r"\bv\b")
_ACCEPT = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}


def _accepts(spec: Spec, pattern: Callable[[str], str]) -> dict[str, str]:
    """For each exact type, a condition on ``v`` under which ``spec`` surely holds ("" if always).

    Types left out need the full rule; a value meeting its type's condition skips the call.
    """
    if spec.enum is not None:
        return {}
    out = {t: "" for t in _ALL_EXACT}
    if spec.numeric:
        bounds = " and ".join(f"v {_ACCEPT[k]} {b!r}" for k, b in spec.numeric)
        out["int"] = out["float"] = bounds
    text = []
    if spec.min_length is not None:
        text.append(f"len(v) >= {spec.min_length}")
    if spec.max_length is not None:
        text.append(f"len(v) <= {spec.max_length}")
    if spec.pattern is not None:
        text.append(f"{pattern(spec.pattern)}.search(v)")
    if text:
        out["str"] = " and ".join(text)
    if spec.min_items is not None or spec.max_items is not None or spec.items is not None:
        del out["list"], out["tuple"]
    if spec.any_of:
        branches: dict[str, str] = {}
        for b in spec.any_of:
            allowed = {x for t in b.types for x in _EXACT[t]} if b.types else set(_ALL_EXACT)
            inner = _accepts(b, pattern) if b.constrained() else {t: "" for t in _ALL_EXACT}
            for t, cond in inner.items():
                if t in allowed and (t not in branches or (branches[t] and not cond)):
                    branches[t] = cond
        out = {t: " and ".join(c for c in (out[t], branches[t]) if c) for t in out.keys() & branches.keys()}
    return out


def fast_accept(spec: Spec, var: str, pattern: Callable[[str], str]) -> str | None:
    """A cheap condition on ``var`` under which ``spec`` holds, so its rule need not be called.

    ``pattern`` names the compiled regular expression of a pattern.
    """
    accepts = _accepts(spec, pattern)
    if spec.types:
        # Only the types the schema names: the field's own check rejects the rest anyway.
        named = {x for t in spec.types for x in _EXACT[t]}
        accepts = {t: c for t, c in accepts.items() if t in named}
    groups: dict[str, list[str]] = {}
    for t in _ALL_EXACT:
        if t in accepts and t != "NoneType":
            groups.setdefault(accepts[t], []).append(t)
    parts = []
    for cond, types in groups.items():
        test = " or ".join(f"type({var}) is {t}" for t in types)
        if cond:
            test = f"({test}) and " + _VAR.sub(var, cond)
        parts.append(f"({test})" if len(groups) > 1 else test)
    return " or ".join(parts) if parts else None


@dataclass
class RuleEmitter:
    """Writes one function per distinct ``Spec``, and the compiled patterns they use."""

    names: dict[Spec, str] = field(default_factory=dict)
    functions: list[str] = field(default_factory=list)
    patterns: dict[str, str] = field(default_factory=dict)

    def function(self, spec: Spec) -> str:
        if spec in self.names:
            return self.names[spec]
        name = f"_rule_{len(self.names)}"
        self.names[spec] = name
        self.functions.append(
            "\n".join([f"def {name}(v: object) -> str | None:", *self._body(spec), "    return None"])
        )
        return name

    def pattern(self, pattern: str) -> str:
        """The name of the compiled ``pattern``."""
        return self.patterns.setdefault(pattern, f"_PATTERN_{len(self.patterns)}")

    def _body(self, spec: Spec) -> list[str]:
        what = _escape(f" ({spec.name})" if spec.name else "")
        lines: list[str] = []

        def check(indent: int, condition: str, message: str) -> None:
            """``if condition: return f"message"``; ``message`` is f-string text about ``v``."""
            pad = " " * indent
            lines.append(f"{pad}if {condition}:")
            lines.append(f'{pad}    return f"{message}{what}"')

        if spec.enum is not None:
            allowed = _escape(", ".join(repr(e) for e in spec.enum))
            check(4, f"v not in {spec.enum!r}", f"must be one of {allowed}, got {{v!r}}")
        if spec.numeric:
            lines.append(f"    if {_TEST['number']}:")
            for key, bound in spec.numeric:
                op, text = _COMPARE[key]
                check(8, f"v {op} {bound!r}", f"must be {text} {bound!r}, got {{v!r}}")
        if spec.min_length is not None or spec.max_length is not None or spec.pattern is not None:
            lines.append("    if isinstance(v, str):")
            if spec.min_length is not None:
                check(
                    8,
                    f"len(v) < {spec.min_length}",
                    f"must be at least {spec.min_length} characters, got {{v!r}}",
                )
            if spec.max_length is not None:
                check(
                    8,
                    f"len(v) > {spec.max_length}",
                    f"must be at most {spec.max_length} characters, got {{len(v)}}",
                )
            if spec.pattern is not None:
                pat = self.pattern(spec.pattern)
                check(8, f"not {pat}.search(v)", f"{{v!r}} does not match {{{pat}.pattern}}")
        if spec.min_items is not None or spec.max_items is not None or spec.items is not None:
            lines.append(f"    if {_TEST['array']}:")
            if spec.min_items is not None:
                check(
                    8,
                    f"len(v) < {spec.min_items}",
                    f"must have at least {spec.min_items} items, got {{len(v)}}",
                )
            if spec.max_items is not None:
                check(
                    8,
                    f"len(v) > {spec.max_items}",
                    f"must have at most {spec.max_items} items, got {{len(v)}}",
                )
            if spec.items is not None:
                inner = self.function(spec.items)
                lines.append("        for i, x in enumerate(v):")
                lines.append(f"            if (e := {inner}(x)) is not None:")
                lines.append('                return f"item {i} {e}"')
        if spec.any_of:
            # A value one unconstrained alternative admits passes at once; only then are the
            # others tried (and their error messages written).
            for b in (b for b in spec.any_of if not b.constrained()):
                test = " or ".join(f"({_TEST[t]})" for t in b.types) if b.types else "True"
                lines.append(f"    if {test}:")
                lines.append("        return None")
            lines.append("    errors: list[str] = []")
            for b in (b for b in spec.any_of if b.constrained()):
                test = " or ".join(f"({_TEST[t]})" for t in b.types) if b.types else "True"
                lines.append(f"    if {test}:")
                lines.append(f"        if (e := {self.function(b)}(v)) is None:")
                lines.append("            return None")
                lines.append("        errors.append(e)")
            lines.append("    if len(errors) == 1:")
            lines.append("        return errors[0]")
            lines.append("    if errors:")
            lines.append('        return f"{v!r} fits none of the allowed forms: " + "; or ".join(errors)')
        return lines


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}").replace('"', '\\"')
