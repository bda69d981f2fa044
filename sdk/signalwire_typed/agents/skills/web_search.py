"""The ``web_search`` skill: Google Custom Search, then the result pages read and ranked by the agent.

Pages are parsed with selectolax (the ``web_search`` extra: ``pip install signalwire-typed[web_search]``),
imported only when a page is read. Pages on loopback or private addresses are refused unless
``allow_private_urls`` is set (tests use it; a deployed agent should not).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import time
from typing import TYPE_CHECKING, Annotated, ClassVar
from urllib.parse import urlsplit

import attrs
import httpx
from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from .http import USER_AGENT, ServiceError, as_list, as_str, request_json
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["PageText", "SearchHit", "WebSearchSkill", "extract_text", "is_public_url", "quality_score"]

_NO_RESULTS = (
    "I couldn't find quality results for '{query}'. The search returned only low-quality or inaccessible "
    "pages. Try rephrasing your search or asking about a different topic."
)
_NOISE = "script, style, noscript, nav, header, footer, aside, form, iframe, svg"
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")


@attrs.frozen
class SearchHit:
    title: str
    url: str
    snippet: str


@attrs.frozen
class PageText:
    hit: SearchHit
    text: str
    score: float


def extract_text(html: str) -> str:
    """The readable text of an HTML page (scripts, navigation and boilerplate removed)."""
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as exc:
        raise RuntimeError(
            "the web_search skill reads pages with selectolax: pip install 'signalwire-typed[web_search]'"
        ) from exc
    tree = LexborHTMLParser(html)
    for node in tree.css(_NOISE):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return ""
    return _SPACES.sub(" ", root.text(separator=" ")).strip()


def quality_score(text: str, query: str) -> float:
    """0..1: half for enough text, half for how many query words it contains."""
    if not text:
        return 0.0
    words = set(_WORDS.findall(query.lower()))
    found = set(_WORDS.findall(text.lower()))
    relevance = len(words & found) / len(words) if words else 0.0
    return round(0.5 * min(len(text) / 1500, 1.0) + 0.5 * relevance, 3)


async def is_public_url(url: str) -> bool:
    """Whether ``url`` is http(s) and every address its host resolves to is a public one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, parts.port or 80)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


