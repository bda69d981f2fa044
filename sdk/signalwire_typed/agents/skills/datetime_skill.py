"""The ``datetime`` skill: current time and date in any IANA time zone."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from signalwire_typed_gen._runtime import JsonObject

from ..function_result import FunctionResult
from .params import Param

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["DateTimeSkill"]


def _now(timezone: str) -> datetime | None:
    try:
        return datetime.now(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def get_current_time(timezone: Annotated[str, "IANA time zone, e.g. Europe/Paris"] = "UTC") -> FunctionResult:
    """Get the current time in a time zone."""
    now = _now(timezone)
    if now is None:
        return FunctionResult(f"Unknown time zone {timezone!r}.")
    return FunctionResult(f"The current time in {timezone} is {now:%H:%M:%S %Z}.")


def get_current_date(timezone: Annotated[str, "IANA time zone, e.g. Europe/Paris"] = "UTC") -> FunctionResult:
    """Get today's date in a time zone."""
    now = _now(timezone)
    if now is None:
        return FunctionResult(f"Unknown time zone {timezone!r}.")
    return FunctionResult(f"Today in {timezone} is {now:%A, %B %d, %Y}.")


class DateTimeSkill:
    """Current time and date in any time zone (``get_current_time``, ``get_current_date``)."""

    name = "datetime"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("secure", "boolean", "Tools need the per-call token", False),
    )

    def __init__(self, params: JsonObject) -> None:
        unknown = set(params) - {"secure"}
        if unknown:
            raise ValueError(f"datetime skill: unknown parameter(s) {', '.join(sorted(unknown))}")
        secure = params.get("secure", False)
        if not isinstance(secure, bool):
            raise ValueError("datetime skill: 'secure' must be a boolean")
        self.secure = secure

    def setup(self, agent: AgentBase) -> None:
        agent.define_tool(
            "get_current_time", "Get the current time in a time zone", get_current_time, secure=self.secure
        )
        agent.define_tool(
            "get_current_date", "Get today's date in a time zone", get_current_date, secure=self.secure
        )
        agent.prompt_add_section(
            "Date and Time",
            "You can look up the current date and time in any time zone.",
            bullets=["Use get_current_time for the time", "Use get_current_date for the date"],
        )
