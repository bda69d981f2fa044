"""Contexts and steps: a structured conversation flow, built into our SWML ``contexts`` models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, Self

from signalwire_typed_gen.swml import models as m

from .prompt import Prompt

__all__ = ["Context", "ContextBuilder", "GatherInfo", "GatherQuestion", "Step"]

HistoryMode = Literal["keep", "default", "hide"]
AnswerType = Literal["string", "integer", "number", "boolean"]
_HISTORY_MODES: dict[str, HistoryMode] = {"keep": "keep", "default": "default", "hide": "hide"}
_ANSWER_TYPES: tuple[str, ...] = ("string", "integer", "number", "boolean")


def _names(values: Sequence[str], what: str) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"{what} must be a list of names, not a single string")
    return list(values)


def _history(mode: str) -> HistoryMode:
    if mode in _HISTORY_MODES:
        return _HISTORY_MODES[mode]
    raise ValueError(f"history must be one of {tuple(_HISTORY_MODES)}, got {mode!r}")


class _Instructions:
    """Plain text or POM sections, never both: a step's instructions or a context's prompt."""

    __slots__ = ("prompt", "text")

    def __init__(self) -> None:
        self.text: str | None = None
        self.prompt = Prompt()

    def add_section(self, title: str, body: str) -> None:
        self.prompt.add_section(title, body)

    def add_bullets(self, title: str, bullets: Sequence[str]) -> None:
        self.prompt.add_section(title, bullets=bullets)

    def pom(self, owner: str, text_method: str) -> list[m.PomSection] | None:
        """The sections as models; None when the instructions are plain text (or absent)."""
        if self.prompt.sections and self.text is not None:
            raise ValueError(f"{owner}: use {text_method}() or sections, not both")
        return self.prompt.to_models() if self.prompt.sections else None


class GatherQuestion:
    """One question of a step's gather info; the answer is stored under ``key`` in global data."""

    def __init__(
        self,
        key: str,
        question: str,
        *,
        type: AnswerType = "string",
        confirm: bool = False,
        prompt: str | None = None,
        functions: Sequence[str] | None = None,
        isolated: bool | None = None,
    ) -> None:
        if not key or not question:
            raise ValueError("a gather question needs a non-empty key and question")
        if type not in _ANSWER_TYPES:
            raise ValueError(f"gather question {key!r}: type must be one of {_ANSWER_TYPES}, got {type!r}")
        self.key = key
        self.question = question
        self.type: AnswerType = type
        self.confirm = confirm
        self.prompt = prompt
        self.functions = None if functions is None else _names(functions, "functions")
        self.isolated = isolated

    def to_model(self) -> m.AiGatherQuestion:
        return m.AiGatherQuestion(
            key=self.key,
            question=self.question,
            type=None if self.type == "string" else self.type,
            confirm=True if self.confirm else None,
            prompt=self.prompt or None,
            functions=self.functions or None,
            isolated=self.isolated,
        )


class GatherInfo:
    """Questions a step asks one at a time, without tool calls in the model's history."""

    def __init__(
        self,
        *,
        output_key: str | None = None,
        completion_action: str | None = None,
        prompt: str | None = None,
        isolated: bool = False,
    ) -> None:
        self.questions: list[GatherQuestion] = []
        self.output_key = output_key
        self.completion_action = completion_action
        self.prompt = prompt
        self.isolated = isolated

    def add_question(self, question: GatherQuestion) -> Self:
        if any(q.key == question.key for q in self.questions):
            raise ValueError(f"gather_info already has a question with key {question.key!r}")
        self.questions.append(question)
        return self

    def to_model(self) -> m.AiGatherInfo:
        return m.AiGatherInfo(
            questions=[q.to_model() for q in self.questions],
            prompt=self.prompt or None,
            output_key=self.output_key or None,
            completion_action=self.completion_action,
            isolated=True if self.isolated else None,
        )


