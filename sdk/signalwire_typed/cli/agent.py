"""``signalwire-typed agent swml|tools|call|serve module:attr``: inspect and try an agent locally."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from signalwire_typed.agents import AgentBase, AgentServer

if TYPE_CHECKING:
    from signalwire_typed.agents.serverless.simulate import Mode

__all__ = ["add_arguments", "run"]


class CliError(Exception):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, help_text in (
        ("swml", "print the agent's SWML document"),
        ("tools", "list the agent's SWAIG tools"),
        ("serve", "serve the agent with uvicorn"),
        ("call", "run one tool as SignalWire would, with simulated call data"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("target", help="the agent: module:attr (an AgentBase, AgentServer, or a factory)")
        if name == "call":
            p.add_argument("tool", help="tool name")
            p.add_argument("--args", default="{}", help="tool arguments as a JSON object")
            p.add_argument("--call-id", default="cli-call", help="call id of the simulated call")
            p.add_argument(
                "--call-data",
                default="{}",
                help="JSON object merged into the simulated tool request (caller_id_number, global_data...)",
            )
            p.add_argument(
                "--serverless",
                choices=["lambda", "gcf", "azure", "cgi"],
                default=None,
                help="send the requests through that platform's entry point, as simulated events",
            )
        if name == "swml":
            p.add_argument("--call-id", default="cli-call", help="call id the tokens are made for")
            p.add_argument("--route", default=None, help="with an AgentServer: which agent")
        if name == "serve":
            p.add_argument("--host", default="127.0.0.1")
            p.add_argument("--port", type=int, default=None)


def _load(target: str) -> AgentBase | AgentServer:
    module_name, sep, attr = target.partition(":")
    if not sep or not module_name or not attr:
        raise CliError(f"target must look like module:attr, got {target!r}")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise CliError(f"cannot import module {module_name!r}: {exc}") from exc
    value = getattr(module, attr, None)
    if value is None:
        raise CliError(f"module {module_name!r} has no attribute {attr!r}")
    if isinstance(value, type) and issubclass(value, AgentBase):
        raise CliError(f"{target} is an AgentBase class; point at an instance or a factory function")
    if callable(value) and not isinstance(value, (AgentBase, AgentServer)):
        value = value()
    if not isinstance(value, (AgentBase, AgentServer)):
        raise CliError(f"{target} is a {type(value).__name__}, not an AgentBase or AgentServer")
    return value


def _agent(value: AgentBase | AgentServer, route: str | None) -> AgentBase:
    if isinstance(value, AgentBase):
        return value
    agents = value.get_agents()
    if route is None and len(agents) == 1:
        return next(iter(agents.values()))
    if route is None or route not in agents:
        raise CliError(f"choose an agent with --route: {', '.join(sorted(agents))}")
    return agents[route]


def _call(
    agent: AgentBase,
    tool: str,
    args: dict[str, object],
    call_id: str,
    call_data: dict[str, object],
    mode: Mode | None,
) -> dict[str, object]:
    """Fetch the SWML, then call ``tool`` at the URL the SWML gives, as SignalWire would."""
    import base64

    from signalwire_typed.agents.serverless.simulate import simulator

    sim = simulator(mode, agent)
    user, password = agent.get_basic_auth_credentials()
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}
    swml_body = json.dumps({"call_id": call_id, "call": {"call_id": call_id}}).encode()
    status, raw = sim.invoke("POST", f"{sim.prefix}{agent.route or '/'}", "", swml_body, headers)
    if status != 200:
        raise CliError(f"the agent answered {status} to the SWML request: {raw.decode(errors='replace')}")
    document = json.loads(raw)
    ai = next(step["ai"] for step in document["sections"]["main"] if "ai" in step)
    swaig = ai.get("SWAIG", {})
    entry = next((f for f in swaig.get("functions", []) if f["function"] == tool), None)
    if entry is None:
        names = ", ".join(f["function"] for f in swaig.get("functions", []))
        raise CliError(f"agent {agent.name!r} has no tool {tool!r}; tools: {names or 'none'}")
    if "data_map" in entry:
        raise CliError(f"{tool!r} is a DataMap tool: SignalWire runs it, not this agent")
    url = urlsplit(entry.get("web_hook_url") or swaig["defaults"]["web_hook_url"])
    body: dict[str, object] = {
        "function": tool,
        "argument": {"parsed": [args], "raw": json.dumps(args)},
        "call_id": call_id,
        "global_data": ai.get("global_data", {}),
        "meta_data": {},
        **call_data,
    }
    status, raw = sim.invoke("POST", url.path, url.query, json.dumps(body).encode(), headers)
    try:
        answer = json.loads(raw) if raw else {}
    except ValueError:
        answer = {"body": raw.decode(errors="replace")}
    result: dict[str, object] = {
        "status": status,
        **(answer if isinstance(answer, dict) else {"body": answer}),
    }
    return result


def _json_object(text: str, option: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise CliError(f"{option} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise CliError(f"{option} must be a JSON object")
    return value


def run(args: argparse.Namespace) -> int:
    try:
        value = _load(args.target)
        if args.action == "serve":
            if isinstance(value, AgentServer):
                value.run(host=args.host, port=args.port)
            else:
                value.run(host=args.host, port=args.port)
            return 0
        agent = _agent(value, getattr(args, "route", None))
        if args.action == "swml":
            print(json.dumps(json.loads(agent.render_swml(args.call_id)), indent=2))
        elif args.action == "tools":
            for entry in agent.swaig_function_dicts():
                kind = "data_map" if "data_map" in entry else "webhook"
                print(f"{entry['function']}\t{kind}\t{entry.get('description', '')}")
        else:
            tool_args = _json_object(args.args, "--args")
            call_data = _json_object(args.call_data, "--call-data")
            call_id = call_data.get("call_id", args.call_id)
            result = _call(agent, args.tool, tool_args, str(call_id), call_data, args.serverless)
            print(json.dumps(result, indent=2))
    except (CliError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: the agent's configuration is invalid: {exc}", file=sys.stderr)
        return 1
    return 0
