"""The ``weather_api`` skill: a DataMap tool SignalWire runs against WeatherAPI.com."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["WeatherApiSkill"]


class WeatherApiSkill:
    """Current weather for any location (WeatherAPI.com), fetched by SignalWire."""

    name = "weather_api"
    ENV_VARS: ClassVar[tuple[str, ...]] = ("WEATHER_API_KEY",)
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("api_key", "string", "WeatherAPI.com key", REQUIRED, env="WEATHER_API_KEY", secret=True),
        Param("tool_name", "string", "Name of the tool", "get_weather"),
        Param("temperature_unit", "string", "Unit spoken", "fahrenheit", choices=("fahrenheit", "celsius")),
        Param("base_url", "string", "WeatherAPI base URL", "https://api.weatherapi.com/v1"),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        suffix, unit = (
            ("f", "Fahrenheit") if p.get_str("temperature_unit") == "fahrenheit" else ("c", "Celsius")
        )
        spoken = (
            f"Tell the user the current weather. Say temperatures in {unit} as words, without symbols. "
            "Conditions: ${current.condition.text}. "
            f"Temperature: ${{current.temp_{suffix}}} degrees {unit}. "
            "Wind: ${current.wind_dir} at ${current.wind_mph} miles per hour. "
            "Cloud cover: ${current.cloud} percent. "
            f"Feels like ${{current.feelslike_{suffix}}} degrees {unit}."
        )
        url = f"{p.get_str('base_url').rstrip('/')}/current.json?key={p.get_str('api_key')}"
        self.tool = (
            DataMap(self.tool_name)
            .description("Get current weather information for any location")
            .parameter(
                "location", "string", "The city, region or place to get the weather for", required=True
            )
            .webhook("GET", f"{url}&q=${{lc:enc:args.location}}&aqi=no")
            .output(FunctionResult(spoken))
            .error_keys(["error"])
            .fallback_output(
                FunctionResult("Sorry, I cannot get the weather right now. Please try again later.")
            )
        )

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
