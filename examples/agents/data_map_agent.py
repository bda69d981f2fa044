"""DataMap tools: SignalWire calls the web API itself, so no tool code runs on this server."""

from __future__ import annotations

from signalwire_typed import AgentBase, DataMap, FunctionResult


def create_agent() -> AgentBase:
    agent = AgentBase("lookup", route="/lookup", basic_auth=("demo", "demo-password"))
    agent.set_prompt_text("You look things up for the caller.")
    weather = (
        DataMap("get_weather")
        .description("Current weather for a city")
        .parameter("city", "string", "City name", required=True)
        .webhook("GET", "https://api.example.com/weather?q=${enc:args.city}", headers={"X-Key": "demo"})
        .error_keys(["error"])
        .output(FunctionResult("It is ${response.temp} degrees in ${args.city}."))
        .fallback_output(FunctionResult("The weather service is unavailable."))
    )
    commands = (
        DataMap("control")
        .description("Start or stop the music")
        .parameter("command", "string", "start or stop", required=True, enum=["start", "stop"])
        .expression(
            "${args.command}",
            "start",
            FunctionResult("Starting").play_background_file("https://example.com/m.mp3"),
        )
        .expression("${args.command}", "stop", FunctionResult("Stopping").stop_background_file())
    )
    agent.register_swaig_function(weather).register_swaig_function(commands)
    return agent


if __name__ == "__main__":
    create_agent().run(host="127.0.0.1", port=3000)
