"""Skills: reusable bundles of tools and prompt sections, added with ``agent.add_skill(name, params)``.

A skill is a class with a ``name`` and ``setup(agent)``; ``register_skill`` makes it available by
name. ``datetime`` and ``math`` are built in; their modules load only when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from signalwire_typed_gen._runtime import JsonObject

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["Skill", "SkillFactory", "create_skill", "list_skills", "register_skill"]


class Skill(Protocol):
    """What a skill does: add its tools, prompt sections or settings to an agent."""

    def setup(self, agent: AgentBase) -> None: ...


class SkillFactory(Protocol):
    """Builds a skill from its parameters (a Skill class is one); raises ValueError for bad ones."""

    def __call__(self, params: JsonObject) -> Skill: ...


_BUILTIN = {"datetime": ".datetime_skill:DateTimeSkill", "math": ".math_skill:MathSkill"}
_REGISTRY: dict[str, SkillFactory] = {}


def register_skill(name: str, factory: SkillFactory) -> None:
    """Make a skill available to ``add_skill(name, ...)``."""
    if name in _REGISTRY or name in _BUILTIN:
        raise ValueError(f"a skill named {name!r} is already registered")
    _REGISTRY[name] = factory


def list_skills() -> list[str]:
    return sorted({*_BUILTIN, *_REGISTRY})


def create_skill(name: str, params: JsonObject) -> Skill:
    factory = _REGISTRY.get(name)
    if factory is None and name in _BUILTIN:
        module, attr = _BUILTIN[name].split(":")
        factory = getattr(importlib.import_module(module, __name__), attr)
        assert factory is not None
        _REGISTRY[name] = factory
    if factory is None:
        raise ValueError(f"unknown skill {name!r}; available: {', '.join(list_skills())}")
    return factory(params)
