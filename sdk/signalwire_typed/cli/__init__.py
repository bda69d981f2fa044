"""The ``signalwire-typed`` console script: one entry point, one module per subcommand.

Each subcommand lives in its own module with ``add_arguments(parser)`` and ``run(args) -> int``,
and is imported only when it is the one being run, so ``signalwire-typed emulator`` never
loads the agents and ``signalwire-typed agent ...`` never loads RELAY.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

# subcommand -> (module, one-line help)
_COMMANDS: dict[str, tuple[str, str]] = {
    "agent": ("signalwire_typed.cli.agent", "Inspect, call and serve an AI agent (module:attr)"),
    "emulator": ("signalwire_typed.cli.emulator", "Run the local SignalWire RELAY emulator."),
    "skills": ("signalwire_typed.cli.skills", "List the agent skills and their parameters."),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="signalwire-typed", description="The signalwire-typed SDK tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in _COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    if not args_list or args_list[0] not in _COMMANDS:
        # Let argparse print usage, or name the unknown command.
        parser.parse_args(args_list or ["--help"])
        return 2
    name = args_list[0]
    module = importlib.import_module(_COMMANDS[name][0])
    command = argparse.ArgumentParser(prog=f"signalwire-typed {name}", description=_COMMANDS[name][1])
    module.add_arguments(command)
    code: int = module.run(command.parse_args(args_list[1:]))
    return code
