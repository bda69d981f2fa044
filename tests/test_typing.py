"""The builder is typed for real: mypy --strict rejects wrong keywords, types and dict keys."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BAD = """\
from signalwire_typed import Document

doc = Document()
doc.play(url=42)
doc.play(urll="say:hi")
doc.ai(prompt={"txt": "hello"})
doc.ai(languages=[{"name": "English", "code": "en-US", "voice": 3}])
doc.hangup(reason="maybe")
doc.goto(label="x").nosuchverb()
"""

GOOD = """\
from signalwire_typed import Document
from signalwire_typed.swml import models

doc = Document().answer().play(urls=["say:Hi", "silence:1"], volume=-3)
doc.ai(
    prompt={"pom": [{"title": "Role", "body": "Receptionist"}]},
    languages=[models.AiLanguage(name="English", code="en-US", voice="rime.spore")],
    SWAIG={"functions": [{"function": "f", "description": "d"}]},
)
doc.hangup(reason="busy").section("x").sleep(100).label("end")
steps: list[models.CallingMethod] = doc.methods
text: str = doc.to_json()
"""

# Free-form JSON is typed, not Any: a user's program stays clean under --disallow-any-expr.
FREE_FORM = """\
from signalwire_typed import Document
from signalwire_typed.swml import JsonObject, JsonValue, dicts, models

weather: dicts.SwaigFunctionDict = {
    "function": "get_weather",
    "description": "Weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "City name."}},
        "required": ["city"],
    },
    "meta_data": {"tenant": "acme", "limits": [1, 2.5, None, {"deep": True}]},
    "data_map": {
        "webhooks": [
            {
                "url": "https://api.example.com/weather?q=${args.city}",
                "method": "GET",
                "headers": {"X-Key": "k"},
                "params": {"units": "metric", "days": 3},
                "output": {
                    "response": "It is ${response.temp} degrees.",
                    "action": [{"set_global_data": {"city": "${args.city}"}}],
                },
            }
        ],
        "output": {"response": "No weather today."},
    },
}
defaults: JsonObject = {"caller": {"name": "Ann", "vip": True, "score": 4.5}, "tags": ["a", "b"]}
doc = Document()
doc.ai(prompt={"text": "You are a weather bot."}, global_data=defaults, SWAIG={"functions": [weather]})
doc.set({"x": 1, "y": [True, None]}).return_({"status": "ok"})

parsed = Document.from_json(doc.to_json())
step = parsed.methods[0]
assert isinstance(step, models.AiVerb)
data: JsonObject | None = step.ai.global_data
caller: JsonValue = data["caller"] if data is not None else None
if isinstance(caller, dict):
    name: JsonValue = caller["name"]
set_step = parsed.methods[1]
if isinstance(set_step, models.SetVerb):
    keys = [key.upper() for key in set_step.set]
"""

FREE_FORM_BAD = """\
from signalwire_typed import Document
from signalwire_typed.swml import JsonObject, dicts

doc = Document()
doc.ai(prompt={"text": "x"}, global_data={"when": object()})
doc.set({"x": b"bytes"})
meta: JsonObject = {1: "x"}
action: dicts.SwaigSetGlobalDataActionDict = {"set_global_data": ["not", "an", "object"]}
"""


def _mypy(tmp_path: Path, source: str, *flags: str) -> list[int]:
    path = tmp_path / "snippet.py"
    path.write_text(source)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *flags, "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return sorted({int(n) for n in re.findall(r"snippet\.py:(\d+): error", out.stdout)})


def test_mistakes_are_type_errors(tmp_path: Path) -> None:
    assert _mypy(tmp_path, BAD) == [4, 5, 6, 7, 8, 9]


def test_correct_use_type_checks(tmp_path: Path) -> None:
    assert _mypy(tmp_path, GOOD) == []


def test_free_form_json_is_typed_not_any(tmp_path: Path) -> None:
    assert _mypy(tmp_path, FREE_FORM, "--disallow-any-expr") == []


def test_free_form_json_rejects_what_is_not_json(tmp_path: Path) -> None:
    assert _mypy(tmp_path, FREE_FORM_BAD) == [5, 6, 7, 8]
