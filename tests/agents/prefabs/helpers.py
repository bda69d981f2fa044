"""Calling a served agent the way SignalWire does: fetch the SWML, then POST to each tool's web_hook_url."""

from __future__ import annotations

import json
from typing import Any

import httpx
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.convert import from_dict

from ..conftest import LiveServer, call_url

AUTH = ("user", "pass")


class Caller:
    """One call to one served agent: its SWML (checked against our SWML schema) and its tools."""

    def __init__(
        self,
        client: httpx.Client,
        server: LiveServer,
        route: str,
        call_id: str = "call-1",
        auth: tuple[str, str] = AUTH,
    ) -> None:
        self.client, self.call_id = client, call_id
        response = client.post(f"{server.url}{route}", json={"call": {"call_id": call_id}}, auth=auth)
        assert response.status_code == 200, response.text
        self.doc: dict[str, Any] = response.json()
        from_dict(m.CallingSwml, self.doc)  # raises ValidationError naming the bad path

    def verb(self, name: str = "ai") -> dict[str, Any]:
        for step in self.doc["sections"]["main"]:
            if name in step:
                found: dict[str, Any] = step[name]
                return found
        raise AssertionError(f"no {name} verb in {self.doc}")

    def ai(self) -> dict[str, Any]:
        """The AI verb's config (``ai`` or ``amazon_bedrock``)."""
        for step in self.doc["sections"]["main"]:
            for name in ("ai", "amazon_bedrock"):
                if name in step:
                    found: dict[str, Any] = step[name]
                    return found
        raise AssertionError("no AI verb")

    def url(self, function: str) -> str:
        swaig = self.ai()["SWAIG"]
        for f in swaig["functions"]:
            if f["function"] == function:
                url: str = f.get("web_hook_url") or swaig["defaults"]["web_hook_url"]
                return url
        raise AssertionError(f"no function {function}")

    def call(
        self, function: str, args: dict[str, Any] | None = None, *, global_data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        plain, creds = call_url(self.url(function))
        body = {
            "function": function,
            "argument": {"parsed": [args or {}], "raw": json.dumps(args or {})},
            "call_id": self.call_id,
            "global_data": global_data if global_data is not None else self.ai().get("global_data", {}),
        }
        response = self.client.post(plain, json=body, auth=creds)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


def global_update(result: dict[str, Any]) -> dict[str, Any]:
    """The merged ``set_global_data`` actions of a tool result."""
    merged: dict[str, Any] = {}
    for action in result.get("action", []):
        merged.update(action.get("set_global_data", {}))
    return merged
