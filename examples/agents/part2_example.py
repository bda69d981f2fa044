"""A receptionist prefab with three skills from the catalogue.

``ReceptionistAgent`` greets callers and transfers them to a department; ``datetime`` and ``math``
answer on the agent itself, ``weather_api`` is a DataMap tool SignalWire runs (its key comes from
``WEATHER_API_KEY`` when not given). Run it with ``python examples/agents/part2_example.py``.

MCP: MCP clients (an IDE, another agent) reach the same tools at ``/receptionist/mcp`` with the
same basic auth and argument checks, and during calls SignalWire also offers the AI the tools of
an external MCP server (here a CRM).
"""

from __future__ import annotations

import os

from signalwire_typed.agents.prefabs import Department, ReceptionistAgent
from signalwire_typed.agents.skills import WeatherApiParams

DEPARTMENTS: list[Department] = [
    {"name": "sales", "description": "New orders, pricing and quotes", "number": "+15551230001"},
    {"name": "support", "description": "Help with an existing order", "number": "+15551230002"},
]


def create_agent() -> ReceptionistAgent:
    agent = ReceptionistAgent(
        DEPARTMENTS,
        greeting="Thanks for calling Acme. How can I help?",
        voice="rime.spore",
        basic_auth=("demo", "demo-password"),
    )
    agent.add_skill("datetime")
    agent.add_skill("math")
    # The skill's TypedDict lets type checkers check its parameters (a plain dict works too).
    weather = WeatherApiParams(
        api_key=os.environ.get("WEATHER_API_KEY", "demo-key"), temperature_unit="celsius"
    )
    agent.add_skill("weather_api", weather)
    agent.enable_mcp_server()
    agent.add_mcp_server(
        "https://crm.example.com/mcp",
        headers={"Authorization": f"Bearer {os.environ.get('CRM_MCP_TOKEN', 'demo-token')}"},
        resources=True,
        resource_vars={"caller": "${caller_id_number}"},
    )
    return agent


if __name__ == "__main__":
    create_agent().run(host="127.0.0.1", port=3000)
