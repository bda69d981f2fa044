"""Generate the typed SWML section builders: one method per verb, parameters from the verb's schema."""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from typing import Any

from .dcg import TYPEDDICT_SUFFIX
from .pymodels import Lit, ModelClass, Module, Prim, Ref, Type, UnionOf, annotation, without_none
from .render import render


@dataclass
class Param:
    name: str
    key: str
    annotation: str
    doc: str


@dataclass
class Verb:
    method: str
    key: str
    wrapper: str
    params: list[Param]
    value_annotation: str | None
    value_required: bool
    value_name: str
    doc: str
    value_class: str | None = None  # the one class the verb's value can be, if so
    members: list[Member] | None = None  # the classes a union verb's value can be, told apart by key
    value_kw: bool = False  # a plain value (never null) checked with the wrapper's kw_<Class>

    @property
    def keyword_classes(self) -> list[str]:
        """The classes this verb checks with ``kw_<Class>``."""
        if self.value_class:
            return [self.value_class]
        if self.members:
            return [x.cls for x in self.members]
        if self.value_kw:
            return [self.wrapper]
        return []


@dataclass
class Member:
    """One class of a union verb: chosen when ``signature`` is given and none of ``foreign`` is."""

    cls: str
    signature: str
    foreign: list[str]
    args: list[str]


def input_annotation(t: Type) -> str:
    """What a caller may pass for ``t``: models or their TypedDicts, any sequence or mapping."""
    return annotation(
        t,
        lambda cls: f"m.{cls} | d.{cls}{TYPEDDICT_SUFFIX}",
        seq="Sequence",
        mapping="Mapping",
        any_="object",
    )


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def verbs_of(module: Module, schema: dict[str, Any], method_union: str) -> list[Verb]:
    """The verbs of a ``oneOf`` of single-key wrapper defs, in schema order."""
    verbs = []
    for member in schema["$defs"][method_union]["oneOf"]:
        wrapper = module.classes[member["$ref"].rsplit("/", 1)[-1]]
        (vfield,) = wrapper.fields
        t = without_none(vfield.type)
        members = t.members if isinstance(t, UnionOf) else (t,)
        refs = [module.classes[x.cls] for x in members if isinstance(x, Ref)]
        others = [x for x in members if not isinstance(x, Ref)]
        params: dict[str, Param] = {}
        types: dict[str, list[Type]] = {}
        for cls in refs:
            for f in cls.fields:
                types.setdefault(f.name, [])
                ft = without_none(f.type)
                if ft not in types[f.name]:
                    types[f.name].append(ft)
                params.setdefault(f.name, Param(f.name, f.key, "", _first_line(f.doc)))
        for name, p in params.items():
            ts = types[name]
            p.annotation = " | ".join(input_annotation(x) for x in ts)
        members = _members(refs, list(params)) if refs and not others and len(refs) > 1 else None
        value_ann = None
        if others:
            value_ann = " | ".join(input_annotation(x) for x in others)
        doc = (
            _first_line(refs[0].doc if len(refs) == 1 and refs[0].doc else vfield.doc)
            or f"The `{vfield.key}` verb."
        )
        verbs.append(
            Verb(
                method=vfield.name if not keyword.iskeyword(vfield.name) else vfield.name + "_",
                key=vfield.key,
                wrapper=wrapper.name,
                params=list(params.values()),
                value_annotation=value_ann,
                value_required=not refs,
                value_name="value_" if "value" in params else "value",
                doc=doc,
                value_class=refs[0].name if len(refs) == 1 and not others else None,
                members=members,
                value_kw=bool(others) and not refs and t == vfield.type and not _nullable(others),
            )
        )
    return verbs


def _nullable(types: list[Type]) -> bool:
    """Whether null is a valid value of one of ``types`` (kw_<Class> takes None for not given)."""
    return any(isinstance(x, Prim) and x.name in ("None", "JsonValue", "Any") for x in types)


def _members(refs: list[ModelClass], params: list[str]) -> list[Member] | None:
    """Each class of a union verb with a required field no other class has, if every class has one."""
    required = {c.name: {f.name for f in c.fields if f.required} for c in refs}
    out = []
    for c in refs:
        own = sorted(required[c.name] - set().union(*(required[o.name] for o in refs if o is not c)))
        if not own:
            return None
        names = [f.name for f in c.fields]
        out.append(Member(c.name, own[0], [x for x in params if x not in names], names))
    return out


@dataclass
class Builder:
    """A section builder class over a method union, and the document class built on it."""

    section: str
    union: str
    root: str
    document: str
    verbs: list[Verb] | None = None
    version_annotation: str = ""
    version_default: str = ""


def builder_module(
    module: Module, schema: dict[str, Any], builders: list[Builder], header: str, doc: str
) -> str:
    for b in builders:
        b.verbs = verbs_of(module, schema, b.union)
        (version,) = [f for f in module.classes[b.root].fields if f.key == "version"]
        b.version_annotation = input_annotation(version.type)
        fixed = without_none(version.type)
        b.version_default = (
            repr(fixed.values[0]) if isinstance(fixed, Lit) and len(fixed.values) == 1 else "None"
        )
    return render("builder.py.jinja2", header=header, builders=builders, doc=doc)
