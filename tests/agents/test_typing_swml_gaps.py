"""The new SWML surface is typed: good uses pass mypy and pyright strictly, mistakes are type errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BAD = """\
from signalwire_typed import AgentBase, DataMap, FunctionResult

agent = AgentBase("bad")
agent.add_post_ai_verb({"hangupp": {}})
agent.add_pre_answer_verb({"play": {"urll": "ring:us"}})
FunctionResult("x").update_settings({"temprature": 0.5})
FunctionResult("x").update_settings(top_p="high")
FunctionResult("x").add_dynamic_hints([{"pattern": "a"}])
step = agent.define_contexts().add_context("default").add_step("s")
step.set_gather_info().add_gather_question("k", "q", type="date")
step.set_history("forget")
DataMap("m").webhook("GET", "https://e.com").webhook_expressions([{"string": "a", "pattern": "b"}])
DataMap("m").webhook("GET", "https://e.com", form_param=3)
"""
BAD_LINES = [4, 5, 6, 7, 8, 10, 11, 12, 13]

GOOD = """\
from signalwire_typed import AgentBase, DataMap, FunctionResult
from signalwire_typed.agents import GatherQuestion
from signalwire_typed_gen._runtime import JsonObject

agent = AgentBase("good")
agent.add_post_ai_verb({"hangup": {}})
agent.add_pre_answer_verb({"play": {"url": "ring:us"}})
agent.add_post_answer_verb({"sleep": 100})
result: JsonObject = (
    FunctionResult("ok")
    .update_settings({"top-p": 0.9}, temperature=0.3, max_tokens=200)
    .set_end_of_speech_timeout(700)
    .set_speech_event_timeout(1000)
    .change_voice("elevenlabs.rachel")
    .add_dynamic_hints(["Cabby", {"pattern": "cab bee", "replace": "Cabby"}])
    .clear_dynamic_hints()
    .enable_functions_on_timeout()
    .enable_extensive_data()
    .replace_in_history(True)
    .wait_for_user(answer_first=True)
    .switch_context(user_prompt="Start again", full_reset=True)
    .to_dict()
)
context = agent.define_contexts().add_context("default").set_system_prompt("Be kind").set_history("hide")
(
    context.add_step("ask")
    .set_text("Ask")
    .set_gather_info(output_key="answers", completion_action="done")
    .add_gather_question("age", "How old are you?", type="integer", confirm=True)
)
context.add_step("done").set_text("Done").set_end()
question = GatherQuestion("name", "Your name?")
agent.register_swaig_function(
    DataMap("m").description("d")
    .expression("${args.x}", "a", FunctionResult("A"), nomatch_output=FunctionResult("not A"))
    .webhook("POST", "https://e.com", form_param="payload")
    .body({"q": "${args.x}"})
    .webhook_expressions([{"string": "${response.k}", "pattern": "x", "output": {"response": "X"}}])
)
"""


def _mypy(tmp_path: Path, source: str) -> tuple[list[int], str]:
    path = tmp_path / "snippet.py"
    path.write_text(source)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    return sorted({int(n) for n in re.findall(r"snippet\.py:(\d+): error", out.stdout)}), out.stdout


def test_new_surface_mistakes_are_type_errors(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, BAD)
    assert lines == BAD_LINES, output


def test_new_surface_type_checks_with_mypy_and_pyright(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, GOOD)
    assert lines == [], output
    path = tmp_path / "snippet.py"
    path.write_text(GOOD)
    out = subprocess.run(
        [str(Path(sys.executable).parent / "pyright"), "--pythonpath", sys.executable, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    assert "0 errors" in out.stdout, out.stdout
