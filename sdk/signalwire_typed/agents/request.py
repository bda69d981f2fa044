"""SwmlRequest: what a SWML request carried, for ``on_swml_request`` and dynamic configuration."""

from __future__ import annotations

import attrs
from signalwire_typed_gen._runtime import JsonObject

__all__ = ["SwmlRequest"]


@attrs.frozen
class SwmlRequest:
    """One SWML request: query parameters, JSON body (empty for GET) and headers (lower-case names)."""

    method: str
    path: str
    query: dict[str, str]
    body: JsonObject
    headers: dict[str, str]

    @property
    def call_id(self) -> str | None:
        """The call this document is for, when SignalWire sent one."""
        direct = self.body.get("call_id")
        if isinstance(direct, str):
            return direct
        call = self.body.get("call")
        nested = call.get("call_id") if isinstance(call, dict) else None
        return nested if isinstance(nested, str) else self.query.get("call_id")
