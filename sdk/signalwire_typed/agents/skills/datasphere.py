"""The ``datasphere`` skill: the agent searches a SignalWire DataSphere document over HTTP.

The search is one POST to ``/api/datasphere/documents/search`` made here with httpx, because our REST
client has no DataSphere namespace yet; when it gets one, this module is where to switch to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

import httpx
from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from .datasphere_serverless import DATASPHERE_ENV_VARS, DATASPHERE_PARAMS, DataSphereSearch
from .http import ServiceError, as_list, as_str, request_json
from .params import Param

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["DataSphereSkill"]


class DataSphereSkill:
    """Search a DataSphere document; the agent runs the search."""

    name = "datasphere"
    ENV_VARS: ClassVar[tuple[str, ...]] = DATASPHERE_ENV_VARS
    PARAMS: ClassVar[tuple[Param, ...]] = DATASPHERE_PARAMS

    def __init__(self, params: JsonObject) -> None:
        self.search = DataSphereSearch(self.name, params)
        self.instance_key = self.search.instance_key

    async def query(self, text: str) -> list[str]:
        """The text of each matching chunk."""
        s = self.search
        async with httpx.AsyncClient(timeout=30) as client:
            data = await request_json(
                client,
                "POST",
                s.url,
                service="DataSphere",
                json={**s.body, "query_string": text},
                headers={"Authorization": s.authorization, "Accept": "application/json"},
            )
        return [as_str(c.get("text")) or as_str(c.get("content")) for c in as_list(data.get("chunks"))]

    def setup(self, agent: AgentBase) -> None:
        s = self.search

        async def search_knowledge(
            query: Annotated[str, "What to look for in the knowledge base"],
        ) -> FunctionResult:
            """Search the knowledge base for information on any topic and return relevant results."""
            if not query.strip():
                return FunctionResult("Please provide a search query for the knowledge base.")
            try:
                chunks = await self.query(query.strip())
            except ServiceError as exc:
                return FunctionResult(f"Sorry, the knowledge search failed: {exc}")
            if not chunks:
                return FunctionResult(s.no_results_message.replace("{query}", query.strip()))
            found = "1 result" if len(chunks) == 1 else f"{len(chunks)} results"
            body = "\n\n".join(f"=== RESULT {i} ===\n{text}" for i, text in enumerate(chunks, 1))
            return FunctionResult(f"I found {found} for '{query.strip()}':\n\n{body}")

        agent.define_tool(
            s.tool_name,
            "Search the knowledge base for information on any topic and return relevant results",
            search_knowledge,
        )
        s.prompt(agent)
