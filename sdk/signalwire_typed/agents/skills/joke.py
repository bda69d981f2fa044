"""The ``joke`` skill: a DataMap tool SignalWire runs against API Ninjas' jokes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["JokeSkill"]


class JokeSkill:
    """A joke or a dad joke from API Ninjas, fetched by SignalWire."""

    name = "joke"
    ENV_VARS: ClassVar[tuple[str, ...]] = ("API_NINJAS_KEY",)
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("api_key", "string", "API Ninjas key", REQUIRED, env="API_NINJAS_KEY", secret=True),
        Param("tool_name", "string", "Name of the tool", "get_joke"),
        Param("base_url", "string", "API Ninjas base URL", "https://api.api-ninjas.com/v1"),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        self.tool = (
            DataMap(self.tool_name)
            .description("Get a joke to tell the caller")
            .parameter("type", "string", "Type of joke to get", required=True, enum=["jokes", "dadjokes"])
            .webhook(
                "GET",
                f"{p.get_str('base_url').rstrip('/')}/${{args.type}}",
                headers={"X-Api-Key": p.get_str("api_key")},
            )
            .output(FunctionResult("Tell this joke to the user: ${array[0].joke}"))
            .error_keys(["error"])
            .fallback_output(
                FunctionResult("Sorry, the joke service has a problem right now. Please try again later.")
            )
        )

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
        agent.update_global_data({"joke_skill_enabled": True})
        agent.prompt_add_section(
            "Joke Telling",
            "You can tell jokes to entertain users.",
            bullets=[
                f"Use {self.tool_name} when users ask for humor",
                "You can tell regular jokes or dad jokes",
            ],
        )
