"""The ``math`` skill: safe arithmetic on expressions (no ``eval``)."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from .params import Param

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["MathSkill", "evaluate"]

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "abs": abs,
    "round": round,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "log": math.log,
    "exp": math.exp,
}
_CONSTANTS = {"pi": math.pi, "e": math.e}


def evaluate(expression: str) -> float:
    """The value of an arithmetic expression; ValueError for anything else."""
    if len(expression) > 200:
        raise ValueError("expression too long")

    def walk(node: ast.AST, depth: int) -> float:
        if depth > 50:
            raise ValueError("expression too deeply nested")
        if isinstance(node, ast.Expression):
            return walk(node.body, depth + 1)
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool)
        ):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = walk(node.left, depth + 1), walk(node.right, depth + 1)
            if isinstance(node.op, ast.Pow) and abs(right) > 100:
                raise ValueError("exponent too large")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            return _UNARY[type(node.op)](walk(node.operand, depth + 1))
        if isinstance(node, ast.Name) and node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
            return _FUNCTIONS[node.func.id](*(walk(a, depth + 1) for a in node.args))
        raise ValueError(f"unsupported element {type(node).__name__}")

    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not a valid expression ({exc.msg})") from exc
    return walk(tree, 0)


def calculate(expression: Annotated[str, "Arithmetic such as (2 + 3) * 4 or sqrt(16)"]) -> FunctionResult:
    """Evaluate an arithmetic expression."""
    try:
        value = evaluate(expression)
    except (ValueError, ZeroDivisionError, OverflowError, TypeError) as exc:
        return FunctionResult(f"I could not calculate {expression!r}: {exc}.")
    text = str(int(value)) if float(value).is_integer() else f"{value:.10g}"
    return FunctionResult(f"{expression} = {text}")


class MathSkill:
    """Safe arithmetic on expressions (``calculate``)."""

    name = "math"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = ()

    def __init__(self, params: JsonObject) -> None:
        if params:
            raise ValueError(f"math skill takes no parameters, got {', '.join(sorted(params))}")

    def setup(self, agent: AgentBase) -> None:
        agent.define_tool("calculate", "Evaluate an arithmetic expression", calculate, secure=False)
        agent.prompt_add_section("Calculations", "Use the calculate tool for any arithmetic.")
