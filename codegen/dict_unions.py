"""Named TypedDict unions: the TypedDict generator inlines unions of object shapes, so a schema
union such as ``CallingMethod`` (one of many verb objects) gets no name users can annotate with.
This appends ``<Name>Dict: TypeAlias = ADict | BDict | ...`` for every such union."""

from __future__ import annotations

import re
from typing import Any

from .dcg import TYPEDDICT_SUFFIX

_DEFINED = re.compile(r"^(?:class (\w+)\(|(\w+)(?:: TypeAlias)? = )", re.MULTILINE)


def _members(definition: dict[str, Any]) -> list[str] | None:
    """The referenced def names of a pure ``oneOf``/``anyOf`` of ``$ref``s, else None."""
    for key in ("oneOf", "anyOf"):
        branches = definition.get(key)
        if isinstance(branches, list) and branches and set(definition) <= {key, "description", "title"}:
            refs = [b.get("$ref") for b in branches if isinstance(b, dict)]
            if len(refs) == len(branches) and all(
                isinstance(r, str) and r.startswith("#/$defs/") for r in refs
            ):
                return [r.removeprefix("#/$defs/") for r in refs]
    return None


def add_dict_unions(code: str, defs: dict[str, Any]) -> str:
    """``code`` (a generated dicts module) with an alias for each union of TypedDicts it can name."""
    defined = {a or b for a, b in _DEFINED.findall(code)}
    pending = {name: members for name, d in sorted(defs.items()) if (members := _members(d)) is not None}
    lines: list[str] = []
    progress = True
    while progress:
        progress = False
        for name, members in list(pending.items()):
            alias = name + TYPEDDICT_SUFFIX
            wanted = [m + TYPEDDICT_SUFFIX for m in members]
            if alias in defined:
                del pending[name]
            elif all(w in defined for w in wanted):
                description = str(defs[name].get("description", "")).strip()
                lines.append(f"\n\n{alias}: TypeAlias = Union[{', '.join(wanted)}]")
                if description:
                    lines.append(f'"""{description}"""')
                defined.add(alias)
                del pending[name]
                progress = True
    if not lines:
        return code
    return _import_typing(code, ("TypeAlias", "Union")).rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def _import_typing(code: str, names: tuple[str, ...]) -> str:
    found = re.search(r"^from typing import (.*)$", code, re.MULTILINE)
    if found is None:
        return re.sub(
            r"^(from __future__ import annotations\n)",
            rf"\1\nfrom typing import {', '.join(names)}\n",
            code,
            count=1,
            flags=re.MULTILINE,
        )
    have = [n.strip() for n in found[1].split(",")]
    merged = sorted(set(have) | set(names))
    return code[: found.start()] + f"from typing import {', '.join(merged)}" + code[found.end() :]
