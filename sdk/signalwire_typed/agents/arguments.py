"""Tool arguments: a JSON Schema and a checked converter, both derived once from a Python signature.

Supported annotations: ``str``, ``int``, ``float``, ``bool``, ``Literal[...]``, ``Enum`` subclasses,
``list[T]``, ``dict[str, T]``, ``T | None``, attrs classes, ``TypedDict`` classes and
``Annotated[T, "description"]``. Anything else is refused when the tool is defined.
"""

from __future__ import annotations

import enum
import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Literal, Union, get_args, get_origin, is_typeddict

import attrs
from signalwire_typed_gen._runtime import JsonObject, JsonValue

__all__ = ["ArgumentError", "Converter", "ParameterSpec", "derive_parameters", "resolve_hints"]

Converter = Callable[[object, str], object]
"""Checks one JSON value (second argument: its path for messages) and returns the Python value."""


class ArgumentError(ValueError):
    """A tool was called with arguments that do not match its parameters."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


_KINDS = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}


def _kind(v: object) -> str:
    return "null" if v is None else _KINDS.get(type(v), type(v).__name__)


def _conv_str(v: object, p: str) -> object:
    if isinstance(v, str):
        return v
    raise ArgumentError(p, f"expected string, got {_kind(v)}")


def _conv_int(v: object, p: str) -> object:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    raise ArgumentError(p, f"expected integer, got {_kind(v)}")


def _conv_float(v: object, p: str) -> object:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    raise ArgumentError(p, f"expected number, got {_kind(v)}")


def _conv_bool(v: object, p: str) -> object:
    if isinstance(v, bool):
        return v
    raise ArgumentError(p, f"expected boolean, got {_kind(v)}")


def _conv_json(v: object, p: str) -> object:
    return v


_SCALARS: dict[object, tuple[str, Converter]] = {
    str: ("string", _conv_str),
    int: ("integer", _conv_int),
    float: ("number", _conv_float),
    bool: ("boolean", _conv_bool),
}


@attrs.frozen
class ParameterSpec:
    """The derived JSON Schema of a tool's arguments and the converter that enforces it."""

    schema: JsonObject
    names: tuple[str, ...]
    required: frozenset[str]
    converters: Mapping[str, Converter]

    def convert(self, arguments: object) -> dict[str, object]:
        """Checked keyword arguments for the handler; raises ArgumentError naming the bad argument."""
        if not isinstance(arguments, dict):
            raise ArgumentError("arguments", f"expected an object, got {_kind(arguments)}")
        missing = self.required - arguments.keys()
        if missing:
            raise ArgumentError("arguments", f"missing required argument(s) {', '.join(sorted(missing))}")
        out: dict[str, object] = {}
        converters = self.converters
        for key, value in arguments.items():
            conv = converters.get(key)
            if conv is None:
                raise ArgumentError("arguments", f"unknown argument {key!r}")
            out[key] = conv(value, key)
        return out


def _docstring_args(doc: str | None) -> dict[str, str]:
    """Descriptions from a Google-style ``Args:`` section."""
    found: dict[str, str] = {}
    if not doc:
        return found
    lines = inspect.cleandoc(doc).splitlines()
    in_args = False
    current = ""
    for line in lines:
        stripped = line.strip()
        if stripped in ("Args:", "Arguments:", "Parameters:"):
            in_args = True
            continue
        if not in_args:
            continue
        if stripped and not line.startswith(" "):
            break
        match = re.match(r"^\s{2,8}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$", line)
        if match and line.startswith("    ") and not line.startswith("        "):
            current = match.group(1)
            found[current] = match.group(2).strip()
        elif current and stripped:
            found[current] = f"{found[current]} {stripped}"
    return found


def _field(tp: object, where: str) -> tuple[JsonObject, Converter]:
    """JSON Schema and converter of one annotation."""
    description: str | None = None
    if get_origin(tp) is Annotated:
        tp, *extras = get_args(tp)
        description = next((e for e in extras if isinstance(e, str)), None)
    schema, conv = _plain(tp, where)
    if description is not None:
        schema = {**schema, "description": description}
    return schema, conv


