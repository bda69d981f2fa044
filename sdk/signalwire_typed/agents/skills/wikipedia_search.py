"""The ``wikipedia_search`` skill: the agent searches Wikipedia and reads the articles' introductions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

import httpx
from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from .http import ServiceError, as_list, as_obj, as_str, request_json
from .params import Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["WikipediaSearchSkill"]

_NO_RESULTS = (
    "I couldn't find any Wikipedia articles for '{query}'. "
    "Try rephrasing your search or using different keywords."
)


class WikipediaSearchSkill:
    """Search Wikipedia (``search_wiki``) and return article summaries."""

    name = "wikipedia_search"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("num_results", "integer", "How many articles to summarize (1-5)", 1),
        Param(
            "no_results_message", "string", "Said when nothing is found ({query} is replaced)", _NO_RESULTS
        ),
        Param("base_url", "string", "Wikipedia site", "https://en.wikipedia.org"),
        Param("timeout", "number", "Seconds per HTTP request", 10.0),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.num_results = p.get_int("num_results")
        if not 1 <= self.num_results <= 5:
            raise ValueError("wikipedia_search skill: 'num_results' must be between 1 and 5")
        self.no_results_message = p.get_str("no_results_message")
        self.api = f"{p.get_str('base_url').rstrip('/')}/w/api.php"
        self.timeout = p.get_float("timeout")

    async def search(self, query: str) -> str:
        """Summaries of the best matching articles, or the no-results message."""
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            found = await request_json(
                client,
                "GET",
                self.api,
                service="Wikipedia",
                params={
                    "action": "query",
                    "list": "search",
                    "format": "json",
                    "srsearch": query,
                    "srlimit": self.num_results,
                },
            )
            titles = [as_str(r.get("title")) for r in as_list(as_obj(found.get("query")).get("search"))]
            articles: list[str] = []
            for title in [t for t in titles if t][: self.num_results]:
                data = await request_json(
                    client,
                    "GET",
                    self.api,
                    service="Wikipedia",
                    params={
                        "action": "query",
                        "prop": "extracts",
                        "exintro": "1",
                        "explaintext": "1",
                        "format": "json",
                        "titles": title,
                    },
                )
                pages = as_obj(as_obj(data.get("query")).get("pages"))
                extract = next((as_str(as_obj(v).get("extract")).strip() for v in pages.values()), "")
                articles.append(f"**{title}**\n\n{extract or 'No summary available for this article.'}")
        if not articles:
            return self.no_results_message.replace("{query}", query)
        return ("\n\n" + "=" * 50 + "\n\n").join(articles)

    def setup(self, agent: AgentBase) -> None:
        async def search_wiki(
            query: Annotated[str, "The search term or topic to look up on Wikipedia"],
        ) -> FunctionResult:
            """Search Wikipedia for information about a topic and get article summaries."""
            if not query.strip():
                return FunctionResult("Please provide a search query for Wikipedia.")
            try:
                return FunctionResult(await self.search(query.strip()))
            except ServiceError as exc:
                return FunctionResult(f"Error searching Wikipedia: {exc}")

        agent.define_tool(
            "search_wiki",
            "Search Wikipedia for information about a topic and get article summaries",
            search_wiki,
        )
        agent.prompt_add_section(
            "Wikipedia Search",
            f"You can search Wikipedia with search_wiki (up to {self.num_results} article summaries).",
            bullets=["Use search_wiki for factual, encyclopedic information"],
        )
