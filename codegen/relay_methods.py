"""RELAY methods: find the request defs of a spec folder and write ``methods.py``.

A request def is an object whose ``method`` property is a ``const`` and whose ``params`` is a
``$ref`` to a ``<Name>Params`` def; ``<Name>Options`` (what the user chooses) and
``<Name>Result`` are found by name. Request defs are taken out of the models: ``methods.py``
builds the params, and the bundled schema still validates whole frames.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

from .builder import input_annotation
from .bundle import SpecError
from .pymodels import Module, without_none
from .render import render

Json = Any


@dataclass
class Arg:
    name: str
    key: str
    annotation: str
    required: bool
    doc: str


@dataclass
class MethodDef:
    method: str  # calling.play
    request: str  # CallingPlayRequest
    params: str  # CallingPlayParams
    options: str | None  # CallingPlayOptions
    result: str | None  # CallingPlayResult
    doc: str
    name: str = ""  # CallingPlay
    function: str = ""  # calling_play
    explicit: list[Arg] = field(default_factory=list)  # params that are not options (ids)
    inputs: list[Arg] = field(default_factory=list)  # the options


def find_methods(defs: dict[str, Json]) -> list[MethodDef]:
    found: list[MethodDef] = []
    for name, schema in defs.items():
        props = schema.get("properties") if isinstance(schema, dict) else None
        if not props or "const" not in (props.get("method") or {}):
            continue
        ref = (props.get("params") or {}).get("$ref", "")
        params = ref[len("#/$defs/") :]
        if not ref.startswith("#/$defs/") or not params.endswith("Params"):
            continue  # a server-sent request such as signalwire.event
        if name != params[: -len("Params")] + "Request":
            raise SpecError(f"request def {name}: params {params} should be named after it")
        base = params[: -len("Params")]
        found.append(
            MethodDef(
                method=props["method"]["const"],
                request=name,
                params=params,
                options=base + "Options" if base + "Options" in defs else None,
                result=base + "Result" if base + "Result" in defs else None,
                doc=(defs[params].get("description") or "").partition(": ")[2] or f"The {name} command.",
            )
        )
    return sorted(found, key=lambda m: m.method)


def without_requests(defs: dict[str, Json], methods: list[MethodDef]) -> dict[str, Json]:
    names = {m.request for m in methods}
    return {name: schema for name, schema in defs.items() if name not in names}


def _args(module: Module, cls: str, keys: set[str] | None = None) -> list[Arg]:
    out = []
    for f in module.classes[cls].fields:
        if keys is not None and f.key not in keys:
            continue
        if keyword.iskeyword(f.key) or not f.key.isidentifier():
            raise SpecError(f"{cls}.{f.key}: a method option must be a usable Python name")
        doc = (f.doc or "").strip().splitlines()[0] if (f.doc or "").strip() else ""
        out.append(Arg(f.name, f.key, input_annotation(without_none(f.type)), f.required, doc))
    return out


def methods_module(module: Module, methods: list[MethodDef], header: str, package: str) -> str:
    for m in methods:
        m.name = m.params[: -len("Params")]
        m.function = m.method.replace(".", "_")
        option_keys = {f.key for f in module.classes[m.options].fields} if m.options else set()
        param_keys = {f.key for f in module.classes[m.params].fields}
        m.explicit = _args(module, m.params, param_keys - option_keys)
        m.inputs = _args(module, m.options) if m.options else []
    return render("relay_methods.py.jinja2", header=header, methods=methods, package=package)