class Step:
    """One step of a context: its instructions, when it is done, and where it may go next."""

    def __init__(self, name: str) -> None:
        if not name or name == "next":
            raise ValueError(f"invalid step name {name!r} ('next' is reserved)")
        self.name = name
        self._instructions = _Instructions()
        self.step_criteria: str | None = None
        self.functions: list[str] | None = None
        self.valid_steps: list[str] | None = None
        self.valid_contexts: list[str] | None = None
        self.end: bool | None = None
        self.skip_user_turn: bool | None = None
        self.skip_to_next_step: bool | None = None
        self.history: HistoryMode | None = None
        self.reset = m.AiStepReset()
        self.gather_info: GatherInfo | None = None

    def set_text(self, text: str) -> Self:
        """Plain-text instructions for this step (instead of sections)."""
        self._instructions.text = text
        return self

    def add_section(self, title: str, body: str) -> Self:
        """Add an instruction section (POM) to this step."""
        self._instructions.add_section(title, body)
        return self

    def add_bullets(self, title: str, bullets: Sequence[str]) -> Self:
        """Add a bulleted instruction section (POM) to this step."""
        self._instructions.add_bullets(title, bullets)
        return self

    def clear_sections(self) -> Self:
        """Forget the instructions (text and sections) given so far."""
        self._instructions = _Instructions()
        return self

    def set_step_criteria(self, criteria: str) -> Self:
        """What must be true before the step is complete."""
        self.step_criteria = criteria
        return self

    def set_functions(self, functions: Sequence[str]) -> Self:
        """The tools callable during this step (an empty list: none)."""
        self.functions = _names(functions, "functions")
        return self

    def set_valid_steps(self, steps: Sequence[str]) -> Self:
        """Steps this one may move to (``"next"`` is the following step)."""
        self.valid_steps = _names(steps, "valid_steps")
        return self

    def set_valid_contexts(self, contexts: Sequence[str]) -> Self:
        """Contexts this step may switch to."""
        self.valid_contexts = _names(contexts, "valid_contexts")
        return self

    def set_end(self, end: bool = True) -> Self:
        """Make this the last step of the context."""
        self.end = end
        return self

    def set_skip_user_turn(self, skip: bool = True) -> Self:
        """Move on without waiting for the caller."""
        self.skip_user_turn = skip
        return self

    def set_skip_to_next_step(self, skip: bool = True) -> Self:
        """Advance to the next step automatically once this one is done."""
        self.skip_to_next_step = skip
        return self

    def set_history(self, history: HistoryMode) -> Self:
        """What the model still sees of earlier steps on entering: ``keep``, ``default`` or ``hide``."""
        self.history = _history(history)
        return self

    def set_reset_system_prompt(self, system_prompt: str) -> Self:
        """Replace the system prompt when this step is entered."""
        self.reset.system_prompt = system_prompt
        return self

    def set_reset_user_prompt(self, user_prompt: str) -> Self:
        """Add a message as the caller's when this step is entered."""
        self.reset.user_prompt = user_prompt
        return self

    def set_reset_consolidate(self, consolidate: bool = True) -> Self:
        """Condense the conversation so far when this step is entered."""
        self.reset.consolidate = consolidate
        return self

    def set_reset_full_reset(self, full_reset: bool = True) -> Self:
        """Start the conversation over when this step is entered."""
        self.reset.full_reset = full_reset
        return self

    def set_gather_info(
        self,
        output_key: str | None = None,
        completion_action: str | None = None,
        prompt: str | None = None,
        isolated: bool = False,
    ) -> Self:
        """Make this step ask questions (added with ``add_gather_question``) one at a time.

        Answers go to global data (under ``output_key`` if given); ``completion_action`` is
        ``"next_step"`` or a step of this context to go to once everything is answered.
        """
        self.gather_info = GatherInfo(
            output_key=output_key, completion_action=completion_action, prompt=prompt, isolated=isolated
        )
        return self

    def add_gather_question(
        self,
        key: str,
        question: str,
        type: AnswerType = "string",
        confirm: bool = False,
        prompt: str | None = None,
        functions: Sequence[str] | None = None,
        isolated: bool | None = None,
    ) -> Self:
        """Add a question to this step's gather info (call ``set_gather_info`` first).

        While a question is asked only ``functions`` (and the platform's answer tool) can be called.
        """
        if self.gather_info is None:
            raise ValueError(f"step {self.name!r}: call set_gather_info() before add_gather_question()")
        self.gather_info.add_question(
            GatherQuestion(
                key,
                question,
                type=type,
                confirm=confirm,
                prompt=prompt,
                functions=functions,
                isolated=isolated,
            )
        )
        return self

    def to_model(self) -> m.AiContextStepText | m.AiContextStepPom:
        pom = self._instructions.pom(f"step {self.name!r}", "set_text")
        text = self._instructions.text
        step: m.AiContextStepText | m.AiContextStepPom
        if pom is not None:
            step = m.AiContextStepPom(name=self.name, pom=pom)
        elif text is not None:
            step = m.AiContextStepText(name=self.name, text=text)
        else:
            raise ValueError(f"step {self.name!r} has no instructions: call set_text() or add_section()")
        step.end = self.end
        step.functions = self.functions
        step.skip_user_turn = self.skip_user_turn
        step.skip_to_next_step = self.skip_to_next_step
        step.step_criteria = self.step_criteria
        step.valid_contexts = self.valid_contexts
        step.valid_steps = self.valid_steps
        step.history = self.history
        step.reset = None if self.reset == m.AiStepReset() else self.reset
        step.gather_info = None if self.gather_info is None else self.gather_info.to_model()
        return step