class WebSearchSkill:
    """Search the web (Google Custom Search) and read the best pages."""

    name = "web_search"
    ENV_VARS: ClassVar[tuple[str, ...]] = ("GOOGLE_SEARCH_API_KEY", "GOOGLE_SEARCH_ENGINE_ID")
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param(
            "api_key",
            "string",
            "Google Custom Search key",
            REQUIRED,
            env="GOOGLE_SEARCH_API_KEY",
            secret=True,
        ),
        Param(
            "search_engine_id", "string", "Custom Search engine ID", REQUIRED, env="GOOGLE_SEARCH_ENGINE_ID"
        ),
        Param("tool_name", "string", "Name of the tool (several instances)", "web_search"),
        Param("num_results", "integer", "How many good pages to return", 3),
        Param("oversample_factor", "number", "Search this many times more results than returned", 2.5),
        Param("min_quality_score", "number", "Pages scoring less (0..1) are dropped", 0.3),
        Param("max_content_length", "integer", "Characters of page text in the answer, in all", 32768),
        Param("per_page_timeout", "number", "Seconds to read one page", 2.0),
        Param("overall_deadline", "number", "Seconds for the whole search", 10.0),
        Param("snippets_only", "boolean", "Answer from the search snippets, reading no page", False),
        Param(
            "no_results_message",
            "string",
            "Said when nothing good is found ({query} is replaced)",
            _NO_RESULTS,
        ),
        Param("response_prefix", "string", "Text before the results", ""),
        Param("response_postfix", "string", "Text after the results", ""),
        Param("search_base_url", "string", "Custom Search API base", "https://www.googleapis.com"),
        Param("allow_private_urls", "boolean", "Read pages on loopback/private addresses", False),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.api_key, self.engine = p.get_str("api_key"), p.get_str("search_engine_id")
        self.tool_name = p.get_str("tool_name")
        self.instance_key = f"web_search_{self.engine}_{self.tool_name}"
        self.num_results = p.get_int("num_results")
        if not 1 <= self.num_results <= 10:
            raise ValueError("web_search skill: 'num_results' must be between 1 and 10")
        self.fetch_count = min(
            10, max(self.num_results, int(self.num_results * p.get_float("oversample_factor")))
        )
        self.min_quality = p.get_float("min_quality_score")
        self.max_content = p.get_int("max_content_length")
        self.page_timeout, self.deadline = p.get_float("per_page_timeout"), p.get_float("overall_deadline")
        self.snippets_only = p.get_bool("snippets_only")
        self.no_results_message = p.get_str("no_results_message")
        self.prefix, self.postfix = p.get_str("response_prefix"), p.get_str("response_postfix")
        self.search_url = f"{p.get_str('search_base_url').rstrip('/')}/customsearch/v1"
        self.allow_private = p.get_bool("allow_private_urls")

    async def search(self, client: httpx.AsyncClient, query: str) -> list[SearchHit]:
        data = await request_json(
            client,
            "GET",
            self.search_url,
            service="Google Custom Search",
            params={"key": self.api_key, "cx": self.engine, "q": query, "num": self.fetch_count},
        )
        return [
            SearchHit(as_str(i.get("title")), as_str(i.get("link")), as_str(i.get("snippet")))
            for i in as_list(data.get("items"))[: self.fetch_count]
        ]

    async def read(self, client: httpx.AsyncClient, hit: SearchHit, query: str) -> PageText | None:
        url = hit.url
        # Redirects are followed by hand so that every hop is checked, not only the first URL.
        for _ in range(4):
            if not self.allow_private and not await is_public_url(url):
                return None
            try:
                response = await client.get(
                    url, timeout=self.page_timeout, headers={"User-Agent": USER_AGENT}
                )
            except httpx.HTTPError:
                return None
            if not response.is_redirect or "location" not in response.headers:
                break
            url = str(response.url.join(response.headers["location"]))
        else:
            return None
        if response.status_code >= 400 or "html" not in response.headers.get("content-type", "html"):
            return None
        text = await asyncio.to_thread(extract_text, response.text)
        score = quality_score(text, query)
        return PageText(hit, text, score) if score >= self.min_quality else None

    async def answer(self, query: str) -> str | None:
        """The formatted results, or None when nothing good was found."""
        started = time.monotonic()
        async with httpx.AsyncClient(timeout=self.deadline) as client:
            hits = await self.search(client, query)
            if not hits:
                return None
            if self.snippets_only:
                return "\n\n".join(
                    f"=== RESULT {i} ===\nTitle: {h.title}\nURL: {h.url}\nSnippet: {h.snippet}"
                    for i, h in enumerate(hits[: self.num_results], 1)
                )
            left = max(0.1, self.deadline - (time.monotonic() - started))
            tasks = [asyncio.ensure_future(self.read(client, h, query)) for h in hits]
            done, pending = await asyncio.wait(tasks, timeout=left)
            for task in pending:
                task.cancel()
        pages = [
            p for t in done if not t.cancelled() and t.exception() is None and (p := t.result()) is not None
        ]
        if not pages:
            return None
        best = self._diverse(sorted(pages, key=lambda p: p.score, reverse=True))
        per_page = max(500, self.max_content // len(best))
        parts = [f"Found {len(pages)} good pages out of {len(hits)} searched; the best {len(best)}:"]
        for i, page in enumerate(best, 1):
            text = page.text if len(page.text) <= per_page else page.text[:per_page] + "..."
            parts.append(
                f"=== RESULT {i} (quality {page.score:.2f}) ===\nTitle: {page.hit.title}\n"
                f"URL: {page.hit.url}\nSnippet: {page.hit.snippet}\nContent:\n{text}"
            )
        return "\n\n".join(parts)

    def _diverse(self, pages: list[PageText]) -> list[PageText]:
        """The best pages, one per site first, then the rest by score."""
        first: list[PageText] = []
        rest: list[PageText] = []
        seen: set[str] = set()
        for page in pages:
            host = urlsplit(page.hit.url).netloc
            (rest if host in seen else first).append(page)
            seen.add(host)
        return (first + rest)[: self.num_results]

    def setup(self, agent: AgentBase) -> None:
        async def web_search(
            query: Annotated[str, "The search query - what you want to find information about"],
        ) -> FunctionResult:
            """Search the web for information, leaving out low-quality pages."""
            if not query.strip():
                return FunctionResult("Please provide a search query. What would you like me to search for?")
            try:
                found = await self.answer(query.strip())
            except ServiceError as exc:
                return FunctionResult(f"Sorry, the search failed: {exc}")
            if found is None:
                return FunctionResult(self.no_results_message.replace("{query}", query.strip()))
            response = f"Quality web search results for '{query.strip()}':\n\n{found}"
            return FunctionResult("\n\n".join(x for x in (self.prefix, response, self.postfix) if x))

        agent.define_tool(
            self.tool_name,
            "Search the web for high-quality information, automatically filtering low-quality results",
            web_search,
        )
        agent.update_global_data({"web_search_enabled": True, "search_provider": "Google Custom Search"})
        agent.prompt_add_section(
            "Web Search",
            f"You can search the internet with the {self.tool_name} tool.",
            bullets=[
                f"Use {self.tool_name} when users ask for information you need to look up",
                "Summarize the results clearly",
            ],
        )
