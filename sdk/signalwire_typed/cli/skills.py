"""``signalwire-typed skills [NAME...]``: the skills ``add_skill`` knows, with their parameters."""

from __future__ import annotations

import argparse
import json
import sys

from signalwire_typed_gen._runtime import JsonObject, JsonValue

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these skills (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args: argparse.Namespace) -> int:
    from signalwire_typed.agents.skills import (
        LEFT_OUT,
        list_skills,
        skill_description,
        skill_env_vars,
        skill_params,
    )

    names: list[str] = list(args.names) or list_skills()
    unknown = [n for n in names if n not in list_skills()]
    later = [n for n in unknown if n in LEFT_OUT]
    if later:
        print(f"signalwire-typed skills: not available yet: {', '.join(later)}", file=sys.stderr)
        return 2
    if unknown:
        available = ", ".join(list_skills())
        print(
            f"signalwire-typed skills: unknown skill(s) {', '.join(unknown)}; available: {available}",
            file=sys.stderr,
        )
        return 2
    listing: list[JsonValue] = []
    for name in names:
        try:
            params = skill_params(name)
            env = skill_env_vars(name)
            description = skill_description(name)
        except ValueError as exc:
            print(f"signalwire-typed skills: {exc}", file=sys.stderr)
            return 2
        if args.json:
            entry: JsonObject = {
                "name": name,
                "description": description,
                "env_vars": list[JsonValue](env),
                "params": [
                    {
                        "name": p.name,
                        "type": p.kind,
                        "description": p.description,
                        "required": p.required,
                        "default": p.default_value,
                        "env": p.env,
                    }
                    for p in params
                ],
            }
            listing.append(entry)
            continue
        print(f"{name}: {description}")
        if env:
            print(f"  env: {', '.join(env)}")
        for p in params:
            print(f"  {p.describe()}")
    if args.json:
        print(json.dumps(listing, indent=2))
    elif not args.names:
        print(f"\nnot available yet: {', '.join(LEFT_OUT)}")
    return 0
