"""The ``api_ninjas_trivia`` skill: a DataMap tool SignalWire runs against API Ninjas' trivia."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["CATEGORIES", "ApiNinjasTriviaSkill"]

CATEGORIES: dict[str, str] = {
    "artliterature": "Art and Literature",
    "language": "Language",
    "sciencenature": "Science and Nature",
    "general": "General Knowledge",
    "fooddrink": "Food and Drink",
    "peopleplaces": "People and Places",
    "geography": "Geography",
    "historyholidays": "History and Holidays",
    "entertainment": "Entertainment",
    "toysgames": "Toys and Games",
    "music": "Music",
    "mathematics": "Mathematics",
    "religionmythology": "Religion and Mythology",
    "sportsleisure": "Sports and Leisure",
}


class ApiNinjasTriviaSkill:
    """A trivia question in a chosen category from API Ninjas, fetched by SignalWire."""

    name = "api_ninjas_trivia"
    ENV_VARS: ClassVar[tuple[str, ...]] = ("API_NINJAS_KEY",)
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("api_key", "string", "API Ninjas key", REQUIRED, env="API_NINJAS_KEY", secret=True),
        Param("tool_name", "string", "Name of the tool (several instances)", "get_trivia"),
        Param("categories", "array", "Categories offered (default: all)", list(CATEGORIES)),
        Param("base_url", "string", "API Ninjas base URL", "https://api.api-ninjas.com/v1"),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        self.instance_key = f"api_ninjas_trivia_{self.tool_name}"
        categories = p.get_str_list("categories")
        bad = [c for c in categories if c not in CATEGORIES]
        if not categories or bad:
            raise ValueError(
                f"api_ninjas_trivia skill: invalid categories {bad or '(none given)'}; "
                f"valid: {', '.join(CATEGORIES)}"
            )
        options = "; ".join(f"{c}: {CATEGORIES[c]}" for c in categories)
        self.tool = (
            DataMap(self.tool_name)
            .description(f"Get trivia questions for {self.tool_name.replace('_', ' ')}")
            .parameter(
                "category",
                "string",
                f"Category of the question. Options: {options}",
                required=True,
                enum=categories,
            )
            .webhook(
                "GET",
                f"{p.get_str('base_url').rstrip('/')}/trivia?category=${{args.category}}",
                headers={"X-Api-Key": p.get_str("api_key")},
            )
            .output(
                FunctionResult(
                    "Category ${array[0].category} question: ${array[0].question} "
                    "Answer: ${array[0].answer}. "
                    "Give the user time to answer before saying the answer."
                )
            )
            .error_keys(["error"])
            .fallback_output(
                FunctionResult("Sorry, I cannot get trivia questions right now. Please try again later.")
            )
        )

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