def _plain(tp: object, where: str) -> tuple[JsonObject, Converter]:
    if tp in _SCALARS:
        kind, conv = _SCALARS[tp]
        return {"type": kind}, conv
    origin = get_origin(tp)
    if origin is Literal:
        return _literal(get_args(tp), where)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(tp) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{where}: unions other than `T | None` are not supported as tool arguments")
        schema, inner = _field(members[0], where)

        def conv_optional(v: object, p: str) -> object:
            return None if v is None else inner(v, p)

        return {**schema, "nullable": True}, conv_optional
    if origin is list:
        (item_tp,) = get_args(tp) or (None,)
        if item_tp is None:
            raise TypeError(f"{where}: give the item type, as in list[str]")
        item_schema, item_conv = _field(item_tp, f"{where}[]")

        def conv_list(v: object, p: str) -> object:
            if not isinstance(v, list):
                raise ArgumentError(p, f"expected array, got {_kind(v)}")
            return [item_conv(x, f"{p}[{i}]") for i, x in enumerate(v)]

        return {"type": "array", "items": item_schema}, conv_list
    if origin is dict:
        key_tp, value_tp = get_args(tp) or (None, None)
        if key_tp is not str:
            raise TypeError(f"{where}: only dict[str, T] is supported")
        if value_tp in (JsonValue, object) or str(value_tp) in ("JsonValue", "ForwardRef('JsonValue')"):
            value_conv: Converter = _conv_json
        else:
            _, value_conv = _field(value_tp, f"{where}{{}}")

        def conv_dict(v: object, p: str) -> object:
            if not isinstance(v, dict):
                raise ArgumentError(p, f"expected object, got {_kind(v)}")
            return {k: value_conv(x, f"{p}.{k}") for k, x in v.items()}

        return {"type": "object"}, conv_dict
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp, where)
    if isinstance(tp, type) and attrs.has(tp):
        return _attrs_class(tp, where)
    if isinstance(tp, type) and is_typeddict(tp):
        return _typeddict(tp, where)
    raise TypeError(
        f"{where}: annotation {tp!r} cannot be a tool argument; use str, int, float, bool, Literal, "
        "an Enum, list[...], dict[str, ...], T | None, an attrs class or a TypedDict"
    )


def _literal(values: tuple[object, ...], where: str) -> tuple[JsonObject, Converter]:
    kinds = {type(v) for v in values}
    if len(kinds) != 1 or next(iter(kinds)) not in (str, int):
        raise TypeError(f"{where}: Literal values must all be str or all be int")
    kind = "string" if str in kinds else "integer"
    allowed = tuple(values)
    enum_values: list[JsonValue] = [v for v in values if isinstance(v, (str, int))]

    def conv_literal(v: object, p: str) -> object:
        for a in allowed:
            if v == a and type(v) is type(a):
                return v
        raise ArgumentError(p, f"expected one of {', '.join(repr(a) for a in allowed)}, got {v!r}")

    return {"type": kind, "enum": enum_values}, conv_literal


def _enum(tp: type[enum.Enum], where: str) -> tuple[JsonObject, Converter]:
    by_value = {m.value: m for m in tp}
    values: list[JsonValue] = [v for v in by_value if isinstance(v, (str, int))]
    if len(values) != len(by_value) or len({type(v) for v in values}) != 1:
        raise TypeError(f"{where}: enum {tp.__name__} needs values that are all str or all int")
    kind = "string" if isinstance(values[0], str) else "integer"

    def conv_enum(v: object, p: str) -> object:
        member = by_value.get(v) if isinstance(v, (str, int)) and not isinstance(v, bool) else None
        if member is None or type(v) is not type(member.value):
            raise ArgumentError(p, f"expected one of {', '.join(repr(x) for x in values)}, got {v!r}")
        return member

    return {"type": kind, "enum": values}, conv_enum


def _object_schema(
    fields: Sequence[tuple[str, object, bool, str | None]], where: str
) -> tuple[JsonObject, dict[str, Converter], frozenset[str]]:
    properties: JsonObject = {}
    converters: dict[str, Converter] = {}
    required: list[str] = []
    for name, tp, is_required, description in fields:
        schema, conv = _field(tp, f"{where}.{name}")
        if description and "description" not in schema:
            schema = {**schema, "description": description}
        properties[name] = schema
        converters[name] = conv
        if is_required:
            required.append(name)
    out: JsonObject = {"type": "object", "properties": properties}
    if required:
        out["required"] = list(required)
    return out, converters, frozenset(required)


