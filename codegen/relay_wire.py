"""Generate ``_wire_<Class>`` functions: check JSON (or models) against a class and return JSON.

A RELAY command's params are checked once and sent: building attrs models only to dump them
again would double the work. A wire function walks the keys actually present, checks each with
the same constraint rules and union dispatch as the loader, and copies the value into a fresh
dict; a model found anywhere is dumped. Only the classes reachable from the roots get one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .constraints import compile_spec
from .converters import _SCALAR_CHECK, _SCALAR_NAME, _SCALAR_ORDER, _SCALAR_TEST, _Emitter
from .pymodels import ListOf, Lit, MapOf, ModelClass, Prim, Ref, Type, UnionOf, without_none


@dataclass
class WireEmitter:
    """Wire code for the classes of a converters ``_Emitter`` (sharing its rules and matchers)."""

    em: _Emitter
    unions: dict[Type, str] = field(default_factory=dict)
    code: list[str] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    todo: list[str] = field(default_factory=list)

    def expr(self, t: Type, v: str, p: str, depth: int = 0) -> str:
        if isinstance(t, Prim):
            if t.name == "Any":
                return v
            if t.name == "None":
                return f"_none({v}, {p})"
            return f"{_SCALAR_CHECK[t.name]}({v}, {p})"
        if isinstance(t, Lit):
            return f"_lit({v}, {t.values!r}, {p})"
        if isinstance(t, Ref):
            self._need(t.cls)
            return f"_wire_{t.cls}({v}, {p})"
        if isinstance(t, ListOf):
            if t.item == Prim("Any"):
                return f"_list({v}, {p})"
            i, x = f"i{depth}", f"x{depth}"
            inner = self.expr(t.item, x, f"({p}, {i})", depth + 1)
            return f"[{inner} for {i}, {x} in enumerate(_list({v}, {p}))]"
        if isinstance(t, MapOf):
            if t.value == Prim("Any"):
                return f"_map({v}, {p})"
            k, x = f"k{depth}", f"x{depth}"
            inner = self.expr(t.value, x, f"({p}, {k})", depth + 1)
            return f"{{{k}: {inner} for {k}, {x} in _map({v}, {p}).items()}}"
        return f"{self.union(t)}({v}, {p})"

    def union(self, t: UnionOf) -> str:
        if t in self.unions:
            return self.unions[t]
        name = f"_wire_union_{len(self.unions)}"
        self.unions[t] = name
        lines = [f"def {name}(v: object, p: JsonPath) -> object:"]
        scalars = {m.name for m in t.members if isinstance(m, Prim)}
        if "Any" in scalars:
            self.code.append("\n".join([*lines, "    return v"]))
            return name
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
            lines.append(f"    if isinstance(v, ({kinds},)) and v in {lit.values!r}:\n        return v")
            expected.append(" | ".join(repr(x) for x in lit.values))
        refs = [m.cls for m in t.members if isinstance(m, Ref)]
        maps = [m for m in t.members if isinstance(m, MapOf)]
        lists = [m for m in t.members if isinstance(m, ListOf)]
        em = self.em
        if refs:
            for r in refs:
                self._need(r)
            types = f"_WTYPES{name}"
            self.code.append(f"{types}: frozenset[type] = frozenset(({''.join(f'm.{r}, ' for r in refs)}))")
            lines.append(f"    if type(v) in {types}:\n        return _DUMPERS[type(v)](v)")
            lines.append("    if isinstance(v, dict):\n        keys = v.keys()")
            for r in refs:
                lines.append(f"        if {em.match(r)}:\n            return _wire_{r}(v, p)")
            shapes = ", ".join(em.shape(r) for r in refs)
            nomatch = f"object with keys {{sorted(keys)}} matches none of: {shapes}"
            lines.append(f'        raise _fail(p, f"{nomatch}")')
            expected.append("object")
        elif maps:
            lines.append(f"    if isinstance(v, dict):\n        return {self.expr(maps[0], 'v', 'p', 1)}")
            expected.append("object")
        if lists:
            lines.append(f"    if isinstance(v, list):\n        return {self.expr(lists[0], 'v', 'p', 1)}")
            expected.append("array")
        lines.append(f'    raise _fail(p, f"expected {" or ".join(expected)}, got {{_kind(v)}}")')
        self.code.append("\n".join(lines))
        return name

    def _need(self, cls: str) -> None:
        if cls not in self.done:
            self.done.add(cls)
            self.todo.append(cls)

    def klass(self, cls: ModelClass) -> None:
        em = self.em
        entries = []
        fields = []
        for f in cls.fields:
            rule = em.rule(cls.name, f.key)
            raw = "v" if rule is None else f"_check(v, p, {rule})"
            t = f.type if f.required else without_none(f.type)
            expr = self.expr(t, raw, "p")
            # A bare runtime check on (v, p) is entered as the function itself: one call fewer.
            bare = re.fullmatch(r"(_str|_int|_float|_bool|_list|_map)\(v, p\)", expr)
            entries.append(f"    {f.key!r}: {bare.group(1) if bare else f'lambda v, p: {expr}'},")
            fields.append((f.key, f.required, t, rule))
        table = f"_WIRE_{cls.name}"
        self.code.append(
            "\n".join(
                [
                    f"{table}: dict[str, Callable[[object, JsonPath], object]] = {{",
                    *entries,
                    "}",
                ]
            )
        )
        head = f"""def _wire_{cls.name}(data: object, p: JsonPath) -> dict[str, object]:
    if type(data) is m.{cls.name}:
        return _dump_{cls.name}(data)"""
        if cls.open or len(fields) > _STRAIGHT_FIELDS:
            allowed = "None" if cls.open else f"_KEYS_{cls.name}"
            self.code.append(
                f"""{head}
    d = _object(data, p, _REQ_{cls.name}, {allowed})
    out: dict[str, object] = {{}}
    for key, v in d.items():
        check = {table}.get(key)
        if check is None:
            out[key] = v
        elif v is not None or key in _REQ_{cls.name}:
            out[key] = check(v, (p, key))
    return out"""
            )
            return
        # A closed class of a few fields: one line per field, the usual value (already of the
        # right type and within its rule) taken as it is with no call; anything else goes through
        # the field's full check, which converts it or names the mistake.
        req, keys = f"_REQ_{cls.name}", f"_KEYS_{cls.name}"
        lines = [
            head,
            f"    if type(data) is dict and {req} <= data.keys() <= {keys}:",
            "        d = data",
            "    else:",
            f"        d = _object(data, p, {req}, {keys})",
            "    out: dict[str, object] = {}",
        ]
        for key, required, t, rule in fields:
            if isinstance(t, Ref) and rule is None:
                self._need(t.cls)
                value = f"_wire_{t.cls}(v, (p, {key!r}))"
            elif t == Prim("Any") and rule is None:
                value = "v"
            elif isinstance(t, ListOf) and t.item != Prim("Any"):
                # A list (not a tuple) within its rule: its items checked in place, no call.
                inner = self.expr(t.item, "x0", f"((p, {key!r}), i0)", 1)
                test = "type(v) is list" if rule is None else f"type(v) is list and {rule}(v) is None"
                full = f"{table}[{key!r}](v, (p, {key!r}))"
                value = f"[{inner} for i0, x0 in enumerate(v)] if {test} else {full}"
            else:
                test = _fast_test(t)
                full = f"{table}[{key!r}](v, (p, {key!r}))"
                if test is not None and rule is not None:
                    length = _min_length_only(em, cls.name, key)
                    inline = length is not None and t == Prim("str")
                    test = f"{test} and len(v) >= {length}" if inline else f"{test} and {rule}(v) is None"
                value = full if test is None else f"v if {test} else {full}"
            if required:
                lines.append(f"    v = d[{key!r}]")
                lines.append(f"    out[{key!r}] = {value}")
            else:
                lines.append(f"    v = d.get({key!r})")
                lines.append("    if v is not None:")
                lines.append(f"        out[{key!r}] = {value}")
        lines.append("    return out")
        self.code.append("\n".join(lines))


_STRAIGHT_FIELDS = 16  # beyond this, walking the keys given beats looking up every field


def _min_length_only(em: _Emitter, cls: str, key: str) -> int | None:
    """N when a field's only constraint is ``minLength: N`` (the test is then written inline)."""
    prop = em.defs.get(cls, {}).get("properties", {}).get(key)
    spec = compile_spec(prop, em.defs) if prop is not None else None
    if spec is None or spec.min_length is None or spec.any_of:
        return None
    if replace(spec, min_length=None, name=None, types=None).constrained():
        return None
    return spec.min_length


def _fast_test(t: Type) -> str | None:
    """A condition on ``v`` under which the full check of ``t`` returns ``v`` itself, if simple."""
    if isinstance(t, Prim):
        if t.name == "float":
            return "(type(v) is float or type(v) is int)"
        if t.name in ("str", "int", "bool"):
            return f"type(v) is {t.name}"
        return None
    if isinstance(t, Lit) and all(type(x) is str for x in t.values):
        return f"type(v) is str and v in {t.values!r}"
    return None


def wire_code(em: _Emitter, classes: dict[str, ModelClass], roots: list[str]) -> list[str]:
    """Wire functions for ``roots`` and every class they reach, in a deterministic order."""
    w = WireEmitter(em)
    for r in roots:
        w._need(r)
    while w.todo:
        w.klass(classes[w.todo.pop(0)])
    return w.code
