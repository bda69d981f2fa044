"""Generate explicit ``from_dict`` / ``to_dict`` code for every class of a models module.

No reflection happens at run time: each class gets a pair of plain functions, written out
here once, that check and convert field by field and name the JSON path of any problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pymodels import ListOf, Lit, MapOf, Module, Prim, Ref, Type, UnionOf, has_ref, to_type, without_none
from .render import render

_SCALAR_CHECK = {"str": "_str", "int": "_int", "float": "_float", "bool": "_bool"}
# isinstance order matters: bool is an int, and an int is an acceptable float.
_SCALAR_ORDER = ("bool", "int", "float", "str")


@dataclass
class _Emitter:
    module: Module
    unions: dict[Type, str] = field(default_factory=dict)
    union_defs: list[str] = field(default_factory=list)
    dump_unions: dict[Type, str] = field(default_factory=dict)
    dump_defs: list[str] = field(default_factory=list)

    # -- annotations ------------------------------------------------------------------
    def ann(self, t: Type) -> str:
        if isinstance(t, Prim):
            return t.name
        if isinstance(t, Lit):
            return f"Literal[{', '.join(repr(v) for v in t.values)}]"
        if isinstance(t, ListOf):
            return f"list[{self.ann(t.item)}]"
        if isinstance(t, MapOf):
            return f"dict[str, {self.ann(t.value)}]"
        if isinstance(t, Ref):
            return f"m.{t.cls}"
        return " | ".join(self.ann(m) for m in t.members)

    # -- loading ----------------------------------------------------------------------
    def load(self, t: Type, v: str, p: str, depth: int = 0) -> str:
        """An expression converting JSON value ``v`` into type ``t``.

        ``p`` is the body of an f-string giving the JSON path, such as ``{p}.url``.
        """
        path = p[1:-1] if re.fullmatch(r"\{\w+\}", p) else f'f"{p}"'
        if isinstance(t, Prim):
            if t.name == "Any":
                return v
            if t.name == "None":
                return f"_none({v}, {path})"
            return f"{_SCALAR_CHECK[t.name]}({v}, {path})"
        if isinstance(t, Lit):
            return f'cast("{self.ann(t)}", _lit({v}, {t.values!r}, {path}))'
        if isinstance(t, Ref):
            return f"_load_{t.cls}({v}, {path})"
        if isinstance(t, ListOf):
            if t.item == Prim("Any"):
                return f"_list({v}, {path})"
            i, x = f"i{depth}", f"x{depth}"
            inner = self.load(t.item, x, f"{p}[{{{i}}}]", depth + 1)
            return f"[{inner} for {i}, {x} in enumerate(_list({v}, {path}))]"
        if isinstance(t, MapOf):
            if t.value == Prim("Any"):
                return f"_dict({v}, {path})"
            k, x = f"k{depth}", f"x{depth}"
            inner = self.load(t.value, x, f"{p}.{{{k}}}", depth + 1)
            return f"{{{k}: {inner} for {k}, {x} in _dict({v}, {path}).items()}}"
        return f"{self.union_loader(t)}({v}, {path})"

    def union_loader(self, t: UnionOf) -> str:
        if t in self.unions:
            return self.unions[t]
        name = f"_load_union_{len(self.unions)}"
        self.unions[t] = name
        lines = [f"def {name}(v: object, p: str) -> {self.ann(t)}:"]
        scalars = {m.name: m for m in t.members if isinstance(m, Prim)}
        lits = [m for m in t.members if isinstance(m, Lit)]
        refs = [m.cls for m in t.members if isinstance(m, Ref)]
        lists = [m for m in t.members if isinstance(m, ListOf)]
        maps = [m for m in t.members if isinstance(m, MapOf)]
        expected: list[str] = []
        if "Any" in scalars:
            lines.append("    return v")
            self.union_defs.append("\n".join(lines))
            return name
        if "None" in scalars:
            lines.append("    if v is None:\n        return None")
            expected.append("null")
        for s in _SCALAR_ORDER:
            if s in scalars:
                test = {
                    "bool": "isinstance(v, bool)",
                    "int": "isinstance(v, int) and not isinstance(v, bool)",
                    "float": "isinstance(v, (int, float)) and not isinstance(v, bool)",
                    "str": "isinstance(v, str)",
                }[s]
                lines.append(f"    if {test}:\n        return v")
                expected.append({"bool": "boolean", "int": "integer", "float": "number", "str": "string"}[s])
        for lit in lits:
            kinds = sorted({type(x).__name__ for x in lit.values})
            test = f"isinstance(v, ({', '.join(kinds)},)) and v in {lit.values!r}"
            lines.append(f'    if {test}:\n        return cast("{self.ann(lit)}", v)')
            expected.append(" | ".join(repr(x) for x in lit.values))
        if refs:
            lines.append(f"    if isinstance(v, ({''.join(f'm.{r}, ' for r in refs)})):\n        return v")
            lines.append("    if isinstance(v, dict):")
            lines.append("        keys = v.keys()")
            for r in refs:
                cond = f"_REQ_{r} <= keys" if self.key_sets(r)[0] else "True"
                if not self.module.classes[r].open:
                    cond += f" and keys <= _KEYS_{r}"
                for f in self.module.classes[r].fields:
                    # A required literal (a `const` or enum tag) tells members apart by value.
                    if f.required and isinstance(f.type, Lit):
                        cond += f" and v[{f.key!r}] in {f.type.values!r}"
                lines.append(f"        if {cond}:\n            return _load_{r}(v, p)")
            shapes = ", ".join(self.shape(r) for r in refs)
            lines.append(
                f'        raise _fail(p, f"object with keys {{sorted(keys)}} matches none of: {shapes}")'
            )
            expected.append("object")
        elif maps:
            expr = self.load(maps[0], "v", "{p}", 1)
            lines.append(f"    if isinstance(v, dict):\n        return {expr}")
            expected.append("object")
        if lists:
            expr = self.load(lists[0], "v", "{p}", 1)
            lines.append(f"    if isinstance(v, list):\n        return {expr}")
            expected.append("array")
        lines.append(f'    raise _fail(p, f"expected {" or ".join(expected)}, got {{_kind(v)}}")')
        self.union_defs.append("\n".join(lines))
        return name

    def key_sets(self, cls: str) -> tuple[list[str], list[str]]:
        fields = self.module.classes[cls].fields
        return [f.key for f in fields if f.required], [f.key for f in fields]

    def shape(self, cls: str) -> str:
        req, allowed = self.key_sets(cls)
        keys = req or allowed
        return f"{cls} ({'/'.join(keys) if keys else 'empty'})".replace('"', "'")

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
        for m in t.members:
            if isinstance(m, Ref):
                lines.append(f"    if isinstance(v, m.{m.cls}):\n        return _dump_{m.cls}(v)")
            elif isinstance(m, ListOf) and has_ref(m):
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
    load_args: list[tuple[str, str]]
    dump_required: list[tuple[str, str]]
    dump_optional: list[tuple[str, str, str]]


def converters_module(module: Module, header: str) -> str:
    em = _Emitter(module)
    classes: list[_ClassCode] = []
    for cls in sorted(module.classes.values(), key=lambda c: c.name):
        load_args = []
        dump_required = []
        dump_optional = []
        for f in cls.fields:
            safe = f.key.replace("{", "{{").replace("}", "}}").replace('"', '\\"')
            path = "{p}." + safe if f.key.isidentifier() else "{p}['" + safe + "']"
            if f.required:
                load_args.append((f.name, em.load(f.type, f"d[{f.key!r}]", path)))
                dump_required.append((f.key, em.dump(f.type, f"o.{f.name}")))
            else:
                inner = without_none(f.type)
                load_args.append(
                    (f.name, f"None if (v := d.get({f.key!r})) is None else {em.load(inner, 'v', path)}")
                )
                dump_optional.append((f.name, f.key, em.dump(inner, f"o.{f.name}")))
        classes.append(
            _ClassCode(
                name=cls.name,
                required_keys=[f.key for f in cls.fields if f.required],
                all_keys=[f.key for f in cls.fields],
                closed=not cls.open,
                load_args=load_args,
                dump_required=dump_required,
                dump_optional=dump_optional,
            )
        )
    aliases = []
    for alias in sorted(module.aliases):
        t = to_type(module.aliases[alias], module.aliases, set(module.classes))
        aliases.append((alias, em.load(t, "data", "{path}"), em.dump(t, "obj")))
    return render(
        "convert.py.jinja2",
        aliases=aliases,
        header=header,
        classes=classes,
        union_defs=em.union_defs,
        dump_defs=em.dump_defs,
    )
