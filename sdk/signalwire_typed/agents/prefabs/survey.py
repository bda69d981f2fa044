"""SurveyAgent: asks survey questions in order, validates each answer and logs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, NotRequired, TypedDict, Unpack

import attrs
from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..agent import AgentBase
from ..function_result import FunctionResult
from ..tools import SwaigRequest
from .common import AgentOptions

__all__ = ["SurveyAgent", "SurveyQuestion"]

QuestionType = Literal["rating", "multiple_choice", "yes_no", "open_ended"]
_TYPES: tuple[QuestionType, ...] = ("rating", "multiple_choice", "yes_no", "open_ended")


class SurveyQuestion(TypedDict):
    """A survey question. ``options`` for multiple_choice; ``scale`` (default 5) for rating."""

    text: str
    type: QuestionType
    id: NotRequired[str]
    options: NotRequired[list[str]]
    scale: NotRequired[int]
    required: NotRequired[bool]


@attrs.frozen
class _Question:
    id: str
    text: str
    type: QuestionType
    options: tuple[str, ...]
    scale: int
    required: bool

    def problem(self, response: str) -> str | None:
        """Why ``response`` is not a valid answer (None when it is)."""
        answer = response.strip()
        if self.type == "rating":
            if not answer.isdigit() or not 1 <= int(answer) <= self.scale:
                return f"Invalid rating. Please provide a number between 1 and {self.scale}."
        elif self.type == "multiple_choice":
            if answer.lower() not in (o.lower() for o in self.options):
                return f"Invalid choice. Please select one of: {', '.join(self.options)}."
        elif self.type == "yes_no":
            if answer.lower() not in ("yes", "no", "y", "n"):
                return "Please answer with 'yes' or 'no'."
        elif not answer and self.required:
            return "A response is required for this question."
        return None


def _check(questions: Sequence[SurveyQuestion]) -> list[_Question]:
    if not questions:
        raise ValueError("SurveyAgent needs at least one question")
    checked: list[_Question] = []
    for i, q in enumerate(questions, 1):
        text, kind = q.get("text"), q.get("type")
        if not isinstance(text, str) or not text:
            raise ValueError(f"SurveyAgent: question {i} is missing its 'text'")
        if kind not in _TYPES:
            raise ValueError(
                f"SurveyAgent: question {i} has type {kind!r}; expected one of {', '.join(_TYPES)}"
            )
        options = q.get("options", [])
        if kind == "multiple_choice" and not options:
            raise ValueError(f"SurveyAgent: multiple-choice question {i} needs 'options'")
        scale = q.get("scale", 5)
        if kind == "rating" and (not isinstance(scale, int) or scale < 2):
            raise ValueError(f"SurveyAgent: rating question {i} needs an integer 'scale' of at least 2")
        checked.append(
            _Question(
                q.get("id") or f"question_{i}", text, kind, tuple(options), scale, q.get("required", True)
            )
        )
    ids = [q.id for q in checked]
    if len(set(ids)) != len(ids):
        raise ValueError("SurveyAgent: question ids must be unique")
    return checked


class SurveyAgent(AgentBase):
    """Tools: ``validate_response`` (counts invalid answers; after ``max_retries`` it says to move on)
    and ``log_response``. Responses are kept in global data under ``responses``."""

    def __init__(
        self,
        survey_name: str,
        questions: Sequence[SurveyQuestion],
        *,
        introduction: str | None = None,
        conclusion: str | None = None,
        brand_name: str | None = None,
        max_retries: int = 2,
        name: str = "survey",
        route: str = "/survey",
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        if max_retries < 0:
            raise ValueError("SurveyAgent max_retries must be 0 or more")
        self.survey_name = survey_name
        self.questions = {q.id: q for q in _check(questions)}
        self.max_retries = max_retries
        self.brand_name = brand_name or "Our Company"
        self.introduction = introduction or f"Welcome to our {survey_name}. We appreciate your participation."
        self.conclusion = (
            conclusion or "Thank you for completing our survey. Your feedback is valuable to us."
        )
        self.prompt_add_section(
            "Personality", f"You are a friendly and professional survey agent representing {self.brand_name}."
        )
        self.prompt_add_section(
            "Goal", f"Conduct the '{survey_name}' survey: ask the questions and collect answers."
        )
        self.prompt_add_section(
            "Instructions",
            bullets=[
                "Ask the questions in order, one at a time, and wait for each answer.",
                "For rating questions explain the scale; for multiple choice list the options.",
                "Check every answer with validate_response, then record it with log_response.",
                f"If an answer is invalid, explain and ask again, up to {max_retries} times.",
                "After the last question, thank the user.",
            ],
        )
        self.prompt_add_section("Introduction", f"Begin with this introduction: {self.introduction}")
        self.prompt_add_section(
            "Survey Questions",
            "Ask these questions in order:",
            subsections=[{"title": q.text, "body": self._describe(q)} for q in self.questions.values()],
        )
        self.prompt_add_section("Conclusion", f"End with this conclusion: {self.conclusion}")
        self.set_post_prompt(
            'Return a JSON summary of the survey: {"survey_name": NAME, '
            '"responses": {QUESTION_ID: RESPONSE}, '
            '"completion_status": "complete/incomplete", "timestamp": CURRENT_TIMESTAMP}'
        )
        terms: list[str] = []
        for q in self.questions.values():
            if q.type == "rating":
                terms += [str(n) for n in range(1, q.scale + 1)]
            terms += list(q.options) + (["yes", "no"] if q.type == "yes_no" else [])
        self.add_hints([survey_name, self.brand_name, *terms])
        self.set_params(
            wait_for_user=False,
            end_of_speech_timeout=1500,
            ai_volume=5,
            static_greeting=self.introduction,
            static_greeting_no_barge=True,
        )
        listed: list[JsonValue] = [
            {"id": q.id, "text": q.text, "type": q.type, "required": q.required}
            for q in self.questions.values()
        ]
        self.set_global_data(
            {
                "survey_name": survey_name,
                "brand_name": self.brand_name,
                "questions": listed,
                "max_retries": max_retries,
                "responses": {},
                "retries": {},
            }
        )
        self.set_native_functions(["check_time"])

    @staticmethod
    def _describe(q: _Question) -> str:
        text = f"ID: {q.id}\nType: {q.type}\nRequired: {q.required}"
        if q.type == "rating":
            text += f"\nScale: 1-{q.scale}"
        if q.options:
            text += f"\nOptions: {', '.join(q.options)}"
        return text

    @AgentBase.tool(
        name="validate_response",
        description="Validate if a response meets the requirements for a specific question",
    )
    def validate_response(
        self,
        request: SwaigRequest,
        question_id: Annotated[str, "The ID of the question"],
        response: Annotated[str, "The user's response to validate"],
    ) -> FunctionResult:
        question = self.questions.get(question_id)
        if question is None:
            return FunctionResult(f"Error: there is no question with ID {question_id!r}.")
        problem = question.problem(response)
        if problem is None:
            return FunctionResult(f"Response to '{question_id}' is valid.")
        retries = request.global_data.get("retries")
        counts: JsonObject = dict(retries) if isinstance(retries, dict) else {}
        previous = counts.get(question_id)
        used = (previous if isinstance(previous, int) else 0) + 1
        counts[question_id] = used
        if used > self.max_retries:
            problem = (
                f"{problem} The user has given {used} invalid answers to this question; do not ask it again: "
                f"log the response as 'no valid answer' and go on to the next question."
            )
        return FunctionResult(problem).update_global_data({"retries": counts})

    @AgentBase.tool(name="log_response", description="Log a validated response to a survey question")
    def log_response(
        self,
        request: SwaigRequest,
        question_id: Annotated[str, "The ID of the question"],
        response: Annotated[str, "The user's validated response"],
    ) -> FunctionResult:
        question = self.questions.get(question_id)
        if question is None:
            return FunctionResult(f"Error: there is no question with ID {question_id!r}.")
        saved = request.global_data.get("responses")
        responses: JsonObject = {**(saved if isinstance(saved, dict) else {}), question_id: response}
        result = FunctionResult(f"Response to '{question.text}' has been recorded.")
        return result.update_global_data({"responses": responses})