def _object_converter(
    converters: dict[str, Converter], required: frozenset[str], build: Callable[[dict[str, object]], object]
) -> Converter:
    def conv_object(v: object, p: str) -> object:
        if not isinstance(v, dict):
            raise ArgumentError(p, f"expected object, got {_kind(v)}")
        missing = required - v.keys()
        if missing:
            raise ArgumentError(p, f"missing required field(s) {', '.join(sorted(missing))}")
        out: dict[str, object] = {}
        for key, value in v.items():
            conv = converters.get(key)
            if conv is None:
                raise ArgumentError(p, f"unknown field {key!r}")
            out[key] = conv(value, f"{p}.{key}")
        return build(out)

    return conv_object


def _attrs_class(tp: type, where: str) -> tuple[JsonObject, Converter]:
    hints = typing.get_type_hints(tp, include_extras=True)
    fields = [(f.name, hints[f.name], f.default is attrs.NOTHING, None) for f in attrs.fields(tp) if f.init]
    schema, converters, required = _object_schema(fields, where)
    return schema, _object_converter(converters, required, lambda kw: tp(**kw))


def _typeddict(tp: type, where: str) -> tuple[JsonObject, Converter]:
    hints = typing.get_type_hints(tp, include_extras=True)
    required_keys: frozenset[str] = getattr(tp, "__required_keys__", frozenset())
    fields = [(name, hint, name in required_keys, None) for name, hint in hints.items()]
    schema, converters, required = _object_schema(fields, where)
    return schema, _object_converter(converters, required, lambda kw: kw)


def resolve_hints(func: Callable[..., object]) -> dict[str, object]:
    """The parameter annotations of ``func``, evaluated; the return annotation is not needed."""
    raw = inspect.get_annotations(func)
    globalns = getattr(func, "__globals__", {})
    try:
        localns: dict[str, object] = dict(inspect.getclosurevars(func).nonlocals)
    except (TypeError, ValueError):
        localns = {}
    hints: dict[str, object] = {}
    for name, annotation in raw.items():
        if name == "return":
            continue
        if isinstance(annotation, str):
            try:
                annotation = eval(annotation, globalns, localns)
            except NameError as exc:
                raise TypeError(
                    f"tool {func.__qualname__}: cannot resolve the annotation of {name!r} ({exc})"
                ) from exc
        hints[name] = annotation
    return hints


def derive_parameters(
    func: Callable[..., object], *, skip: frozenset[str] = frozenset(), descriptions: Mapping[str, str] = {}
) -> ParameterSpec:
    """Schema and converter of ``func``'s keyword parameters, minus ``skip`` (self, the raw request)."""
    hints = resolve_hints(func)
    docs = {**_docstring_args(func.__doc__), **descriptions}
    fields: list[tuple[str, object, bool, str | None]] = []
    for name, param in inspect.signature(func).parameters.items():
        if name in skip or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if name not in hints:
            raise TypeError(f"tool {func.__qualname__}: argument {name!r} needs a type annotation")
        fields.append((name, hints[name], param.default is param.empty, docs.get(name)))
    schema, converters, required = _object_schema(fields, f"tool {func.__qualname__}")
    return ParameterSpec(
        schema=schema, names=tuple(f[0] for f in fields), required=required, converters=converters
    )


def explicit_parameters(schema: Mapping[str, object]) -> ParameterSpec:
    """A ParameterSpec for a hand-written JSON Schema: required keys and simple types are checked."""
    properties = schema.get("properties")
    props: Mapping[str, object] = properties if isinstance(properties, dict) else {}
    required_list = schema.get("required")
    required = frozenset(
        r for r in (required_list if isinstance(required_list, list) else []) if isinstance(r, str)
    )
    converters: dict[str, Converter] = {}
    for name, prop in props.items():
        kind = prop.get("type") if isinstance(prop, dict) else None
        found = next((c for k, c in _SCALARS.values() if k == kind), None)
        converters[name] = found or _conv_json
    clean: JsonObject = {"type": "object", "properties": typing.cast(JsonObject, dict(props))}
    if required:
        clean["required"] = list[JsonValue](sorted(required))
    return ParameterSpec(schema=clean, names=tuple(props), required=required, converters=converters)
