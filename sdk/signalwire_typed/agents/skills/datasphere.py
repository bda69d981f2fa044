"""The ``datasphere`` skill: the agent searches a SignalWire Datasphere document through our REST client
(``client.datasphere.documents.search``).

Adding the skill loads the Datasphere request model (to check the settings); the REST client loads
on the first search. Importing agents loads neither.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated, ClassVar, TypeVar

from signalwire_typed_gen._runtime import JsonObject, ValidationError

from ..function_result import FunctionResult
from .datasphere_serverless import DATASPHERE_ENV_VARS, DATASPHERE_PARAMS, DataSphereSearch
from .http import ServiceError
from .params import Param

if TYPE_CHECKING:
    from signalwire_typed_gen.rest._rt import NotGiven
    from signalwire_typed_gen.rest.datasphere.models.datasphere_search import DatasphereSearch

    from signalwire_typed.rest import AsyncRestClient

    from ..agent import AgentBase

__all__ = ["DataSphereSkill"]

_T = TypeVar("_T")
_TIMEOUT = 30.0
_SERVICE = "DataSphere"


class DataSphereSkill:
    """Search a Datasphere document; the agent runs the search."""

    name = "datasphere"
    ENV_VARS: ClassVar[tuple[str, ...]] = DATASPHERE_ENV_VARS
    PARAMS: ClassVar[tuple[Param, ...]] = DATASPHERE_PARAMS

    def __init__(self, params: JsonObject) -> None:
        from signalwire_typed_gen.rest.datasphere.models.datasphere_search import DatasphereSearch

        self.search = DataSphereSearch(self.name, params)
        self.instance_key = self.search.instance_key
        # Checked once against the API's schema, so a bad distance or part of speech fails at add_skill.
        self.request: DatasphereSearch = DatasphereSearch.from_dict(
            {**self.search.body, "query_string": "-"}, f"{self.name} skill"
        )
        self._client: AsyncRestClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def query(self, text: str) -> list[str]:
        """The text of each matching chunk; ServiceError says why the search failed."""
        from signalwire_typed.rest import APIConnectionError, APIError, APIStatusError, AsyncRestClient

        s, r = self.search, self.request
        # One client per event loop: its pooled connection saves ~50 ms a search over a fresh client.
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            # No retries: the caller is waiting on the line, and a failed search is reported to the model.
            self._client = AsyncRestClient(
                project=s.project_id, token=s.token, base_url=s.base_url, timeout=_TIMEOUT, max_retries=0
            )
            self._loop = loop
        try:
            found = await self._client.datasphere.documents.search(
                query_string=text,
                document_id=_given(r.document_id),
                count=_given(r.count),
                distance=_given(r.distance),
                tags=_given(r.tags),
                language=_given(r.language),
                pos_to_expand=_given(r.pos_to_expand),
                max_synonyms=_given(r.max_synonyms),
            )
        except APIStatusError as exc:
            detail = exc.body if isinstance(exc.body, str) else exc.response.text
            raise ServiceError(f"{_SERVICE} answered HTTP {exc.status_code}: {detail[:200]}") from exc
        except APIConnectionError as exc:
            cause = exc.__cause__ or exc
            raise ServiceError(f"{_SERVICE} could not be reached ({type(cause).__name__}: {cause})") from exc
        except APIError as exc:
            raise ServiceError(f"{_SERVICE} answered badly: {exc.message}") from exc
        except ValidationError as exc:
            raise ServiceError(f"{_SERVICE} answered data the API does not allow: {exc}") from exc
        return [chunk.text for chunk in found.chunks]

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


def _given(value: _T | None) -> _T | NotGiven:
    """A keyword the user set, or NOT_GIVEN so the client leaves it out."""
    from signalwire_typed_gen.rest._rt import NOT_GIVEN

    return NOT_GIVEN if value is None else value
