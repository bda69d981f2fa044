"""SWAIG tools: the ``@tool`` decorator, ``ToolSpec`` (derived once) and the raw call data type."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeAlias, TypeVar

import attrs
from signalwire_typed_gen._runtime import JsonObject, JsonValue
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.convert import from_dict

from .arguments import ParameterSpec, derive_parameters, explicit_parameters, resolve_hints
from .function_result import FunctionResult

if typing.TYPE_CHECKING:
    from signalwire_typed_gen.swml import dicts as d

__all__ = ["SwaigRequest", "ToolResult", "ToolSpec", "tool"]

ToolResult: TypeAlias = FunctionResult | str
"""What a tool handler returns: a FunctionResult, or plain response text."""

F = TypeVar("F", bound=Callable[..., ToolResult | Awaitable[ToolResult]])

_TOOL_ATTR = "__signalwire_tool__"


def _obj(v: JsonValue) -> JsonObject:
    return v if isinstance(v, dict) else {}


@attrs.frozen
class SwaigRequest:
    """The call data SignalWire sent with a tool call; ask for it by annotating a parameter with it."""

    function: str
    call_id: str | None
    arguments: JsonObject
    raw: JsonObject

    @property
    def global_data(self) -> JsonObject:
        """The call's global data as sent with the request."""
        return _obj(self.raw.get("global_data"))

    @property
    def meta_data(self) -> JsonObject:
        """This tool's meta data as sent with the request."""
        return _obj(self.raw.get("meta_data"))


@attrs.frozen(kw_only=True)
class ToolOptions:
    """What ``@tool`` recorded on a method, turned into a ToolSpec when the class is created."""

    name: str | None = None
    description: str | None = None
    secure: bool = True
    fillers: Mapping[str, Sequence[str]] | None = None
    wait_file: str | None = None
    wait_file_loops: int | None = None
    meta_data: JsonObject | None = None
    parameters: Mapping[str, object] | None = None
    webhook_url: str | None = None
    gates: Sequence[m.SwaigGate | d.SwaigGateDict] | None = None
    gate_fillers: Mapping[str, Sequence[str]] | None = None


@attrs.frozen(kw_only=True)
class ToolSpec:
    """A tool ready to serve: its SWML function entry (minus URL), argument checks and handler."""

    name: str
    function: m.SwaigFunction
    arguments: ParameterSpec | None
    handler: Callable[..., object] | None
    is_async: bool
    request_param: str | None
    secure: bool
    bound: bool
    """The handler is a method of the agent class; it gets the agent as ``self``."""
    local: bool
    """Served by this agent's /swaig endpoint (not a DataMap or an external webhook)."""


def tool(
    name: str | None = None,
    *,
    description: str | None = None,
    secure: bool = True,
    fillers: Mapping[str, Sequence[str]] | None = None,
    wait_file: str | None = None,
    wait_file_loops: int | None = None,
    meta_data: JsonObject | None = None,
    parameters: d.FunctionParametersDict | None = None,
    webhook_url: str | None = None,
    gates: Sequence[m.SwaigGate | d.SwaigGateDict] | None = None,
    gate_fillers: Mapping[str, Sequence[str]] | None = None,
) -> Callable[[F], F]:
    """Mark a method of an AgentBase subclass as a SWAIG tool.

    The argument schema comes from the signature (or ``parameters``, a JSON Schema), the
    description from ``description`` or the docstring's first line. ``gates`` (from
    ``semantic_gate``) must all pass before SignalWire calls the tool.
    """
    options = ToolOptions(
        name=name,
        description=description,
        secure=secure,
        fillers=fillers,
        wait_file=wait_file,
        wait_file_loops=wait_file_loops,
        meta_data=meta_data,
        parameters=typing.cast("Mapping[str, object] | None", parameters),
        webhook_url=webhook_url,
        gates=gates,
        gate_fillers=gate_fillers,
    )

    def mark(func: F) -> F:
        setattr(func, _TOOL_ATTR, options)
        return func

    return mark


def marked_tools(namespace: Mapping[str, object]) -> list[tuple[Callable[..., object], ToolOptions]]:
    found: list[tuple[Callable[..., object], ToolOptions]] = []
    for value in namespace.values():
        options = getattr(value, _TOOL_ATTR, None)
        if isinstance(options, ToolOptions) and callable(value):
            found.append((value, options))
    return found


def _request_param(func: Callable[..., object]) -> str | None:
    hints = resolve_hints(func)
    return next((n for n, h in hints.items() if h is SwaigRequest), None)


def build_spec(func: Callable[..., object], options: ToolOptions, *, bound: bool) -> ToolSpec:
    """Derive everything a tool needs, once: schema, converter, SWML entry."""
    name = options.name or func.__name__
    description = options.description or inspect.getdoc(func) or ""
    description = description.split("\n\n", 1)[0].strip()
    if not description:
        raise TypeError(f"tool {name!r} needs a description (argument or docstring)")
    request_param = _request_param(func)
    skip = {request_param} if request_param else set()
    if bound:
        skip.add(next(iter(inspect.signature(func).parameters)))
    if options.parameters is not None:
        arguments = explicit_parameters(options.parameters)
    else:
        arguments = derive_parameters(func, skip=frozenset(skip))
    return _spec(
        name=name,
        description=description,
        arguments=arguments,
        handler=func,
        options=options,
        request_param=request_param,
        bound=bound,
    )


def _spec(
    *,
    name: str,
    description: str,
    arguments: ParameterSpec,
    handler: Callable[..., object] | None,
    options: ToolOptions,
    request_param: str | None,
    bound: bool,
) -> ToolSpec:
    entry: dict[str, object] = {"function": name, "description": description, "parameters": arguments.schema}
    if options.fillers:
        entry["fillers"] = {k: list(v) for k, v in options.fillers.items()}
    if options.wait_file:
        entry["wait_file"] = options.wait_file
    if options.wait_file_loops is not None:
        entry["wait_file_loops"] = options.wait_file_loops
    if options.meta_data is not None:
        entry["meta_data"] = options.meta_data
    if options.webhook_url:
        entry["web_hook_url"] = options.webhook_url
    if options.gates:
        entry["gates"] = [g if isinstance(g, m.SwaigGate) else dict(g) for g in options.gates]
    if options.gate_fillers is not None:
        if not options.gates:
            raise ValueError(f"tool {name!r}: gate_fillers without gates")
        entry["gate_fillers"] = {k: list(v) for k, v in options.gate_fillers.items()}
    # The schema is checked against our SWML models once, here, not per request.
    function = from_dict(m.SwaigFunction, entry, f"$.tool[{name!r}]")
    return ToolSpec(
        name=name,
        function=function,
        arguments=arguments,
        handler=handler,
        is_async=inspect.iscoroutinefunction(handler),
        request_param=request_param,
        secure=options.secure,
        bound=bound,
        local=options.webhook_url is None,
    )


def data_map_spec(function: m.SwaigFunction) -> ToolSpec:
    """A server-side (DataMap) tool: SignalWire runs it, this agent only lists it."""
    return ToolSpec(
        name=function.function,
        function=function,
        arguments=None,
        handler=None,
        is_async=False,
        request_param=None,
        secure=False,
        bound=False,
        local=False,
    )
