"""Generate explicit ``from_dict`` / ``to_dict`` code for every class of a models module.

No reflection happens at run time: each class gets a pair of plain functions, written out
here once, that check and convert field by field. JSON paths are built lazily as nested
``(parent, key)`` tuples and only rendered into text when something is rejected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .constraints import RuleEmitter, Spec, compile_spec, fast_accept
from .pymodels import (
    ListOf,
    Lit,
    MapOf,
    ModelClass,
    Module,
    Prim,
    Ref,
    Type,
    UnionOf,
    annotation,
    has_ref,
    to_type,
    without_none,
)
from .render import render

_SCALAR_CHECK = {
    "str": "_str",
    "int": "_int",
    "float": "_float",
    "bool": "_bool",
    "JsonValue": "_json",
    "JsonObject": "_json_object",
}
# isinstance order matters: bool is an int, and an int is an acceptable float.
_SCALAR_ORDER = ("bool", "int", "float", "str")
_SCALAR_TEST = {
    "bool": "isinstance(v, bool)",
    "int": "isinstance(v, int) and not isinstance(v, bool)",
    "float": "isinstance(v, (int, float)) and not isinstance(v, bool)",
    "str": "isinstance(v, str)",
}
_FAST_TYPE = {
    "str": "type({0}) is str",
    "bool": "type({0}) is bool",
    "int": "type({0}) is int",
    "float": "type({0}) is float or type({0}) is int",
}
# Exact run-time types each scalar member admits as it is (an int is a valid number).
_EXACT_TYPES = {"str": ("str",), "bool": ("bool",), "int": ("int",), "float": ("float", "int")}
_SCALAR_NAME = {"bool": "boolean", "int": "integer", "float": "number", "str": "string"}
# Classes with more optional fields than this load by walking the keys actually present.
_SPARSE_AFTER = 12


@dataclass
class _Emitter:
    module: Module
    defs: dict[str, Any]
    rules: RuleEmitter = field(default_factory=RuleEmitter)
    unions: dict[Type, str] = field(default_factory=dict)
    union_defs: list[str] = field(default_factory=list)
    dump_unions: dict[Type, str] = field(default_factory=dict)
    dump_defs: list[str] = field(default_factory=list)
    check_unions: dict[Type, str] = field(default_factory=dict)
    check_defs: list[str] = field(default_factory=list)
    exact_unions: set[str] = field(default_factory=set)

    def _spec(self, cls: str, key: str) -> Spec | None:
        prop = self.defs.get(cls, {}).get("properties", {}).get(key)
        return compile_spec(prop, self.defs) if prop is not None else None

    def rule(self, cls: str, key: str) -> str | None:
        """The name of the rule function checking field ``key`` of ``cls``, if it needs one."""
        spec = self._spec(cls, key)
        return None if spec is None else self.rules.function(spec)

    def rule_fast(self, cls: str, key: str, var: str) -> str | None:
        """A cheap condition under which ``var`` plainly meets the rule of field ``key`` of ``cls``."""
        spec = self._spec(cls, key)
        return None if spec is None else fast_accept(spec, var, self.rules.pattern)

    def rule_test(self, cls: str, key: str, var: str) -> str | None:
        """A condition that ``var`` breaks the rule of field ``key`` of ``cls`` (binding ``e``).

        Values of the common types that plainly meet the rule skip the call.
        """
        rule = self.rule(cls, key)
        if rule is None:
            return None
        test = f"(e := {rule}({var})) is not None"
        fast = self.rule_fast(cls, key, var)
        return test if fast is None else f"not ({fast}) and {test}"

    def ann(self, t: Type) -> str:
        return annotation(t, lambda cls: f"m.{cls}")

    # -- loading ----------------------------------------------------------------------
    def load(self, t: Type, v: str, p: str, depth: int = 0) -> str:
        """An expression converting JSON value ``v``, found at path expression ``p``, into ``t``."""
        if isinstance(t, Prim):
            if t.name == "Any":
                return v
            if t.name == "None":
                return f"_none({v}, {p})"
            return f"{_SCALAR_CHECK[t.name]}({v}, {p})"
        if isinstance(t, Lit):
            return f'cast("{self.ann(t)}", _lit({v}, {t.values!r}, {p}))'
        if isinstance(t, Ref):
            return f"_load_{t.cls}({v}, {p})"
        if isinstance(t, ListOf):
            if t.item == Prim("Any"):
                return f"_list({v}, {p})"
            i, x = f"i{depth}", f"x{depth}"
            inner = self.load(t.item, x, f"({p}, {i})", depth + 1)
            return f"[{inner} for {i}, {x} in enumerate(_list({v}, {p}))]"
        if isinstance(t, MapOf):
            if t.value == Prim("Any"):
                return f"_map({v}, {p})"
            k, x = f"k{depth}", f"x{depth}"
            inner = self.load(t.value, x, f"({p}, {k})", depth + 1)
            return f"{{{k}: {inner} for {k}, {x} in _map({v}, {p}).items()}}"
        return f"{self.union_loader(t)}({v}, {p})"

    def match(self, cls: str) -> str:
        """A condition that dict ``v`` (with ``keys = v.keys()``) has the shape of ``cls``."""
        c = self.module.classes[cls]
        cond = f"_REQ_{cls} <= keys" if any(f.required for f in c.fields) else "True"
        if not c.open:
            cond += f" and keys <= _KEYS_{cls}"
        for f in c.fields:
            # A required literal (a `const` or enum tag) tells members apart by value.
            if f.required and isinstance(f.type, Lit):
                cond += f" and v[{f.key!r}] in {f.type.values!r}"
        return cond

    def union_loader(self, t: UnionOf) -> str:
        if t in self.unions:
            return self.unions[t]
        name = f"_load_union_{len(self.unions)}"
        self.unions[t] = name
        lines = [f"def {name}(v: object, p: JsonPath) -> {self.ann(t)}:"]
        scalars = {m.name for m in t.members if isinstance(m, Prim)}
        if "Any" in scalars:
            self.union_defs.append("\n".join([*lines, "    return v"]))
            return name
        if "JsonValue" in scalars and not has_ref(t):
            self.union_defs.append("\n".join([*lines, "    return _json(v, p)"]))
            return name
        if "JsonValue" in scalars:
            raise ValueError(f"a free-form JSON value beside models cannot be told apart: {self.ann(t)}")
        expected: list[str] = []
        if "None" in scalars:
            lines.append("    if v is None:\n        return None")
            expected.append("null")
        for s in _SCALAR_ORDER:
            if s in scalars:
                lines.append(f"    if {_SCALAR_TEST[s]}:\n        return v")
                expected.append(_SCALAR_NAME[s])
        for lit in (m for m in t.members if isinstance(m, Lit)):
            kinds = ", ".join(sorted({type(x).__name__ for x in lit.values}))
            lines.append(f"    if isinstance(v, ({kinds},)) and v in {lit.values!r}:")
            lines.append(f'        return cast("{self.ann(lit)}", v)')
            expected.append(" | ".join(repr(x) for x in lit.values))
        refs = [m.cls for m in t.members if isinstance(m, Ref)]
        maps = [m for m in t.members if isinstance(m, MapOf)]
        lists = [m for m in t.members if isinstance(m, ListOf)]
        if refs:
            # A set lookup of the exact type beats isinstance over a long tuple (43 SWML verbs).
            types = f"_TYPES{name}"
            members = "".join(f"m.{r}, " for r in refs)
            self.union_defs.append(f"{types}: frozenset[type] = frozenset(({members}))")
            lines.append(f"    if type(v) in {types}:")
            lines.append(f'        return cast("{" | ".join(f"m.{r}" for r in refs)}", v)')
            lines.append("    if isinstance(v, dict):")
            lines.append("        keys = v.keys()")
            lines.extend(self._dispatch(name, refs))
            expected.append("object")
        elif maps or "JsonObject" in scalars:
            load = self.load(maps[0], "v", "p", 1) if maps else "_json_object(v, p)"
            lines.append(f"    if isinstance(v, dict):\n        return {load}")
            expected.append("object")
        if lists:
            lines.append(f"    if isinstance(v, list):\n        return {self.load(lists[0], 'v', 'p', 1)}")
            expected.append("array")
        lines.append(f'    raise _fail(p, f"expected {" or ".join(expected)}, got {{_kind(v)}}")')
        self.union_defs.append("\n".join(lines))
        return name

    def _signature_keys(self, refs: list[str]) -> dict[str, str] | None:
        """For each member a required key no other member has, if every member has one."""
        required = {r: {f.key for f in self.module.classes[r].fields if f.required} for r in refs}
        out: dict[str, str] = {}
        for r in refs:
            others = set().union(*(required[o] for o in refs if o != r))
            own = sorted(required[r] - others)
            if not own:
                return None
            out[own[0]] = r
        return out

    def _dispatch(self, union: str, refs: list[str], prefix: str = "_load_") -> list[str]:
        shapes = ", ".join(self.shape(r) for r in refs)
        nomatch = f'        raise _fail(p, f"object with keys {{sorted(keys)}} matches none of: {shapes}")'
        signatures = self._signature_keys(refs) if len(refs) > 3 else None
        if signatures is None:
            lines = [f"        if {self.match(r)}:\n            return {prefix}{r}(v, p)" for r in refs]
            return [*lines, nomatch]
        # Many members, each with a key of its own (SWML verbs): find the member by key, and
        # let its loader explain what is wrong with the rest.
        table = f"_BY_KEY{union}"
        entries = ", ".join(f"{k!r}: {prefix}{r}" for k, r in signatures.items())
        self.union_defs.append(f"{table}: dict[str, Callable[[object, JsonPath], Any]] = {{{entries}}}")
        known = ", ".join(sorted(signatures))
        return [
            "        for key in keys:",
            f"            loader = {table}.get(key)",
            "            if loader is not None:",
            "                return cast(" + repr(" | ".join(f"m.{r}" for r in refs)) + ", loader(v, p))",
            f'        raise _fail(p, f"unknown key(s) {{sorted(keys)}}; expected one of: {known}")',
        ]

    def shape(self, cls: str) -> str:
        fields = self.module.classes[cls].fields
        keys = [f.key for f in fields if f.required] or [f.key for f in fields]
        return f"{cls} ({'/'.join(keys) if keys else 'empty'})".replace('"', "'")

    # -- checking straight into JSON ----------------------------------------------------
    def check(self, t: Type, v: str, p: str, depth: int = 0) -> str:
        """An expression checking JSON value ``v`` (at path ``p``) against ``t``, giving JSON data.

        The result is built fresh (a caller's containers are never kept), and a model found where
        an object is expected is dumped, so builders can store JSON and skip the models.
        """
        if v.isidentifier():
            # The common case (the right type) is tested inline: no call, no path built.
            if isinstance(t, Prim) and t.name in _FAST_TYPE:
                return f"{v} if {_FAST_TYPE[t.name].format(v)} else {_SCALAR_CHECK[t.name]}({v}, {p})"
            if isinstance(t, Lit) and all(type(x) is str for x in t.values):
                return f"{v} if type({v}) is str and {v} in {t.values!r} else _lit({v}, {t.values!r}, {p})"
            if isinstance(t, UnionOf):
                name = self.union_checker(t)
                if name in self.exact_unions:
                    return f"{v} if type({v}) in _EXACT{name} else {name}({v}, {p})"
        if isinstance(t, Prim):
            if t.name == "Any":
                return v
            if t.name == "JsonValue":
                return f"_json_copy({v}, {p})"
            if t.name == "JsonObject":
                return f"_json_object_copy({v}, {p})"
            return self.load(t, v, p, depth)
        if isinstance(t, Lit):
            return f"_lit({v}, {t.values!r}, {p})"
        if isinstance(t, Ref):
            return f"check_{t.cls}({v}, {p})"
        if isinstance(t, ListOf):
            i, x = f"i{depth}", f"x{depth}"
            inner = self.check(t.item, x, f"({p}, {i})", depth + 1)
            return f"[{inner} for {i}, {x} in enumerate(_list({v}, {p}))]"
        if isinstance(t, MapOf):
            k, x = f"k{depth}", f"x{depth}"
            inner = self.check(t.value, x, f"({p}, {k})", depth + 1)
            return f"{{{k}: {inner} for {k}, {x} in _map({v}, {p}).items()}}"
        return f"{self.union_checker(t)}({v}, {p})"

    def union_checker(self, t: UnionOf) -> str:
        if t in self.check_unions:
            return self.check_unions[t]
        name = f"_json_union_{len(self.check_unions)}"
        self.check_unions[t] = name
        refs = [m.cls for m in t.members if isinstance(m, Ref)]
        lists = [m for m in t.members if isinstance(m, ListOf)]
        maps = [m for m in t.members if isinstance(m, MapOf)]
        lines = [f"def {name}(v: object, p: JsonPath) -> object:"]
        scalars = {m.name for m in t.members if isinstance(m, Prim)}
        if "Any" in scalars:
            self.check_defs.append("\n".join([*lines, "    return v"]))
            return name
        if "JsonValue" in scalars:
            if refs:
                raise ValueError(f"a free-form JSON value beside models cannot be told apart: {self.ann(t)}")
            self.check_defs.append("\n".join([*lines, "    return _json_copy(v, p)"]))
            return name
        expected: list[str] = []
        exact = sorted({t for sc in scalars for t in _EXACT_TYPES.get(sc, ())})
        if exact:
            # The usual case, a value of exactly a member's type, costs one set lookup.
            self.check_defs.append(f"_EXACT{name}: frozenset[type] = frozenset(({', '.join(exact)},))")
            self.exact_unions.add(name)
            lines.append(f"    if type(v) in _EXACT{name}:\n        return v")
        if "None" in scalars:
            lines.append("    if v is None:\n        return None")
            expected.append("null")
        for sc in _SCALAR_ORDER:
            if sc in scalars:
                lines.append(f"    if {_SCALAR_TEST[sc]}:\n        return v")
                expected.append(_SCALAR_NAME[sc])
        for lit in (m for m in t.members if isinstance(m, Lit)):
            kinds = ", ".join(sorted({type(x).__name__ for x in lit.values}))
            lines.append(f"    if isinstance(v, ({kinds},)) and v in {lit.values!r}:\n        return v")
            expected.append(" | ".join(repr(x) for x in lit.values))
        if refs:
            lines.append("    if isinstance(v, dict):")
            lines.append("        keys = v.keys()")
            lines.extend(self._dispatch(name, refs, "check_"))
            # A model of one of the members is trusted, as loaders trust it, and dumped.
            lines.append(f"    if type(v) in _TYPES{self.union_loader(t)}:")
            lines.append("        return _DUMPERS[type(v)](v)")
            expected.append("object")
        elif maps or "JsonObject" in scalars:
            check = self.check(maps[0], "v", "p", 1) if maps else "_json_object_copy(v, p)"
            lines.append(f"    if isinstance(v, dict):\n        return {check}")
            expected.append("object")
        if lists:
            lines.append(f"    if isinstance(v, list):\n        return {self.check(lists[0], 'v', 'p', 1)}")
            expected.append("array")
        lines.append(f'    raise _fail(p, f"expected {" or ".join(expected)}, got {{_kind(v)}}")')
        self.check_defs.append("\n".join(lines))
        return name

    # -- dumping ----------------------------------------------------------------------
    def dump(self, t: Type, v: str, depth: int = 0) -> str:
        """An expression turning model value ``v`` of type ``t`` into plain JSON data."""
        if not has_ref(t):
            return v
        if isinstance(t, Ref):
            return f"_dump_{t.cls}({v})"
        if isinstance(t, ListOf):
            x = f"x{depth}"
            return f"[{self.dump(t.item, x, depth + 1)} for {x} in {v}]"
        if isinstance(t, MapOf):
            k, x = f"k{depth}", f"x{depth}"
            return f"{{{k}: {self.dump(t.value, x, depth + 1)} for {k}, {x} in {v}.items()}}"
        assert isinstance(t, UnionOf)
        return f"{self.union_dumper(t)}({v})"

    def union_dumper(self, t: UnionOf) -> str:
        if t in self.dump_unions:
            return self.dump_unions[t]
        name = f"_dump_union_{len(self.dump_unions)}"
        self.dump_unions[t] = name
        lines = [f"def {name}(v: {self.ann(t)}) -> object:"]
        if any(isinstance(m, Ref) for m in t.members):
            lines.append("    dumper = _DUMPERS.get(type(v))")
            lines.append("    if dumper is not None:\n        return dumper(v)")
        for m in t.members:
            if isinstance(m, ListOf) and has_ref(m):
                lines.append(f"    if isinstance(v, list):\n        return {self.dump(m, 'v', 1)}")
            elif isinstance(m, MapOf) and has_ref(m):
                lines.append(f"    if isinstance(v, dict):\n        return {self.dump(m, 'v', 1)}")
        lines.append("    return v")
        self.dump_defs.append("\n".join(lines))
        return name


@dataclass
class _ClassCode:
    name: str
    required_keys: list[str]
    all_keys: list[str]
    closed: bool
    sparse: bool
    load_args: list[tuple[str, str]]
    sparse_fields: list[tuple[str, str, str]]
    dump_required: list[tuple[str, str]]
    dump_optional: list[tuple[str, str, str]]
    checks: list[tuple[str, str]]
    check_lines: list[str]


def _check_lines(em: _Emitter, cls: ModelClass) -> list[str]:
    """Straight-line statements checking each field of ``cls`` from ``d`` into ``out``."""
    lines: list[str] = []
    required = [f for f in cls.fields if f.required]
    optional = [f for f in cls.fields if not f.required]
    for f in required + optional:
        path = f"(p, {f.key!r})"
        broken = em.rule_test(cls.name, f.key, "v")
        pad = "    "
        if f.required:
            lines.append(f"{pad}v = d[{f.key!r}]")
        else:
            if f is optional[0] and len(optional) > 1:
                # Often only the required fields are given: one length test skips every optional one.
                lines.append(f"    if len(d) > {len(required)}:" if required else "    if d:")
            if len(optional) > 1:
                pad += "    "
            # Most optional fields are absent: a membership test is the cheapest way to skip one.
            lines.append(f"{pad}if {f.key!r} in d and (v := d[{f.key!r}]) is not None:")
            pad += "    "
        if broken is not None:
            lines.append(f"{pad}if {broken}:")
            lines.append(f"{pad}    raise _fail({path}, e)")
        t = f.type if f.required else without_none(f.type)
        lines.append(f"{pad}out[{f.key!r}] = {em.check(t, 'v', path)}")
    return lines


def _keyword_checker(em: _Emitter, cls: ModelClass) -> str:
    """``kw_<Class>(p, <field>, ...)``: the fields given one by one (None: not given).

    Builders pass their keyword arguments straight in, so no dict is built only to be read.
    """
    fields = [f for f in cls.fields if f.required] + [f for f in cls.fields if not f.required]
    args = "".join(f", a_{f.name}: object = None" for f in cls.fields)
    lines = [
        f"def kw_{cls.name}(p: JsonPath{args}) -> dict[str, object]:",
        f'    """Check the fields of a ``{cls.name}`` given one by one; returns fresh JSON data."""',
    ]
    required = [f for f in fields if f.required]
    if required:
        test = " or ".join(f"a_{f.name} is None" for f in required)
        given = ", ".join(f"({f.key!r}, a_{f.name})" for f in required)
        lines.append(f"    if {test}:")
        lines.append(f"        raise _fail(p, _missing([k for k, x in ({given},) if x is None]))")
    lines.append("    out: dict[str, object] = {}")
    for f in fields:
        path = f"(p, {f.key!r})"
        var = f"a_{f.name}"
        broken = em.rule_test(cls.name, f.key, var)
        pad = "    "
        if not f.required:
            lines.append(f"{pad}if {var} is not None:")
            pad += "    "
        if broken is not None:
            lines.append(f"{pad}if {broken}:")
            lines.append(f"{pad}    raise _fail({path}, e)")
        t = f.type if f.required else without_none(f.type)
        lines.append(f"{pad}out[{f.key!r}] = {em.check(t, var, path)}")
    lines.append("    return out")
    return "\n".join(lines)


def _checker(em: _Emitter, t: Type, rule: str | None, fast: str | None) -> str:
    """A function ``(v, p) -> JSON data`` checking one field: a helper's name, or a lambda."""
    expr = em.check(t, "v" if rule is None else f"_check(v, p, {rule})", "p")
    if rule is not None and fast is not None:
        # Values that plainly meet the rule skip its call.
        expr = f"({em.check(t, 'v', 'p')}) if {fast} else {expr}"
    if expr.endswith("(v, p)") and expr[:-6].isidentifier():
        return expr[:-6]
    return f"lambda v, p: {expr}"


def _class_code(em: _Emitter, cls: ModelClass) -> _ClassCode:
    optional = [f for f in cls.fields if not f.required]
    sparse = len(optional) > _SPARSE_AFTER
    load_args, sparse_fields, dump_required, dump_optional = [], [], [], []
    checks = []
    for f in cls.fields:
        path = f"(p, {f.key!r})"
        rule = em.rule(cls.name, f.key)
        fast = em.rule_fast(cls.name, f.key, "v")
        checks.append((f.key, _checker(em, f.type if f.required else without_none(f.type), rule, fast)))
        if f.required:
            raw = f"d[{f.key!r}]" if rule is None else f"_check(d[{f.key!r}], {path}, {rule})"
            load_args.append((f.name, em.load(f.type, raw, path)))
            dump_required.append((f.key, em.dump(f.type, f"o.{f.name}")))
            continue
        inner = without_none(f.type)
        if sparse:
            raw = "v" if rule is None else f"_check(v, p, {rule})"
            sparse_fields.append((f.key, f.name, em.load(inner, raw, "p")))
        else:
            raw = "v" if rule is None else f"_check(v, {path}, {rule})"
            expr = em.load(inner, raw, path)
            load_args.append((f.name, f"None if (v := d.get({f.key!r})) is None else {expr}"))
        dump_optional.append((f.name, f.key, em.dump(inner, f"o.{f.name}")))
    return _ClassCode(
        name=cls.name,
        required_keys=[f.key for f in cls.fields if f.required],
        all_keys=[f.key for f in cls.fields],
        closed=not cls.open,
        sparse=sparse,
        load_args=load_args,
        sparse_fields=sparse_fields,
        dump_required=dump_required,
        dump_optional=dump_optional,
        checks=checks if sparse else [],
        check_lines=[] if sparse else _check_lines(em, cls),
    )


def converters_module(
    module: Module,
    defs: dict[str, Any],
    header: str,
    keyword_classes: frozenset[str] = frozenset(),
    extra: Callable[[_Emitter], list[str]] | None = None,
) -> str:
    """The converters module; ``keyword_classes`` also get a ``kw_<Class>`` checker for builders,
    and ``extra`` writes more code with the same emitter (RELAY's wire functions)."""
    em = _Emitter(module, defs)
    classes = [_class_code(em, cls) for cls in sorted(module.classes.values(), key=lambda c: c.name)]
    keyword_checkers = [_keyword_checker(em, module.classes[name]) for name in sorted(keyword_classes)]
    aliases = []
    for alias in sorted(module.aliases):
        t = to_type(module.aliases[alias], module.aliases, set(module.classes))
        aliases.append((alias, em.load(t, "data", "path"), em.dump(t, "obj"), em.check(t, "data", "path")))
    wire_defs = extra(em) if extra else []
    return render(
        "convert.py.jinja2",
        aliases=aliases,
        header=header,
        classes=classes,
        union_defs=em.union_defs,
        rules=em.rules.functions,
        patterns={name: pattern for pattern, name in em.rules.patterns.items()},
        dump_defs=em.dump_defs,
        wire_defs=wire_defs,
        check_defs=em.check_defs,
        keyword_checkers=keyword_checkers,
    )
