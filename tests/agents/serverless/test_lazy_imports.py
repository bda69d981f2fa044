"""Security, serverless adapters and MCP load only when used."""

from __future__ import annotations

import json
import subprocess
import sys

OPTIONAL = [
    "signalwire_typed.security",
    "signalwire_typed.agents.serverless",
    "signalwire_typed.agents.serverless.cgi",
    "signalwire_typed.agents.mcp",
    "mangum",
    "azure.functions",
    "functions_framework",
    "flask",
    "mcp",
]

PROBE = f"""
import json, sys
from signalwire_typed.agents import AgentBase
names = {OPTIONAL!r}
AgentBase("a", basic_auth=("u", "p")).asgi_app
before = [n for n in names if n in sys.modules]
AgentBase("b", basic_auth=("u", "p"), signing_key="k").enable_mcp_server()
from signalwire_typed.agents import serverless
serverless.run_cgi
print(json.dumps([before, [n for n in names if n in sys.modules]]))
"""


def test_nothing_optional_is_imported_until_used() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    before, after = json.loads(out.stdout)
    assert before == []
    # Each piece arrives with its use, and no platform adapter comes with them.
    assert after == [
        "signalwire_typed.security",
        "signalwire_typed.agents.serverless",
        "signalwire_typed.agents.serverless.cgi",
        "signalwire_typed.agents.mcp",
    ]
