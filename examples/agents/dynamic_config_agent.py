"""Dynamic configuration: one agent, customised per request (multi-tenant) without touching the others."""

from __future__ import annotations

from signalwire_typed import AgentBase
from signalwire_typed.agents import JsonObject

TENANTS: dict[str, tuple[str, str]] = {
    "acme": ("Acme Corp", "rime.spore"),
    "globex": ("Globex", "elevenlabs.rachel"),
}


def configure(query: dict[str, str], body: JsonObject, headers: dict[str, str], agent: AgentBase) -> None:
    """Runs for each SWML request on a copy of the agent."""
    company, voice = TENANTS.get(query.get("tenant", ""), ("our company", "rime.spore"))
    agent.prompt_add_to_section("Role", body=f"You answer calls for {company}.")
    agent.add_language("English", "en-US", voice)
    agent.update_global_data({"company": company})


def create_agent() -> AgentBase:
    agent = AgentBase("receptionist", route="/reception", basic_auth=("demo", "demo-password"))
    agent.prompt_add_section("Role", "You are a receptionist.")
    agent.set_dynamic_config_callback(configure)
    return agent


if __name__ == "__main__":
    create_agent().run(host="127.0.0.1", port=3000)
