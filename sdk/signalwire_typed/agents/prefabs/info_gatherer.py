"""InfoGathererAgent: asks a list of questions one at a time and keeps the answers in global data."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Annotated, Unpack

from signalwire_typed_gen._runtime import JsonObject

from ..agent import AgentBase
from ..function_result import FunctionResult
from ..request import SwmlRequest
from ..skills.questions import Question, QuestionFlow, check_questions, initial_state
from ..tools import SwaigRequest
from .common import AgentOptions

__all__ = ["InfoGathererAgent", "Question", "QuestionCallback"]

_log = logging.getLogger(__name__)

QuestionCallback = Callable[[dict[str, str], JsonObject, dict[str, str]], Sequence[Question]]
"""``(query_params, body, headers) -> questions`` for the call being set up."""

_FALLBACK: list[Question] = [
    {"key_name": "name", "question_text": "What is your name?"},
    {"key_name": "message", "question_text": "How can I help you today?"},
]
_DONE = (
    "Thank you! All questions have been answered. You can now summarize the information collected "
    "or ask if there's anything else the user would like to discuss."
)
_FLOW = QuestionFlow(
    namespace=None,
    start_tool="start_questions",
    submit_tool="submit_answer",
    completion_message=_DONE,
    replace_history=True,
)


class InfoGathererAgent(AgentBase):
    """Asks ``questions`` (or those a ``question_callback`` picks per call) and records the answers.

    Tools: ``start_questions`` and ``submit_answer``; state: ``questions``, ``question_index`` and
    ``answers`` in the call's global data.
    """

    def __init__(
        self,
        questions: Sequence[Question] | None = None,
        *,
        question_callback: QuestionCallback | None = None,
        name: str = "info_gatherer",
        route: str = "/info_gatherer",
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        if questions is not None and question_callback is not None:
            raise ValueError("InfoGathererAgent takes questions or question_callback, not both")
        self._questions = (
            check_questions(list(questions), "InfoGathererAgent") if questions is not None else None
        )
        self._question_callback = question_callback
        what = (
            "gather information by asking questions"
            if questions is None
            else "get answers to a series of questions"
        )
        self.prompt_add_section(
            "Objective",
            f"Your role is to {what}. Begin by asking the user if they are ready to answer some questions. "
            "If they confirm, call the start_questions function to begin.",
        )
        self.set_params(end_of_speech_timeout=800, speech_event_timeout=1000)
        if self._questions is not None:
            self.set_global_data(initial_state(self._questions))

    def set_question_callback(self, callback: QuestionCallback) -> None:
        """Pick the questions per call: ``callback(query_params, body, headers)``."""
        if self._questions is not None:
            raise ValueError("this InfoGathererAgent has static questions; a callback would never be used")
        self._question_callback = callback

    def on_swml_request(self, request: SwmlRequest, agent: AgentBase) -> None:
        if self._questions is not None:
            return None
        questions = _FALLBACK
        if self._question_callback is not None:
            try:
                questions = check_questions(
                    list(self._question_callback(request.query, request.body, request.headers)),
                    "question_callback",
                )
            except Exception:
                _log.exception(
                    "InfoGathererAgent %r: question_callback failed; asking the default questions", self.name
                )
        agent.update_global_data(initial_state(questions))
        return None

    @AgentBase.tool(name="start_questions", description="Start the question sequence with the first question")
    def start_questions(self, request: SwaigRequest) -> FunctionResult:
        return _FLOW.start(request.global_data)

    @AgentBase.tool(
        name="submit_answer", description="Submit an answer to the current question and move to the next one"
    )
    def submit_answer(
        self,
        request: SwaigRequest,
        answer: Annotated[str, "The user's answer to the current question"],
        confirmed_by_user: Annotated[bool, "True only when the user explicitly confirmed the answer"] = False,
    ) -> FunctionResult:
        return _FLOW.submit(request.global_data, answer, confirmed_by_user)
