"""AI agents: typed SWAIG tools, prompts, contexts, DataMaps - served as a plain ASGI app.

class Support(AgentBase):
    @AgentBase.tool(description="Look up an order")
    def order_status(self, order_id: str) -> FunctionResult:
        return FunctionResult(f"Order {order_id} has shipped")

agent = Support("support", route="/support")
agent.prompt_add_section("Role", "You are a support agent.")
agent.run()
"""

from __future__ import annotations

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .agent import AgentBase, DynamicConfigCallback
from .arguments import ArgumentError
from .contexts import Context, ContextBuilder, GatherInfo, GatherQuestion, Step
from .data_map import DataMap, semantic_gate
from .function_result import FunctionResult
from .request import SwmlRequest
from .server import AgentServer
from .skills import Skill, register_skill
from .tools import SwaigRequest, ToolResult, tool

__all__ = [
    "AgentBase",
    "AgentServer",
    "ArgumentError",
    "Context",
    "ContextBuilder",
    "DataMap",
    "DynamicConfigCallback",
    "FunctionResult",
    "GatherInfo",
    "GatherQuestion",
    "JsonObject",
    "JsonValue",
    "Skill",
    "Step",
    "SwaigRequest",
    "SwmlRequest",
    "ToolResult",
    "register_skill",
    "semantic_gate",
    "tool",
]
