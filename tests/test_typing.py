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


def _mypy(tmp_path: Path, source: str) -> list[int]:
    path = tmp_path / "snippet.py"
    path.write_text(source)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(path)],
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
