"""DataMap: a tool SignalWire runs itself (webhooks, pattern expressions, output templates)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, Self

from signalwire_typed_gen._runtime import JsonObject, JsonValue
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.convert import from_dict, to_dict

from .function_result import FunctionResult

if TYPE_CHECKING:
    from signalwire_typed_gen.swml import dicts as d

__all__ = ["DataMap", "semantic_gate"]

ParameterType = Literal["string", "integer", "number", "boolean", "array", "object"]
HttpMethod = Literal["GET", "POST", "PUT", "DELETE"]


def _output(result: FunctionResult) -> m.DataMapOutput:
    return m.DataMapOutput(
        response=result.response,
        action=list(result.actions) or None,
        post_process=True if result.post_process else None,
    )


def _expression(
    test_value: str, pattern: str | re.Pattern[str], output: FunctionResult, nomatch: FunctionResult | None
) -> m.DataMapExpression:
    text = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return m.DataMapExpression(
        string=test_value,
        pattern=text,
        output=_output(output),
        nomatch_output=None if nomatch is None else _output(nomatch),
    )


def semantic_gate(
    question: str,
    threshold: float,
    on_fail: str | FunctionResult,
    *,
    id: str | None = None,
    true_means: str | None = None,
    false_means: str | None = None,
    visual_input: bool | int | None = None,
    path: str = "$.gate",
) -> m.SwaigGate:
    """A yes/no question a decision model answers before a tool runs: it passes when the
    probability of yes is at least ``threshold``; otherwise the model gets ``on_fail``."""
    result = FunctionResult(on_fail) if isinstance(on_fail, str) else on_fail
    if not result.response:
        raise ValueError(f"{path}: a gate's on_fail needs a response")
    criteria = None
    if true_means is not None or false_means is not None:
        criteria = {"true": true_means, "false": false_means}
    gate = {
        "id": id,
        "question": question,
        "criteria": criteria,
        "threshold": threshold,
        "on_fail": to_dict(_output(result)),
        "visual_input": visual_input,
    }
    return from_dict(m.SwaigGate, {k: v for k, v in gate.items() if v is not None}, path)


class DataMap:
    """Builds a server-side tool; register it with ``agent.register_swaig_function(data_map)``.

    ``${args.name}`` in URLs, bodies and outputs reads an argument, ``${response.key}`` a
    webhook's JSON answer::

        DataMap("get_weather").description("Current weather")
            .parameter("city", "string", "City", required=True)
            .webhook("GET", "https://api.example.com/weather?q=${enc:args.city}")
            .output(FunctionResult("It is ${response.temp} degrees in ${args.city}"))
    """

    def __init__(self, function_name: str) -> None:
        if not function_name:
            raise ValueError("a DataMap needs a function name")
        self.function_name = function_name
        self._description = ""
        self._properties: JsonObject = {}
        self._required: list[str] = []
        self._expressions: list[m.DataMapExpression] = []
        self._webhooks: list[m.DataMapWebhook] = []
        self._output: m.DataMapOutput | None = None
        self._gates: list[m.SwaigGate] = []
        self._gate_fillers: dict[str, list[str]] | None = None

    def description(self, text: str) -> Self:
        """What the tool does, for the LLM."""
        self._description = text
        return self

    purpose = description

    def parameter(
        self,
        name: str,
        param_type: ParameterType,
        description: str,
        *,
        required: bool = False,
        enum: Sequence[str] | None = None,
    ) -> Self:
        """Declare an argument the LLM passes."""
        prop: JsonObject = {"type": param_type, "description": description}
        if enum:
            prop["enum"] = list[JsonValue](enum)
        self._properties[name] = prop
        if required and name not in self._required:
            self._required.append(name)
        return self

    def expression(
        self,
        test_value: str,
        pattern: str | re.Pattern[str],
        output: FunctionResult,
        nomatch_output: FunctionResult | None = None,
    ) -> Self:
        """Return ``output`` when ``test_value`` (a template) matches ``pattern``.

        With ``nomatch_output`` the expression always answers, so no later expression runs.
        """
        self._expressions.append(_expression(test_value, pattern, output, nomatch_output))
        return self

    def webhook(
        self,
        method: HttpMethod,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        form_param: str | None = None,
        input_args_as_params: bool = False,
        require_args: Sequence[str] | None = None,
    ) -> Self:
        """Add an HTTP request; later ``params``/``foreach``/``output``/``error_keys`` apply to it.

        ``form_param`` sends the params as one URL-encoded form field of that name.
        """
        self._webhooks.append(
            m.DataMapWebhook(
                url=url,
                method=method,
                headers=dict(headers) if headers else None,
                form_param=form_param or None,
                input_args_as_params=True if input_args_as_params else None,
                require_args=list(require_args) if require_args else None,
            )
        )
        return self

    def _last(self, what: str) -> m.DataMapWebhook:
        if not self._webhooks:
            raise ValueError(f"DataMap {self.function_name!r}: call webhook() before {what}()")
        return self._webhooks[-1]

    def params(self, data: JsonObject) -> Self:
        """Request parameters of the last webhook."""
        self._last("params").params = dict(data)
        return self

    def body(self, data: JsonObject) -> Self:
        """JSON body of the last webhook; the platform reads it from ``params``, so this sets those."""
        self._last("body").params = dict(data)
        return self

    def webhook_expression(
        self,
        test_value: str,
        pattern: str | re.Pattern[str],
        output: FunctionResult,
        nomatch_output: FunctionResult | None = None,
    ) -> Self:
        """A pattern check on the last webhook's answer; the first that answers replaces its output."""
        webhook = self._last("webhook_expression")
        webhook.expressions = [
            *(webhook.expressions or ()),
            _expression(test_value, pattern, output, nomatch_output),
        ]
        return self

    def webhook_expressions(
        self, expressions: Sequence[d.DataMapExpressionDict | m.DataMapExpression]
    ) -> Self:
        """Replace the last webhook's pattern checks (wire dicts or models, checked against the schema)."""
        webhook = self._last("webhook_expressions")
        webhook.expressions = [
            from_dict(m.DataMapExpression, e, f"$.{self.function_name}.expressions[{i}]")
            for i, e in enumerate(expressions)
        ]
        return self

    def foreach(self, *, input_key: str, output_key: str, append: str, max: int | None = None) -> Self:
        """Walk an array in the last webhook's answer, appending ``append`` per element."""
        each = m.DataMapForeach(input_key=input_key, output_key=output_key, append=append, max=max)
        self._last("foreach").foreach = each
        return self

    def output(self, result: FunctionResult) -> Self:
        """What the last webhook returns."""
        self._last("output").output = _output(result)
        return self

    def error_keys(self, keys: Sequence[str]) -> Self:
        """Keys in the last webhook's answer that mean it failed."""
        self._last("error_keys").error_keys = list(keys)
        return self

    def fallback_output(self, result: FunctionResult) -> Self:
        """What the tool returns when no expression or webhook produced an output."""
        self._output = _output(result)
        return self

    def gate(
        self,
        question: str,
        threshold: float,
        on_fail: str | FunctionResult,
        *,
        id: str | None = None,
        true_means: str | None = None,
        false_means: str | None = None,
        visual_input: bool | int | None = None,
    ) -> Self:
        """Add a semantic gate (see ``semantic_gate``); every gate must pass for the tool to run."""
        where = f"$.{self.function_name}.gates[{len(self._gates)}]"
        gate = semantic_gate(
            question,
            threshold,
            on_fail,
            id=id,
            true_means=true_means,
            false_means=false_means,
            visual_input=visual_input,
            path=where,
        )
        if gate.id is not None and any(g.id == gate.id for g in self._gates):
            raise ValueError(f"DataMap {self.function_name!r} already has a gate {gate.id!r}")
        self._gates.append(gate)
        return self

    def gate_fillers(self, fillers: Mapping[str, Sequence[str]]) -> Self:
        """Phrases said while the gates are checked, by language code (``auto``/``default`` too)."""
        self._gate_fillers = {k: list(v) for k, v in fillers.items()}
        return self

    def to_swaig_function(self) -> m.SwaigFunction:
        """The SWML function entry (checked against our schema)."""
        if not self._description:
            raise ValueError(f"DataMap {self.function_name!r} needs a description()")
        if self._gate_fillers is not None and not self._gates:
            raise ValueError(f"DataMap {self.function_name!r}: gate_fillers() without a gate()")
        if not (self._expressions or self._webhooks or self._output):
            raise ValueError(f"DataMap {self.function_name!r} needs an expression, a webhook or an output")
        parameters: JsonObject = {"type": "object", "properties": dict(self._properties)}
        if self._required:
            parameters["required"] = list[JsonValue](self._required)
        return m.SwaigFunction(
            function=self.function_name,
            description=self._description,
            parameters=from_dict(m.FunctionParameters, parameters, f"$.{self.function_name}.parameters"),
            data_map=m.DataMap(
                expressions=list(self._expressions) or None,
                webhooks=list(self._webhooks) or None,
                output=self._output,
            ),
            gates=list(self._gates) or None,
            gate_fillers=self._gate_fillers,
        )
