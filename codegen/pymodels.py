"""Read a generated attrs models module back into a small type IR.

The converter and builder generators work from what datamodel-code-generator actually wrote
(class names, field names, JSON keys, annotations), so they can never disagree with it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

# JsonValue and JsonObject are the runtime's free-form JSON aliases (see normalize.json_values).
_PRIMS = {"str", "int", "float", "bool", "Any", "None", "JsonValue", "JsonObject"}


@dataclass(frozen=True)
class Prim:
    name: str  # str, int, float, bool, Any, None, JsonValue, JsonObject


@dataclass(frozen=True)
class Lit:
    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class ListOf:
    item: Type


@dataclass(frozen=True)
class MapOf:
    value: Type


@dataclass(frozen=True)
class Ref:
    cls: str


@dataclass(frozen=True)
class UnionOf:
    members: tuple[Type, ...]


Type = Prim | Lit | ListOf | MapOf | Ref | UnionOf


@dataclass
class Field:
    name: str
    key: str
    annotation: ast.expr
    type: Type
    required: bool
    doc: str | None = None


@dataclass
class ModelClass:
    name: str
    fields: list[Field]
    doc: str | None = None
    open: bool = False  # keeps unnamed keys in ``additional_properties``


@dataclass
class Module:
    classes: dict[str, ModelClass] = field(default_factory=dict)
    aliases: dict[str, ast.expr] = field(default_factory=dict)


def read_module(source: str) -> Module:
    tree = ast.parse(source)
    mod = Module()
    raw_classes: list[ast.ClassDef] = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            mod.aliases[node.target.id] = _unquote(node.value)
        elif isinstance(node, ast.ClassDef):
            raw_classes.append(node)
    names = {c.name for c in raw_classes}
    for cdef in raw_classes:
        fields: list[Field] = []
        is_open = False
        body = cdef.body
        for i, stmt in enumerate(body):
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
                continue
            if isinstance(stmt.value, ast.Call) and "additional" in ast.unparse(stmt.value):
                is_open = True
                continue
            key = stmt.target.id
            required = stmt.value is None
            if isinstance(stmt.value, ast.Call):
                required = not any(kw.arg == "default" for kw in stmt.value.keywords)
                for kw in stmt.value.keywords:
                    if kw.arg == "metadata" and isinstance(kw.value, ast.Dict):
                        key = ast.literal_eval(kw.value)["key"]
            annotation = _unquote(stmt.annotation)
            fields.append(
                Field(
                    name=stmt.target.id,
                    key=key,
                    annotation=annotation,
                    type=to_type(annotation, mod.aliases, names),
                    required=required,
                    doc=_docstring_after(body, i),
                )
            )
        mod.classes[cdef.name] = ModelClass(cdef.name, fields, ast.get_docstring(cdef), is_open)
    return mod


def _docstring_after(body: list[ast.stmt], i: int) -> str | None:
    if i + 1 < len(body):
        nxt = body[i + 1]
        if (
            isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            return nxt.value.value
    return None


def _unquote(node: ast.expr) -> ast.expr:
    """Forward references are written as strings; parse them back into expressions."""

    class Unquote(ast.NodeTransformer):
        def visit_Constant(self, c: ast.Constant) -> ast.AST:
            if isinstance(c.value, str) and c.value.isidentifier():
                return ast.Name(id=c.value, ctx=ast.Load())
            return c

        def visit_Subscript(self, s: ast.Subscript) -> ast.AST:
            if isinstance(s.value, ast.Name) and s.value.id == "Literal":
                return s  # literal values are strings, not references
            self.generic_visit(s)
            return s

    return Unquote().visit(node)  # type: ignore[no-any-return]


def to_type(node: ast.expr, aliases: dict[str, ast.expr], classes: set[str]) -> Type:
    if isinstance(node, ast.Constant) and node.value is None:
        return Prim("None")
    if isinstance(node, ast.Name):
        if node.id in classes:
            return Ref(node.id)
        if node.id in aliases:
            return to_type(aliases[node.id], aliases, classes)
        if node.id in _PRIMS:
            return Prim(node.id)
        if node.id == "dict":
            return MapOf(Prim("Any"))
        if node.id == "list":
            return ListOf(Prim("Any"))
        raise ValueError(f"unsupported type name {node.id!r}")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([to_type(node.left, aliases, classes), to_type(node.right, aliases, classes)])
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        head = node.value.id
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if head == "Literal":
            return Lit(tuple(ast.literal_eval(a) for a in args))
        if head == "list":
            return ListOf(to_type(args[0], aliases, classes))
        if head == "dict":
            return MapOf(to_type(args[1], aliases, classes))
        if head == "Union":
            return _union([to_type(a, aliases, classes) for a in args])
        if head == "Optional":
            return _union([to_type(args[0], aliases, classes), Prim("None")])
    raise ValueError(f"unsupported annotation {ast.unparse(node)!r}")


def _union(parts: list[Type]) -> Type:
    members: list[Type] = []
    for part in parts:
        for m in part.members if isinstance(part, UnionOf) else (part,):
            if m not in members:
                members.append(m)
    return members[0] if len(members) == 1 else UnionOf(tuple(members))


def without_none(t: Type) -> Type:
    if isinstance(t, UnionOf):
        return _union([m for m in t.members if m != Prim("None")])
    return t


def has_ref(t: Type) -> bool:
    if isinstance(t, Ref):
        return True
    if isinstance(t, ListOf):
        return has_ref(t.item)
    if isinstance(t, MapOf):
        return has_ref(t.value)
    if isinstance(t, UnionOf):
        return any(has_ref(m) for m in t.members)
    return False


def annotation(
    t: Type,
    ref: Callable[[str], str],
    *,
    seq: str = "list",
    mapping: str = "dict",
    any_: str = "Any",
) -> str:
    """Python source of an annotation for ``t``; ``ref`` spells a class reference."""
    if isinstance(t, Prim):
        return any_ if t.name == "Any" else t.name
    if isinstance(t, Lit):
        return f"Literal[{', '.join(repr(v) for v in t.values)}]"
    if isinstance(t, Ref):
        return ref(t.cls)
    if isinstance(t, ListOf):
        return f"{seq}[{annotation(t.item, ref, seq=seq, mapping=mapping, any_=any_)}]"
    if isinstance(t, MapOf):
        return f"{mapping}[str, {annotation(t.value, ref, seq=seq, mapping=mapping, any_=any_)}]"
    return " | ".join(annotation(m, ref, seq=seq, mapping=mapping, any_=any_) for m in t.members)
