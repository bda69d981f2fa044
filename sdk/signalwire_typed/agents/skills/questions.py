"""The question-by-question flow shared by the ``info_gatherer`` skill and ``InfoGathererAgent``.

State lives in the call's global data (under ``namespace``, or at the top level when it is None):
``questions``, ``question_index`` and ``answers``; each tool call reads it and returns the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..function_result import FunctionResult

__all__ = ["Question", "QuestionFlow", "check_questions", "initial_state"]


class Question(TypedDict):
    """One question: where its answer is stored, what to ask, and whether to confirm it."""

    key_name: str
    question_text: str
    confirm: NotRequired[bool]
    prompt_add: NotRequired[str]


def check_questions(questions: object, owner: str) -> list[Question]:
    """The questions as typed dicts; ValueError naming the first bad one."""
    if not isinstance(questions, list) or not questions:
        raise ValueError(f"{owner}: 'questions' must be a non-empty list")
    checked: list[Question] = []
    for i, q in enumerate(questions, 1):
        if not isinstance(q, dict):
            raise ValueError(f"{owner}: question {i} must be an object")
        key, text = q.get("key_name"), q.get("question_text")
        if not isinstance(key, str) or not key:
            raise ValueError(f"{owner}: question {i} needs a string 'key_name'")
        if not isinstance(text, str) or not text:
            raise ValueError(f"{owner}: question {i} needs a string 'question_text'")
        item: Question = {"key_name": key, "question_text": text}
        confirm, extra = q.get("confirm", False), q.get("prompt_add", "")
        if not isinstance(confirm, bool) or not isinstance(extra, str):
            raise ValueError(f"{owner}: question {i}: 'confirm' must be a boolean, 'prompt_add' a string")
        if confirm:
            item["confirm"] = True
        if extra:
            item["prompt_add"] = extra
        unknown = set(q) - {"key_name", "question_text", "confirm", "prompt_add"}
        if unknown:
            raise ValueError(f"{owner}: question {i} has unknown field(s) {', '.join(sorted(unknown))}")
        checked.append(item)
    return checked


def initial_state(questions: Sequence[Question]) -> JsonObject:
    """The global data a fresh flow starts from."""
    listed: list[JsonValue] = []
    for q in questions:
        item: JsonObject = {"key_name": q["key_name"], "question_text": q["question_text"]}
        if q.get("confirm"):
            item["confirm"] = True
        if q.get("prompt_add"):
            item["prompt_add"] = q.get("prompt_add", "")
        listed.append(item)
    return {"questions": listed, "question_index": 0, "answers": []}


def _int(value: JsonValue, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


class QuestionFlow:
    """Handlers for ``start_questions`` and ``submit_answer`` (names may carry a prefix)."""

    def __init__(
        self,
        *,
        namespace: str | None,
        start_tool: str,
        submit_tool: str,
        completion_message: str,
        replace_history: bool = False,
    ) -> None:
        self.replace_history = replace_history
        """Keep the conversation history short: the tool calls are replaced once answered."""
        self.namespace = namespace
        self.start_tool = start_tool
        self.submit_tool = submit_tool
        self.completion_message = completion_message

    def state(self, global_data: JsonObject) -> JsonObject:
        if self.namespace is None:
            return global_data
        found = global_data.get(self.namespace)
        return found if isinstance(found, dict) else {}

    def _questions(self, state: JsonObject) -> list[JsonObject]:
        questions = state.get("questions")
        return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []

    def instruction(self, question: JsonObject, number: int, total: int, first: bool) -> str:
        text = question.get("question_text", "")
        if first:
            out = (
                f"Ask each question one at a time, wait for the answer, then call {self.submit_tool} "
                f'with it. [Question {number} of {total}]: "{text}"'
            )
        else:
            out = f'Previous answer saved. [Question {number} of {total}]: "{text}"'
        extra = question.get("prompt_add")
        if isinstance(extra, str) and extra:
            out += f"\nNote: {extra}"
        if question.get("confirm") is True:
            out += (
                "\nThis answer needs confirmation: read it back and have the user confirm it "
                f"before calling {self.submit_tool}."
            )
        return out

    def start(self, global_data: JsonObject) -> FunctionResult:
        state = self.state(global_data)
        questions = self._questions(state)
        index = _int(state.get("question_index"))
        if not questions or index >= len(questions):
            return FunctionResult("I don't have any questions to ask.")
        result = FunctionResult(self.instruction(questions[index], index + 1, len(questions), first=True))
        return (
            result.replace_in_history("Welcome! Let me ask you a few questions.")
            if self.replace_history
            else result
        )

    def submit(self, global_data: JsonObject, answer: str, confirmed: bool) -> FunctionResult:
        state = self.state(global_data)
        questions = self._questions(state)
        index = _int(state.get("question_index"))
        answers = state.get("answers")
        if index >= len(questions):
            return FunctionResult("All questions have already been answered.")
        current = questions[index]
        if current.get("confirm") is True and not confirmed:
            return FunctionResult(
                f'Read the answer "{answer}" back to the user and ask them to confirm it; then call '
                f"{self.submit_tool} again with confirmed_by_user true. If it is wrong, ask again."
            )
        new_answers: list[JsonValue] = [
            *(answers if isinstance(answers, list) else []),
            {"key_name": current.get("key_name", ""), "answer": answer},
        ]
        new_index = index + 1
        if new_index < len(questions):
            result = FunctionResult(
                self.instruction(questions[new_index], new_index + 1, len(questions), first=False)
            )
        else:
            result = FunctionResult(self.completion_message)
            result.disable_functions(self.start_tool, self.submit_tool)
        if self.replace_history:
            result.replace_in_history()
        update: JsonObject = {"answers": new_answers, "question_index": new_index}
        if self.namespace is None:
            return result.update_global_data(update)
        return result.update_global_data({self.namespace: {**state, **update}})
