"""Typed skill parameters: each skill declares its ``Param``s once; ``Params`` checks what a user gave."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Literal

import attrs
from signalwire_typed_gen._runtime import JsonObject, JsonValue

__all__ = ["REQUIRED", "Param", "ParamKind", "Params", "json_params"]

ParamKind = Literal["string", "integer", "number", "boolean", "array", "object"]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()
"""Default of a parameter that must be given (or come from its environment variable)."""

_CHECKS: dict[ParamKind, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


@attrs.frozen
class Param:
    """One skill parameter: its JSON type, what it means, its default and an optional env var fallback."""

    name: str
    kind: ParamKind
    description: str
    default: JsonValue | _Required = None
    env: str | None = None
    secret: bool = False
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def default_value(self) -> JsonValue:
        """The default as JSON (None for a required parameter)."""
        return None if isinstance(self.default, _Required) else self.default

    def describe(self) -> str:
        """One line for listings: ``name (kind, required|default=..., env VAR): description``."""
        shown = repr(self.default_value)
        how = "required" if self.required else f"default={shown if len(shown) <= 40 else shown[:37] + '...'}"
        env = f", env {self.env}" if self.env else ""
        return f"{self.name} ({self.kind}, {how}{env}): {self.description}"


def _type_ok(kind: ParamKind, value: JsonValue) -> bool:
    if isinstance(value, bool) and kind != "boolean":
        return False
    return isinstance(value, _CHECKS[kind])


class Params:
    """A skill's parameters after checking: unknown names, wrong types, missing required values and
    values outside ``choices`` raise ValueError naming the skill and the parameter."""

    def __init__(self, skill: str, specs: Sequence[Param], given: JsonObject) -> None:
        self.skill = skill
        known = {p.name: p for p in specs}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ValueError(
                f"{skill} skill: unknown parameter(s) {', '.join(unknown)}; "
                f"known: {', '.join(known) or 'none'}"
            )
        values: dict[str, JsonValue] = {}
        for spec in specs:
            value: JsonValue | _Required = given.get(spec.name, REQUIRED)
            if value is REQUIRED and spec.env and os.environ.get(spec.env):
                value = _from_env(skill, spec, os.environ[spec.env])
            if value is REQUIRED:
                if spec.required:
                    where = f" or set the {spec.env} environment variable" if spec.env else ""
                    raise ValueError(
                        f"{skill} skill: missing required parameter {spec.name!r} (give it{where})"
                    )
                value = spec.default
            elif not isinstance(value, _Required) and not _type_ok(spec.kind, value):
                got = type(value).__name__
                raise ValueError(f"{skill} skill: parameter {spec.name!r} must be {spec.kind}, got {got}")
            if spec.choices and value not in spec.choices:
                raise ValueError(
                    f"{skill} skill: parameter {spec.name!r} must be one of {', '.join(spec.choices)}, "
                    f"got {value!r}"
                )
            assert not isinstance(value, _Required)
            values[spec.name] = value
        self._values = values

    def _get(self, name: str) -> JsonValue:
        return self._values[name]

    def get_str(self, name: str) -> str:
        value = self._get(name)
        return value if isinstance(value, str) else ""

    def opt_str(self, name: str) -> str | None:
        value = self._get(name)
        return value if isinstance(value, str) else None

    def get_int(self, name: str) -> int:
        value = self._get(name)
        return value if isinstance(value, int) else 0

    def get_float(self, name: str) -> float:
        value = self._get(name)
        return float(value) if isinstance(value, (int, float)) else 0.0

    def get_bool(self, name: str) -> bool:
        return self._get(name) is True

    def get_str_list(self, name: str) -> list[str]:
        value = self._get(name)
        if not isinstance(value, list):
            return []
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"{self.skill} skill: parameter {name!r} must be a list of strings")
        return [v for v in value if isinstance(v, str)]

    def get_obj(self, name: str) -> JsonObject:
        value = self._get(name)
        return value if isinstance(value, dict) else {}

    def get_raw(self, name: str) -> JsonValue:
        return self._get(name)


def _from_env(skill: str, spec: Param, text: str) -> JsonValue:
    if spec.kind == "string":
        return text
    if spec.kind == "boolean":
        return text.lower() in {"1", "true", "yes", "on"}
    try:
        return int(text) if spec.kind == "integer" else float(text)
    except ValueError:
        raise ValueError(f"{skill} skill: {spec.env}={text!r} is not a valid {spec.kind}") from None


def json_params(params: Mapping[str, object], skill: str) -> JsonObject:
    """Parameters (a dict or a TypedDict) as a JSON object; TypeError naming the first non-JSON value."""

    def check(value: object, path: str) -> JsonValue:
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        if isinstance(value, (list, tuple)):
            return [check(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, Mapping):
            out: JsonObject = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    raise TypeError(f"{skill} skill: {path} has a non-string key {k!r}")
                out[k] = check(v, f"{path}.{k}")
            return out
        raise TypeError(f"{skill} skill: {path} is a {type(value).__name__}, not a JSON value")

    checked = check(params, "params")
    assert isinstance(checked, dict)
    return checked
