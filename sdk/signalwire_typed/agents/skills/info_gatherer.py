"""The ``info_gatherer`` skill: ask a list of questions one by one and store the answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from ..tools import SwaigRequest
from .params import REQUIRED, Param, Params
from .questions import QuestionFlow, check_questions, initial_state

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["InfoGathererSkill"]

_DONE = (
    "Thank you! All questions have been answered. You can now summarize the information collected "
    "or ask if there's anything else the user would like to discuss."
)


class InfoGathererSkill:
    """Ask questions one at a time (``start_questions`` / ``submit_answer``), answers kept in global data."""

    name = "info_gatherer"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("questions", "array", "Questions: {key_name, question_text, confirm?, prompt_add?}", REQUIRED),
        Param("prefix", "string", "Prefix of the tool names and of the global data key (several instances)"),
        Param("completion_message", "string", "Said when every question is answered", _DONE),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.questions = check_questions(p.get_raw("questions"), "info_gatherer skill")
        prefix = p.opt_str("prefix")
        self.instance_key = f"info_gatherer_{prefix}" if prefix else "info_gatherer"
        start, submit = (
            (f"{prefix}_start_questions", f"{prefix}_submit_answer")
            if prefix
            else (
                "start_questions",
                "submit_answer",
            )
        )
        self.namespace = f"skill:{prefix or self.instance_key}"
        self.flow = QuestionFlow(
            namespace=self.namespace,
            start_tool=start,
            submit_tool=submit,
            completion_message=p.get_str("completion_message"),
        )

    def setup(self, agent: AgentBase) -> None:
        flow = self.flow

        def start_questions(request: SwaigRequest) -> FunctionResult:
            """Start the question sequence with the first question."""
            return flow.start(request.global_data)

        def submit_answer(
            request: SwaigRequest,
            answer: Annotated[str, "The user's answer to the current question"],
            confirmed_by_user: Annotated[
                bool, "True only when the user explicitly confirmed the answer"
            ] = False,
        ) -> FunctionResult:
            """Submit an answer to the current question and move to the next one."""
            return flow.submit(request.global_data, answer, confirmed_by_user)

        agent.define_tool(
            flow.start_tool, "Start the question sequence with the first question", start_questions
        )
        agent.define_tool(
            flow.submit_tool,
            "Submit an answer to the current question and move to the next one",
            submit_answer,
        )
        agent.update_global_data({self.namespace: initial_state(self.questions)})
        agent.prompt_add_section(
            f"Info Gatherer ({self.instance_key})",
            f"Gather answers to a series of questions. When the user is ready, call {flow.start_tool} "
            f"for the first question, ask it, then call {flow.submit_tool} with the answer; each call "
            "returns the next question, until all are answered.",
        )
