"""An agent file written with this vocabulary type-checks strictly; common mistakes are type errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BAD = """\
from signalwire_typed import AgentBase, FunctionResult

agent = AgentBase("bad")
agent.set_params(end_of_speech_timout=500)
agent.set_params(ai_model=3)
agent.define_tool("t", "d", str, parameters={"type": "object", "properties": {"n": {"type": "int"}}})
FunctionResult("x").hold(timeout="long")
FunctionResult("x").record_call(format="ogg")
FunctionResult("x").sya("hello")
agent.add_language(name="English", code="en-US")


class Bad(AgentBase):
    @AgentBase.tool(description="wrong return")
    def count(self, n: int) -> int:
        return n
"""
BAD_LINES = [4, 5, 6, 7, 8, 9, 10, 14]

GOOD = """\
# pyright: strict
from typing import Annotated, Literal

from signalwire_typed import AgentBase, DataMap, FunctionResult
from signalwire_typed.agents import JsonObject, JsonValue, SwaigRequest
from signalwire_typed.swml import models


class Support(AgentBase):
    @AgentBase.tool(description="Order status")
    def status(self, order_id: Annotated[str, "Order number"], verbose: bool = False) -> FunctionResult:
        return FunctionResult(f"Order {order_id} shipped").say("Done").update_global_data({"last": order_id})

    @AgentBase.tool(description="Who", secure=False)
    async def who(self, request: SwaigRequest, unit: Literal["a", "b"] = "a") -> str:
        data: JsonObject = request.global_data
        return f"{request.call_id} {unit} {len(data)}"

    def on_summary(self, summary: JsonValue, raw: JsonObject) -> None:
        print(summary)


agent = Support("support", route="/support", basic_auth=("u", "p"))
agent.prompt_add_section("Role", "Helpful", bullets=["Short answers"])
agent.set_params(end_of_speech_timeout=500, ai_model="gpt-4.1-mini", wait_for_user=True)
agent.set_param("future_param", {"nested": [1, "two", None]})
agent.add_language("English", "en-US", "rime.spore", function_fillers=["One moment"])
agent.add_post_ai_verb(models.HangupVerb(hangup=models.Hangup()))
agent.add_post_answer_verb({"play": {"url": "say:Welcome"}})
agent.define_tool(
    "lookup",
    "Look up",
    lambda: "ok",
    parameters={"type": "object", "properties": {"q": {"type": "string", "description": "Query"}}},
)
agent.register_swaig_function(
    DataMap("joke").description("Joke").parameter("topic", "string", "Topic")
    .fallback_output(FunctionResult("Ha"))
)
context = agent.define_contexts().add_context("default")
step = context.add_step("greet").set_text("Hi").set_functions(["status"])
result: JsonObject = FunctionResult("x").hold(60).connect("+15551234567").to_dict()
swml: models.CallingSwml = agent.to_swml("call")
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


def test_mistakes_are_type_errors(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, BAD)
    assert lines == BAD_LINES, output


def test_agent_file_type_checks_with_mypy(tmp_path: Path) -> None:
    lines, output = _mypy(tmp_path, GOOD)
    assert lines == [], output


def test_agent_file_type_checks_with_pyright(tmp_path: Path) -> None:
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
