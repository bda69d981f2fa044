"""Run datamodel-code-generator over a bundled JSON Schema: attrs classes and TypedDicts."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .normalize import rename_defs

TEMPLATES = Path(__file__).parent / "templates" / "attrs"
TYPEDDICT_SUFFIX = "Dict"

_COMMON = [
    "--input-file-type",
    "jsonschema",
    "--target-python-version",
    "3.11",
    "--collapse-root-models",
    "--enum-field-as-literal",
    "all",
    "--use-field-description",
    "--use-schema-description",
    "--disable-timestamp",
    "--formatters",
    "ruff-check",
    "ruff-format",
]


class GeneratorError(Exception):
    """A generator failed or warned; its output would not be trustworthy."""


def _run(schema: dict[str, Any], extra: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "schema.json"
        out = Path(tmp) / "out.py"
        src.write_text(json.dumps(schema, indent=1, sort_keys=True), encoding="utf-8")
        cmd = [sys.executable, "-m", "datamodel_code_generator", "--input", str(src), "--output", str(out)]
        proc = subprocess.run([*cmd, *_COMMON, *extra], capture_output=True, text=True, check=False)
        warnings = [line for line in proc.stderr.splitlines() if "Warning" in line and "Future" not in line]
        if proc.returncode != 0 or warnings:
            raise GeneratorError(f"datamodel-code-generator failed:\n{proc.stderr}")
        code = out.read_text(encoding="utf-8")
    compile(code, "<generated>", "exec")  # a broken template still exits 0
    return code


def _defs_only(schema: dict[str, Any], types: dict[str, str] | None = None) -> dict[str, Any]:
    # With no root type, every $defs entry becomes a class and none is named "Model".
    # A def typed by an existing Python type ({def name: "module.Name"}) is imported, not generated.
    defs = {**schema["$defs"], **{name: {"customTypePath": path} for name, path in (types or {}).items()}}
    return {"$schema": schema["$schema"], "$defs": defs}


def attrs_models(schema: dict[str, Any], types: dict[str, str] | None = None) -> str:
    return _run(
        _defs_only(schema, types),
        [
            "--output-model-type",
            "dataclasses.dataclass",
            "--keyword-only",
            "--custom-template-dir",
            str(TEMPLATES),
            "--additional-imports",
            # The attrs template types the extras of open objects with JsonObject.
            ",".join(["attrs", *sorted((types or {}).values())]),
        ],
    )


def typed_dicts(schema: dict[str, Any], types: dict[str, str] | None = None) -> str:
    return _run(
        rename_defs(_defs_only(schema, types), TYPEDDICT_SUFFIX),
        ["--output-model-type", "typing.TypedDict"],
    )
