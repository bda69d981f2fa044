"""Skills: reusable bundles of tools and prompt sections, added with ``agent.add_skill(name, params)``.

A skill is a class with a ``name`` and ``setup(agent)``, built from its parameters (a JSON object).
Skills that declare ``PARAMS`` (a tuple of ``Param``) have them checked and listed by
``signalwire-typed skills``; ``ENV_VARS`` names the environment variables they read.
A skill whose ``instance_key`` differs per configuration (its tool name) can be added several times.
Each built-in skill's parameters also have a TypedDict (``WeatherApiParams``...) for type checkers::

    agent.add_skill("weather_api", WeatherApiParams(api_key=key, temperature_unit="celsius"))

Built in (loaded only when first used): datetime, math, swml_transfer, play_background_file,
info_gatherer (no external service); weather_api, joke, api_ninjas_trivia, datasphere_serverless
(DataMap tools SignalWire runs); wikipedia_search, google_maps, web_search, datasphere (the agent calls
the service over HTTP; each takes a ``base_url`` so it can point at any server).

Third-party skills register with ``register_skill(name, factory)`` or an entry point in the
``signalwire_typed.skills`` group (``name = "package.module:SkillClass"``).

Left out for now: spider, native_vector_search, mcp_gateway and claude_skills.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from signalwire_typed_gen._runtime import JsonObject

from ..._lazy import lazy_getattr

if TYPE_CHECKING:
    from ..agent import AgentBase
    from .params import REQUIRED, Param, Params
    from .typed_params import (
        ApiNinjasTriviaParams,
        DataSphereParams,
        DateTimeParams,
        GoogleMapsParams,
        InfoGathererParams,
        JokeParams,
        MathParams,
        PlayBackgroundFileParams,
        SwmlTransferParams,
        WeatherApiParams,
        WebSearchParams,
        WikipediaSearchParams,
    )

__all__ = [
    "ENTRY_POINT_GROUP",
    "LEFT_OUT",
    "REQUIRED",
    "ApiNinjasTriviaParams",
    "DataSphereParams",
    "DateTimeParams",
    "GoogleMapsParams",
    "InfoGathererParams",
    "JokeParams",
    "MathParams",
    "Param",
    "Params",
    "PlayBackgroundFileParams",
    "Skill",
    "SkillFactory",
    "SwmlTransferParams",
    "WeatherApiParams",
    "WebSearchParams",
    "WikipediaSearchParams",
    "create_skill",
    "list_skills",
    "register_skill",
    "skill_description",
    "skill_env_vars",
    "skill_factory",
    "skill_params",
]

ENTRY_POINT_GROUP = "signalwire_typed.skills"


class Skill(Protocol):
    """What a skill does: add its tools, prompt sections or settings to an agent."""

    def setup(self, agent: AgentBase) -> None: ...


class SkillFactory(Protocol):
    """Builds a skill from its parameters (a Skill class is one); raises ValueError for bad ones."""

    def __call__(self, params: JsonObject) -> Skill: ...


_BUILTIN = {
    "datetime": ".datetime_skill:DateTimeSkill",
    "math": ".math_skill:MathSkill",
    "swml_transfer": ".swml_transfer:SwmlTransferSkill",
    "play_background_file": ".play_background_file:PlayBackgroundFileSkill",
    "info_gatherer": ".info_gatherer:InfoGathererSkill",
    "weather_api": ".weather_api:WeatherApiSkill",
    "joke": ".joke:JokeSkill",
    "api_ninjas_trivia": ".api_ninjas_trivia:ApiNinjasTriviaSkill",
    "datasphere_serverless": ".datasphere_serverless:DataSphereServerlessSkill",
    "wikipedia_search": ".wikipedia_search:WikipediaSearchSkill",
    "google_maps": ".google_maps:GoogleMapsSkill",
    "web_search": ".web_search:WebSearchSkill",
    "datasphere": ".datasphere:DataSphereSkill",
}
LEFT_OUT = ("spider", "native_vector_search", "mcp_gateway", "claude_skills")
"""Skills of the official SDK not available here yet."""
_REGISTRY: dict[str, SkillFactory] = {}
_ENTRY_POINTS: dict[str, str] | None = None


def _entry_points() -> dict[str, str]:
    """Installed third-party skills: name -> ``module:attr`` (read once, on first need)."""
    global _ENTRY_POINTS
    if _ENTRY_POINTS is None:
        from importlib.metadata import entry_points

        _ENTRY_POINTS = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return _ENTRY_POINTS


def register_skill(name: str, factory: SkillFactory) -> None:
    """Make a skill available to ``add_skill(name, ...)``."""
    if name in _REGISTRY or name in _BUILTIN:
        raise ValueError(f"a skill named {name!r} is already registered")
    _REGISTRY[name] = factory


def list_skills() -> list[str]:
    """Every skill name: built in, registered and installed through entry points."""
    return sorted({*_BUILTIN, *_REGISTRY, *_entry_points()})


def skill_factory(name: str) -> SkillFactory:
    """The factory of a skill (imported on first use); ValueError naming the available ones."""
    factory = _REGISTRY.get(name)
    if factory is not None:
        return factory
    target = _BUILTIN.get(name)
    package: str | None = __name__
    if target is None:
        target = _entry_points().get(name)
        package = None
    if target is None and name in LEFT_OUT:
        raise ValueError(f"the {name!r} skill of the official SDK is not available in signalwire-typed yet")
    if target is None:
        raise ValueError(f"unknown skill {name!r}; available: {', '.join(list_skills())}")
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name, package)
        loaded: SkillFactory = getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"skill {name!r} could not be loaded from {target!r}: {exc}") from exc
    _REGISTRY[name] = loaded
    return loaded


def create_skill(name: str, params: JsonObject) -> Skill:
    """A configured skill; ValueError for an unknown skill or bad parameters."""
    return skill_factory(name)(params)


# Param and friends load with the first skill that needs them, not with AgentBase; the built-in
# skills' TypedDicts are the re-exports named ``...Params`` (``Params`` itself is the checked values).
__getattr__ = lazy_getattr(
    __name__,
    {
        **dict.fromkeys(("REQUIRED", "Param", "Params"), ".params"),
        **{n: ".typed_params" for n in __all__ if n.endswith("Params") and n != "Params"},
    },
)


def skill_params(name: str) -> tuple[Param, ...]:
    """The parameters a skill declares (empty if it declares none)."""
    from .params import Param

    params = getattr(skill_factory(name), "PARAMS", ())
    return tuple(p for p in params if isinstance(p, Param))


def skill_env_vars(name: str) -> tuple[str, ...]:
    """The environment variables a skill reads."""
    names = getattr(skill_factory(name), "ENV_VARS", ())
    return tuple(n for n in names if isinstance(n, str))


def skill_description(name: str) -> str:
    """The first line of the skill's docstring."""
    doc = getattr(skill_factory(name), "__doc__", None) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""
