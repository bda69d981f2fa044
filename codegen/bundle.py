"""Load a folder of spec files and bundle their cross-file ``$ref``s into one document.

Spec files refer to each other as ``other.yaml#/$defs/Name``. Every ``$defs`` entry in a
folder shares one namespace (the names become Python class names), so bundling merges them
into a single ``$defs`` and rewrites each reference to ``#/$defs/Name``. A reference into a
sibling folder (``../swml/ai.yaml#/$defs/AiPrompt``) copies that def and everything it reaches
into the bundle, so a shape is written once and shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

Json = Any


class SpecError(Exception):
    """A spec file is malformed, or two files disagree."""


def load_file(path: Path) -> dict[str, Json]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict):
        raise SpecError(f"{path}: top level must be a mapping")
    return data


def spec_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def merge_defs(folder: Path) -> dict[str, Json]:
    """All ``$defs`` of the folder's files, with cross-file refs made local."""
    merged: dict[str, Json] = {}
    origin: dict[str, str] = {}
    files = spec_files(folder)
    names = {p.name for p in files}
    foreign: dict[str, set[str]] = {}
    for path in files:
        doc = load_file(path)
        for name, schema in (doc.get("$defs") or {}).items():
            if name in merged:
                raise SpecError(f"$defs/{name} is defined in both {origin[name]} and {path.name}")
            merged[name] = localize_refs(schema, path.name, names, foreign)
            origin[name] = path.name
    for other, roots in sorted(foreign.items()):
        defs = merge_defs((folder / other).resolve())
        unknown = sorted(roots - defs.keys())
        if unknown:
            raise SpecError(f"{folder.name}: $ref(s) to {other} name no def there: {', '.join(unknown)}")
        for name in closure(sorted(roots), defs):
            if name in merged:
                raise SpecError(f"$defs/{name} of {other} clashes with a def of {folder.name}")
            merged[name] = defs[name]
            origin[name] = other
    missing = sorted(dangling_refs(merged, merged))
    if missing:
        raise SpecError(f"{folder}: unresolved $ref(s): {', '.join(missing)}")
    return merged


def localize_refs(node: Json, here: str, files: set[str], foreign: dict[str, set[str]] | None = None) -> Json:
    """Rewrite refs to ``#/$defs/Name``; refs into ``../folder/`` are noted in ``foreign``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                target, _, pointer = value.partition("#")
                if not pointer.startswith("/$defs/") or pointer.count("/") != 2:
                    raise SpecError(f"{here}: $ref {value!r} must point at a top-level $defs entry")
                if target.startswith("../") and target.count("/") == 2 and foreign is not None:
                    foreign.setdefault(target.rsplit("/", 1)[0], set()).add(pointer[len("/$defs/") :])
                elif target and target not in files:
                    raise SpecError(f"{here}: $ref to unknown file {value!r}")
                out[key] = "#" + pointer
            else:
                out[key] = localize_refs(value, here, files, foreign)
        return out
    if isinstance(node, list):
        return [localize_refs(v, here, files, foreign) for v in node]
    return node


def refs_in(node: Json) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                found |= refs_in(value)
    elif isinstance(node, list):
        for v in node:
            found |= refs_in(v)
    return found


def dangling_refs(node: Json, defs: dict[str, Json]) -> set[str]:
    return {r for r in refs_in(node) if r not in defs}


def closure(roots: list[str], defs: dict[str, Json]) -> list[str]:
    """Names reachable from ``roots`` through ``$ref``, sorted for determinism."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(refs_in(defs[name]) - seen)
    return sorted(seen)
