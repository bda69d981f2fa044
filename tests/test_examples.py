"""The examples run, and what the demo prints is valid SWML for our schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent


def test_demo_prints_valid_swml(calling_validator: jsonschema.Draft202012Validator) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "swml_demo.py")], capture_output=True, text=True, check=True
    )
    document = json.loads(out.stdout)
    assert [e.message for e in calling_validator.iter_errors(document)] == []
    verbs = [next(iter(step)) for step in document["sections"]["main"]]
    assert verbs == ["answer", "record_call", "play", "ai", "hangup"]
    assert "$.sections.main[0].play.url" in out.stderr
