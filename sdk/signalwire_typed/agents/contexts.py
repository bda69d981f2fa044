"""Contexts and steps: a structured conversation flow, built into our SWML ``contexts`` models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Self

from signalwire_typed_gen.swml import models as m

from .prompt import Prompt

__all__ = ["Context", "ContextBuilder", "Step"]


def _names(values: Sequence[str], what: str) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"{what} must be a list of names, not a single string")
    return list(values)


class Step:
    """One step of a context: its instructions, when it is done, and where it may go next."""

    def __init__(self, name: str) -> None:
        if not name or name == "next":
            raise ValueError(f"invalid step name {name!r} ('next' is reserved)")
        self.name = name
        self._text: str | None = None
        self._prompt = Prompt()
        self.step_criteria: str | None = None
        self.functions: list[str] | None = None
        self.valid_steps: list[str] | None = None
        self.valid_contexts: list[str] | None = None
        self.end: bool | None = None
        self.skip_user_turn: bool | None = None

    def set_text(self, text: str) -> Self:
        """Plain-text instructions for this step (instead of sections)."""
        self._text = text
        return self

    def add_section(self, title: str, body: str) -> Self:
        """Add an instruction section (POM) to this step."""
        self._prompt.add_section(title, body)
        return self

    def add_bullets(self, title: str, bullets: Sequence[str]) -> Self:
        """Add a bulleted instruction section (POM) to this step."""
        self._prompt.add_section(title, bullets=bullets)
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

    def to_model(self) -> m.AiContextStepText | m.AiContextStepPom:
        if self._prompt.sections and self._text is not None:
            raise ValueError(f"step {self.name!r}: use set_text() or sections, not both")
        if not self._prompt.sections and self._text is None:
            raise ValueError(f"step {self.name!r} has no instructions: call set_text() or add_section()")
        step: m.AiContextStepText | m.AiContextStepPom = (
            m.AiContextStepText(name=self.name, text=self._text)
            if self._text is not None
            else m.AiContextStepPom(name=self.name, pom=self._prompt.to_models())
        )
        step.end = self.end
        step.functions = self.functions
        step.skip_user_turn = self.skip_user_turn
        step.step_criteria = self.step_criteria
        step.valid_contexts = self.valid_contexts
        step.valid_steps = self.valid_steps
        return step


class Context:
    """A named group of steps, with its own prompt, fillers and isolation."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: dict[str, Step] = {}
        self._text: str | None = None
        self._prompt = Prompt()
        self.isolated: bool | None = None
        self.enter_fillers: dict[str, list[str]] | None = None
        self.exit_fillers: dict[str, list[str]] | None = None

    def add_step(self, name: str) -> Step:
        """Add a step (steps run in the order they are added) and return it."""
        if name in self.steps:
            raise ValueError(f"context {self.name!r} already has a step {name!r}")
        step = Step(name)
        self.steps[name] = step
        return step

    def get_step(self, name: str) -> Step | None:
        return self.steps.get(name)

    def set_prompt(self, text: str) -> Self:
        """Plain-text prompt added while this context is active."""
        self._text = text
        return self

    def add_section(self, title: str, body: str) -> Self:
        """POM prompt section added while this context is active."""
        self._prompt.add_section(title, body)
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

    def to_model(self) -> m.AiContext:
        if not self.steps:
            raise ValueError(f"context {self.name!r} has no steps")
        steps = [s.to_model() for s in self.steps.values()]
        if self._prompt.sections:
            return m.AiContextPom(
                pom=self._prompt.to_models(),
                steps=steps,
                isolated=self.isolated,
                enter_fillers=self.enter_fillers,
                exit_fillers=self.exit_fillers,
            )
        return m.AiContextText(
            steps=steps,
            text=self._text,
            isolated=self.isolated,
            enter_fillers=self.enter_fillers,
            exit_fillers=self.exit_fillers,
        )


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
            for step in context.steps.values():
                where = f"context {context.name!r} step {step.name!r}"
                for target in step.valid_steps or ():
                    if target != "next" and target not in context.steps:
                        raise ValueError(f"{where}: valid_steps names unknown step {target!r}")
                for target in step.valid_contexts or ():
                    if target not in self.contexts:
                        raise ValueError(f"{where}: valid_contexts names unknown context {target!r}")
                for function in step.functions or ():
                    if function not in tool_names:
                        raise ValueError(f"{where}: functions names unknown tool {function!r}")

    def to_models(self, tool_names: set[str]) -> dict[str, m.AiContext]:
        self.validate(tool_names)
        return {name: c.to_model() for name, c in self.contexts.items()}
