"""The ``datasphere_serverless`` skill: DataSphere document search as a DataMap tool SignalWire runs."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["DATASPHERE_ENV_VARS", "DATASPHERE_PARAMS", "DataSphereSearch", "DataSphereServerlessSkill"]

_NO_RESULTS = (
    "I couldn't find any relevant information for '{query}' in the knowledge base. "
    "Try rephrasing your question or asking about a different topic."
)
DATASPHERE_ENV_VARS = ("SIGNALWIRE_SPACE", "SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_TOKEN")
DATASPHERE_PARAMS: tuple[Param, ...] = (
    Param(
        "space_name",
        "string",
        "SignalWire space (the NAME of NAME.signalwire.com)",
        REQUIRED,
        env="SIGNALWIRE_SPACE",
    ),
    Param("project_id", "string", "SignalWire project ID", REQUIRED, env="SIGNALWIRE_PROJECT_ID"),
    Param("token", "string", "SignalWire API token", REQUIRED, env="SIGNALWIRE_TOKEN", secret=True),
    Param("document_id", "string", "The DataSphere document to search", REQUIRED),
    Param("count", "integer", "How many results", 1),
    Param("distance", "number", "Maximum distance of a match", 3.0),
    Param("tags", "array", "Only chunks with these tags"),
    Param("language", "string", "Language of the query (for synonyms)"),
    Param("pos_to_expand", "array", "Parts of speech to expand with synonyms (NOUN, VERB, ADJ, ADV)"),
    Param("max_synonyms", "integer", "Synonyms per word"),
    Param("no_results_message", "string", "Said when nothing matches ({query} is replaced)", _NO_RESULTS),
    Param("tool_name", "string", "Name of the tool (several instances)", "search_knowledge"),
    Param("base_url", "string", "API base URL (default https://SPACE.signalwire.com)"),
)


class DataSphereSearch:
    """The checked settings of a DataSphere search, shared by both DataSphere skills."""

    def __init__(self, skill: str, params: JsonObject) -> None:
        p = Params(skill, DATASPHERE_PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        self.instance_key = f"{skill}_{self.tool_name}"
        self.count = p.get_int("count")
        if self.count < 1:
            raise ValueError(f"{skill} skill: 'count' must be at least 1")
        base = p.opt_str("base_url") or f"https://{p.get_str('space_name')}.signalwire.com"
        self.base_url = base.rstrip("/")
        self.url = f"{self.base_url}/api/datasphere/documents/search"
        self.project_id, self.token = p.get_str("project_id"), p.get_str("token")
        self.no_results_message = p.get_str("no_results_message")
        body: JsonObject = {
            "document_id": p.get_str("document_id"),
            "count": self.count,
            "distance": p.get_float("distance"),
        }
        for key in ("tags", "language", "pos_to_expand", "max_synonyms"):
            value = p.get_raw(key)
            if value is not None:
                body[key] = value
        self.body = body

    @property
    def authorization(self) -> str:
        return "Basic " + base64.b64encode(f"{self.project_id}:{self.token}".encode()).decode()

    def prompt(self, agent: AgentBase) -> None:
        agent.prompt_add_section(
            "Knowledge Search",
            f"You can search a knowledge base with the {self.tool_name} tool.",
            bullets=[
                f"Use {self.tool_name} when users ask for information that may be in the knowledge base",
                "Summarize what it finds clearly; if nothing is found, suggest rephrasing",
            ],
        )


class DataSphereServerlessSkill:
    """Search a DataSphere document; SignalWire runs the search (a DataMap tool)."""

    name = "datasphere_serverless"
    ENV_VARS: ClassVar[tuple[str, ...]] = DATASPHERE_ENV_VARS
    PARAMS: ClassVar[tuple[Param, ...]] = DATASPHERE_PARAMS

    def __init__(self, params: JsonObject) -> None:
        self.search = DataSphereSearch(self.name, params)
        self.instance_key = self.search.instance_key
        s = self.search
        self.tool = (
            DataMap(s.tool_name)
            .description("Search the knowledge base for information on any topic and return relevant results")
            .parameter("query", "string", "What to look for in the knowledge base", required=True)
            .webhook(
                "POST", s.url, headers={"Content-Type": "application/json", "Authorization": s.authorization}
            )
            .params({**s.body, "query_string": "${args.query}"})
            .foreach(
                input_key="chunks",
                output_key="formatted_results",
                max=s.count,
                append="=== RESULT ===\n${this.text}\n" + "=" * 50 + "\n\n",
            )
            .output(FunctionResult('I found results for "${input.args.query}":\n\n${formatted_results}'))
            .error_keys(["error"])
            .fallback_output(FunctionResult(s.no_results_message.replace("{query}", "${args.query}")))
        )

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
        self.search.prompt(agent)
