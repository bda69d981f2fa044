"""A simple agent: a POM prompt, a voice, AI params and two typed tools.

Run it with ``python examples/agents/simple_agent.py`` and point a SignalWire number at it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from signalwire_typed import AgentBase, FunctionResult
from signalwire_typed.agents import JsonObject, JsonValue, SwaigRequest


class WeatherAgent(AgentBase):
    """Answers questions about the weather."""

    @AgentBase.tool(description="Get the current weather for a city", fillers={"en-US": ["Let me check"]})
    def get_weather(
        self,
        city: Annotated[str, "City name, e.g. Paris"],
        units: Literal["celsius", "fahrenheit"] = "celsius",
    ) -> FunctionResult:
        temperature = 21 if units == "celsius" else 70
        return FunctionResult(f"It is {temperature} degrees {units} and sunny in {city}.")

    @AgentBase.tool(description="Tell the caller which call this is", secure=False)
    def call_info(self, request: SwaigRequest) -> str:
        return f"This is call {request.call_id}."

    def on_summary(self, summary: JsonValue, raw: JsonObject) -> None:
        print(f"call summary: {summary}")


def create_agent() -> WeatherAgent:
    agent = WeatherAgent("weather", route="/weather", basic_auth=("demo", "demo-password"))
    agent.prompt_add_section("Role", "You are a friendly weather assistant.")
    agent.prompt_add_section("Rules", bullets=["Keep answers short", "Always name the city"])
    agent.add_language("English", "en-US", "rime.spore", function_fillers=["One moment"])
    agent.add_hints(["Celsius", "Fahrenheit"])
    agent.set_params(end_of_speech_timeout=600, ai_model="gpt-4.1-mini")
    agent.set_global_data({"service": "weather"})
    agent.set_post_prompt("Summarise the call in one sentence.")
    agent.add_skill("datetime")
    return agent


if __name__ == "__main__":
    create_agent().run(host="127.0.0.1", port=3000)