class Context:
    """A named group of steps, with its own prompt, entry behaviour, fillers and isolation."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: dict[str, Step] = {}
        self._instructions = _Instructions()
        self._system_sections = Prompt()
        self.isolated: bool | None = None
        self.enter_fillers: dict[str, list[str]] | None = None
        self.exit_fillers: dict[str, list[str]] | None = None
        self.valid_contexts: list[str] | None = None
        self.valid_steps: list[str] | None = None
        self.initial_step: str | None = None
        self.system_prompt: str | None = None
        self.user_prompt: str | None = None
        self.post_prompt: str | None = None
        self.consolidate: bool | None = None
        self.full_reset: bool | None = None
        self.history: HistoryMode | None = None

    def add_step(self, name: str) -> Step:
        """Add a step (steps run in the order they are added) and return it."""
        if name in self.steps:
            raise ValueError(f"context {self.name!r} already has a step {name!r}")
        step = Step(name)
        self.steps[name] = step
        return step

    def get_step(self, name: str) -> Step | None:
        return self.steps.get(name)

    def remove_step(self, name: str) -> Self:
        """Delete a step."""
        if self.steps.pop(name, None) is None:
            raise KeyError(f"context {self.name!r} has no step {name!r}")
        return self

    def move_step(self, name: str, position: int) -> Self:
        """Move a step to ``position`` in the step order."""
        if name not in self.steps:
            raise KeyError(f"context {self.name!r} has no step {name!r}")
        order = [n for n in self.steps if n != name]
        order.insert(position, name)
        self.steps = {n: self.steps[n] for n in order}
        return self

    def set_prompt(self, text: str) -> Self:
        """Plain-text prompt added while this context is active."""
        self._instructions.text = text
        return self

    def add_section(self, title: str, body: str) -> Self:
        """POM prompt section added while this context is active."""
        self._instructions.add_section(title, body)
        return self

    def add_bullets(self, title: str, bullets: Sequence[str]) -> Self:
        """Bulleted POM prompt section added while this context is active."""
        self._instructions.add_bullets(title, bullets)
        return self

    def set_valid_contexts(self, contexts: Sequence[str]) -> Self:
        """Contexts every step of this one may switch to."""
        self.valid_contexts = _names(contexts, "valid_contexts")
        return self

    def set_valid_steps(self, steps: Sequence[str]) -> Self:
        """Steps every step of this context may move to."""
        self.valid_steps = _names(steps, "valid_steps")
        return self

    def set_initial_step(self, step_name: str) -> Self:
        """The step this context starts on when entered (the first one if unset)."""
        self.initial_step = step_name
        return self

    def set_system_prompt(self, system_prompt: str) -> Self:
        """Replace the agent's system prompt when this context is entered."""
        self.system_prompt = system_prompt
        return self

    def add_system_section(self, title: str, body: str) -> Self:
        """Build the entry system prompt from sections (rendered as markdown)."""
        self._system_sections.add_section(title, body)
        return self

    def add_system_bullets(self, title: str, bullets: Sequence[str]) -> Self:
        """Bulleted section of the entry system prompt."""
        self._system_sections.add_section(title, bullets=bullets)
        return self

    def set_user_prompt(self, user_prompt: str) -> Self:
        """Add a message as the caller's when this context is entered."""
        self.user_prompt = user_prompt
        return self

    def set_post_prompt(self, post_prompt: str) -> Self:
        """Post-prompt used instead of the agent's while this context is active."""
        self.post_prompt = post_prompt
        return self

    def set_consolidate(self, consolidate: bool = True) -> Self:
        """Condense the conversation so far when this context is entered."""
        self.consolidate = consolidate
        return self

    def set_full_reset(self, full_reset: bool = True) -> Self:
        """Start the conversation over from the new system prompt when this context is entered."""
        self.full_reset = full_reset
        return self

    def set_history(self, history: HistoryMode) -> Self:
        """What the model still sees of earlier steps on entering: ``keep``, ``default`` or ``hide``."""
        self.history = _history(history)
        return self

    def set_isolated(self, isolated: bool = True) -> Self:
        """Forget earlier conversation history on entering this context."""
        self.isolated = isolated
        return self

    def set_enter_fillers(self, fillers: Mapping[str, Sequence[str]]) -> Self:
        """Phrases said on entering, by language code."""
        self.enter_fillers = {k: list(v) for k, v in fillers.items()}
        return self

    def set_exit_fillers(self, fillers: Mapping[str, Sequence[str]]) -> Self:
        """Phrases said on leaving, by language code."""
        self.exit_fillers = {k: list(v) for k, v in fillers.items()}
        return self

    def add_enter_filler(self, language_code: str, fillers: Sequence[str]) -> Self:
        """Phrases said on entering, for one language."""
        self.enter_fillers = {**(self.enter_fillers or {}), language_code: list(fillers)}
        return self

    def add_exit_filler(self, language_code: str, fillers: Sequence[str]) -> Self:
        """Phrases said on leaving, for one language."""
        self.exit_fillers = {**(self.exit_fillers or {}), language_code: list(fillers)}
        return self

    def _system_prompt(self) -> str | None:
        if self.system_prompt is not None and self._system_sections.sections:
            raise ValueError(f"context {self.name!r}: use set_system_prompt() or system sections, not both")
        if self._system_sections.sections:
            return self._system_sections.render_text()
        return self.system_prompt

    def to_model(self) -> m.AiContext:
        if not self.steps:
            raise ValueError(f"context {self.name!r} has no steps")
        pom = self._instructions.pom(f"context {self.name!r}", "set_prompt")
        steps = [s.to_model() for s in self.steps.values()]
        context: m.AiContextPom | m.AiContextText = (
            m.AiContextPom(pom=pom, steps=steps)
            if pom is not None
            else m.AiContextText(steps=steps, text=self._instructions.text)
        )
        context.isolated = self.isolated
        context.enter_fillers = self.enter_fillers
        context.exit_fillers = self.exit_fillers
        context.valid_contexts = self.valid_contexts
        context.valid_steps = self.valid_steps
        context.initial_step = self.initial_step
        context.system_prompt = self._system_prompt()
        context.user_prompt = self.user_prompt
        context.post_prompt = self.post_prompt
        context.consolidate = self.consolidate
        context.full_reset = self.full_reset
        context.history = self.history
        return context


