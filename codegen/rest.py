"""REST: bundle each OpenAPI spec under specs/rest/ and run openapi-python-client on it.

Each spec becomes its own package ``rest/<spec name>``, so a namespace's models load only
when that namespace is first used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from .bundle import SpecError, load_file, merge_defs, refs_in
from .normalize import flatten_all_of, is_map, lift_inline_objects, map_schemas, strip_doc_only
from .rest_facade import Mount, facade_module, mounts, root_module

Json = Any
_EXTERNAL = re.compile(r"^(?P<file>[^#]+)#/\$defs/(?P<name>[^/]+)$")
_SHARED = re.compile(r"^(?P<file>_[^#/]+\.ya?ml)#/components/(?P<kind>[A-Za-z]+)/(?P<name>[^/]+)$")
_LOCAL = re.compile(r"^#/components/(?P<kind>[A-Za-z]+)/(?P<name>[^/]+)$")
_TEMPLATES = Path(__file__).parent / "templates" / "openapi"
_CONFIG = {
    "literal_enums": True,
    "docstrings_on_attributes": True,
    "post_hooks": [],
}


def _external_refs(node: Json, found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and (m := _EXTERNAL.match(value)):
                found.add((m["file"], m["name"]))
            else:
                _external_refs(value, found)
    elif isinstance(node, list):
        for v in node:
            _external_refs(v, found)
    return found


def _rewrite_refs(node: Json) -> Json:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if (
                key == "$ref"
                and isinstance(value, str)
                and (_EXTERNAL.match(value) or value.startswith("#/$defs/"))
            ):
                out[key] = "#/components/schemas/" + value.rsplit("/", 1)[-1]
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


Key = tuple[str, ...]


def _component_refs(node: Json, pattern: re.Pattern[str], found: set[Key]) -> set[Key]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and (m := pattern.match(value)):
                found.add(m.groups())
            else:
                _component_refs(value, pattern, found)
    elif isinstance(node, list):
        for v in node:
            _component_refs(v, pattern, found)
    return found


def _localize_shared(node: Json) -> Json:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and (m := _SHARED.match(value)):
                out[key] = f"#/components/{m['kind']}/{m['name']}"
            else:
                out[key] = _localize_shared(value)
        return out
    if isinstance(node, list):
        return [_localize_shared(v) for v in node]
    return node


def _merge_shared(doc: dict[str, Json], path: Path) -> dict[str, Json]:
    """Copy the components a spec uses from ``_*.yaml`` files (and what they reach) into it."""
    components: dict[str, Json] = doc.setdefault("components", {})
    todo = sorted(_component_refs(doc, _SHARED, set()))
    seen: set[Key] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        file, kind, name = key
        shared = load_file(path.parent / file)
        try:
            item = shared["components"][kind][name]
        except KeyError:
            raise SpecError(f"{path.name}: {file}#/components/{kind}/{name} does not exist") from None
        mine = components.setdefault(kind, {})
        if name in mine and mine[name] != item:
            raise SpecError(f"{path.name}: components/{kind}/{name} differs from the one in {file}")
        mine[name] = item
        todo.extend((file, k, n) for k, n in sorted(_component_refs(item, _LOCAL, set())))
        todo.extend(sorted(_component_refs(item, _SHARED, set())))
    if doc.get("security") and not components.get("securitySchemes"):
        for file in sorted({f for f, _, _ in seen}) or ["_common.yaml"]:
            schemes = load_file(path.parent / file).get("components", {}).get("securitySchemes", {})
            components.setdefault("securitySchemes", {}).update(schemes)
    return _localize_shared(doc)


def bundle_openapi(path: Path, swml_classes: frozenset[str] = frozenset()) -> dict[str, Json]:
    """The spec with the shared components and the JSON Schema defs it borrows copied in."""
    doc = _merge_shared(load_file(path), path)
    schemas: dict[str, Json] = doc.setdefault("components", {}).setdefault("schemas", {})
    borrowed: dict[Path, list[str]] = {}
    for file, name in sorted(_external_refs(doc, set())):
        borrowed.setdefault((path.parent / file).resolve().parent, []).append(name)
    for folder, roots in sorted(borrowed.items()):
        defs = merge_defs(folder)
        todo = sorted(set(roots))
        done: set[str] = set()
        while todo:
            name = todo.pop()
            if name in done:
                continue
            done.add(name)
            if name in schemas:
                raise SpecError(f"{path.name}: component {name} collides with {folder.name}/$defs/{name}")
            if name in swml_classes and not is_map(defs[name]):
                # The class comes from the SWML package (one class per concept); the model template
                # renders this placeholder as an import of it, loaded and dumped by the SWML converters.
                schemas[name] = {
                    "type": "object",
                    "properties": {},
                    "additionalProperties": False,
                    "x-swml": name,
                }
            else:
                # Enums, strings and maps have no SWML class: their schema is copied in.
                schemas[name] = defs[name]
                todo.extend(sorted(refs_in(defs[name]) - done))
    doc = _rewrite_refs(doc)
    schemas = doc["components"]["schemas"]
    for name in list(schemas):
        schemas[name] = map_schemas(schemas[name], _plain_strings)
    schemas = flatten_all_of(schemas, "#/components/schemas/")
    doc["components"]["schemas"] = lift_inline_objects(schemas, "#/components/schemas/")
    schemas = doc["components"]["schemas"]
    _ensure_operation_ids(doc)
    # Maps are inlined where used: openapi-python-client makes an empty class of a free-form map.
    chosen = {n for n, sub in schemas.items() if isinstance(sub, dict) and is_map(sub)}
    doc = _inline(doc, {n: schemas[n] for n in chosen})
    doc["components"]["schemas"] = {
        n: sub for n, sub in doc["components"]["schemas"].items() if n not in chosen
    }
    return doc


_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _plain_strings(schema: dict[str, Json]) -> dict[str, Json]:
    """Documentation keys dropped; ids stay ``str`` (no ``UUID`` objects to convert back and forth)."""
    schema = strip_doc_only(schema)
    if schema.get("format") == "uuid":
        schema = {k: v for k, v in schema.items() if k != "format"}
    return schema


def _ensure_operation_ids(doc: dict[str, Json]) -> None:
    """An operation without an ``operationId`` gets one from its method and path.

    openapi-python-client skips such operations; a derived name keeps them, and stays stable.
    """
    taken = {
        op["operationId"]
        for item in doc.get("paths", {}).values()
        for method, op in item.items()
        if method in _METHODS and "operationId" in op
    }
    for path, item in sorted(doc.get("paths", {}).items()):
        for method in _METHODS:
            op = item.get(method)
            if op is None or "operationId" in op:
                continue
            words = ["by_" + w[1:-1] if w.startswith("{") else w for w in path.split("/") if w]
            name = "_".join([method, *words]).replace("-", "_").lower()
            if name in taken:
                raise SpecError(f"{method.upper()} {path}: derived operationId {name} is taken; give it one")
            op["operationId"] = name
            taken.add(name)


def _inline(node: Json, targets: dict[str, Json]) -> Json:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/") and ref[21:] in targets:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**_inline(targets[ref[21:]], targets), **_inline(rest, targets)}
        return {k: _inline(v, targets) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, targets) for v in node]
    return node


def generate_rest(folder: Path, out: Path, header: Callable[[str], str]) -> int:
    specs = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    only = os.environ.get("CODEGEN_REST_ONLY")
    if only:
        # For checking one spec while others are being written: `CODEGEN_REST_ONLY=fabric,calling`.
        specs = [p for p in specs if p.stem in only.split(",")]
    if not specs:
        return 0
    _write_init(out / "__init__.py", header("specs/rest/"), "REST namespaces, one package per spec.")
    runtime = (_TEMPLATES.parent / "rest" / "_rt.py.jinja2").read_text(encoding="utf-8")
    (out / "_rt.py").write_text(
        f"{header('codegen/templates/rest/_rt.py.jinja2')}\n{runtime}", encoding="utf-8"
    )
    files = 2
    swml_dicts = _swml_dict_types(out.parent / "swml")
    classes = swml_class_names((out.parent / "swml" / "models.py").read_text(encoding="utf-8"))
    all_mounts: list[Mount] = []
    for spec in specs:
        files += _one(
            spec, out / spec.stem, header(f"specs/rest/{spec.name}"), swml_dicts, classes, all_mounts
        )
    root = root_module(all_mounts, header("specs/rest/"))
    (out / "_root.py").write_text(root, encoding="utf-8", newline="\n")
    return files + 1


def swml_class_names(models: str) -> frozenset[str]:
    """Names of the classes and union aliases of the generated SWML models module."""
    return frozenset(re.findall(r"^(?:class )?([A-Za-z0-9]+)(?:: TypeAlias = |:$|\()", models, re.M))


def _swml_dict_types(swml: Path) -> dict[str, str]:
    """For each SWML model name, the TypedDict annotation a REST keyword argument accepts for it."""
    dicts = (swml / "dicts.py").read_text(encoding="utf-8")
    models = (swml / "models.py").read_text(encoding="utf-8")
    names = set(re.findall(r"^(?:class )?([A-Za-z0-9]+)Dict\b", dicts, re.M))
    out = {n: f"_swmld.{n}Dict" for n in names}
    for alias, members in re.findall(r"^([A-Za-z0-9]+): TypeAlias = Union\[(.*)\]$", models, re.M):
        parts = [m.strip().strip('"') for m in members.split(",")]
        if all(p in names for p in parts):
            out[alias] = " | ".join(f"_swmld.{p}Dict" for p in parts)
    return out


def _write_init(path: Path, head: str, doc: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{head}\n"""{doc}"""\n', encoding="utf-8")


def _one(
    spec: Path,
    dest: Path,
    head: str,
    swml_dicts: dict[str, str],
    swml_classes: frozenset[str],
    all_mounts: list[Mount],
) -> int:
    bundled = bundle_openapi(spec, swml_classes)
    try:
        validate(bundled)
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in exc.path) if hasattr(exc, "path") else ""
        raise SpecError(f"{spec.name} is not valid OpenAPI 3.1 at {where}: {str(exc)[:500]}") from None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "openapi.json"
        src.write_text(json.dumps(bundled, indent=1, sort_keys=True), encoding="utf-8")
        config = Path(tmp) / "config.json"
        config.write_text(json.dumps({**_CONFIG, "package_name_override": dest.name}), encoding="utf-8")
        target = Path(tmp) / "client"
        cmd = [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(src),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(target),
            "--fail-on-warning",
            "--overwrite",
        ]
        if _TEMPLATES.is_dir():
            cmd += ["--custom-template-path", str(_TEMPLATES)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SpecError(f"openapi-python-client failed on {spec.name}:\n{proc.stdout}\n{proc.stderr}")
        count = 0
        for py in sorted(target.rglob("*")):
            if py.is_file():
                rel = py.relative_to(target)
                dst = dest / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                text = py.read_text(encoding="utf-8")
                if py.suffix == ".py":
                    text = f"{head}\n{text}"
                dst.write_text(text, encoding="utf-8", newline="\n")
                count += 1
        shutil.rmtree(target)
    modules = facade_module(bundled, spec.stem, head, swml_dicts)
    all_mounts.extend(mounts(bundled, spec.stem))
    for name, text in sorted(modules.items()):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(text, encoding="utf-8", newline="\n")
    return count + len(modules)