class ContextBuilder:
    """All contexts of an agent; from ``AgentBase.define_contexts()``."""

    def __init__(self) -> None:
        self.contexts: dict[str, Context] = {}

    def add_context(self, name: str) -> Context:
        """Add a context and return it; a single context must be called ``default``."""
        if name in self.contexts:
            raise ValueError(f"context {name!r} already exists")
        context = Context(name)
        self.contexts[name] = context
        return context

    def get_context(self, name: str) -> Context | None:
        return self.contexts.get(name)

    def validate(self, tool_names: set[str]) -> None:
        """Every reference points at something that exists; raises ValueError naming it."""
        if not self.contexts:
            raise ValueError("define_contexts() was called but no context was added")
        if len(self.contexts) == 1 and "default" not in self.contexts:
            raise ValueError("a single context must be named 'default'")
        for context in self.contexts.values():
            self._validate_context(context, tool_names)

    def _validate_context(self, context: Context, tool_names: set[str]) -> None:
        where = f"context {context.name!r}"
        if context.initial_step is not None and context.initial_step not in context.steps:
            raise ValueError(f"{where}: initial_step names unknown step {context.initial_step!r}")
        self._check_targets(where, context, context.valid_steps, context.valid_contexts)
        order = list(context.steps)
        for index, step in enumerate(context.steps.values()):
            at = f"{where} step {step.name!r}"
            self._check_targets(at, context, step.valid_steps, step.valid_contexts)
            for function in step.functions or ():
                if function not in tool_names:
                    raise ValueError(f"{at}: functions names unknown tool {function!r}")
            gather = step.gather_info
            if gather is None:
                continue
            if not gather.questions:
                raise ValueError(f"{at}: gather_info has no questions (add_gather_question)")
            for question in gather.questions:
                for function in question.functions or ():
                    if function not in tool_names:
                        raise ValueError(
                            f"{at}: gather question {question.key!r} names unknown tool {function!r}"
                        )
            action = gather.completion_action
            if action == "next_step" and index == len(order) - 1:
                raise ValueError(
                    f"{at}: completion_action 'next_step' but it is the last step of the context"
                )
            if action is not None and action != "next_step" and action not in context.steps:
                raise ValueError(f"{at}: completion_action names unknown step {action!r}")

    def _check_targets(
        self, where: str, context: Context, steps: list[str] | None, contexts: list[str] | None
    ) -> None:
        for target in steps or ():
            if target != "next" and target not in context.steps:
                raise ValueError(f"{where}: valid_steps names unknown step {target!r}")
        for target in contexts or ():
            if target not in self.contexts:
                raise ValueError(f"{where}: valid_contexts names unknown context {target!r}")

    def to_models(self, tool_names: set[str]) -> dict[str, m.AiContext]:
        self.validate(tool_names)
        return {name: c.to_model() for name, c in self.contexts.items()}
