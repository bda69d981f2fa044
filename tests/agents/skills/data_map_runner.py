"""A small stand-in for SignalWire running a DataMap tool: expressions, then webhooks, then the fallback.

Enough of the template language for the catalogue's skills: ``${args.x}``, ``${input.args.x}``,
``${response.path}`` / ``${path}`` into the webhook's answer (``array`` when it is a JSON array),
``${this.x}`` inside ``foreach``, and the ``lc:`` / ``enc:`` modifiers.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import httpx

_VAR = re.compile(r"\$\{([^}]+)\}")
_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _lookup(path: str, context: dict[str, Any]) -> Any:
    value: Any = context
    for name, index in _INDEX.findall(path):
        if name:
            if not isinstance(value, dict) or name not in value:
                return None
            value = value[name]
        else:
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
    return value


def expand(template: Any, context: dict[str, Any]) -> Any:
    """``template`` (a string, or JSON holding strings) with its variables replaced."""
    if isinstance(template, dict):
        return {k: expand(v, context) for k, v in template.items()}
    if isinstance(template, list):
        return [expand(v, context) for v in template]
    if not isinstance(template, str):
        return template

    def one(match: re.Match[str]) -> str:
        *modifiers, path = match.group(1).split(":")
        value = _lookup(path, context)
        text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
        for modifier in reversed(modifiers):
            text = text.lower() if modifier == "lc" else quote(text, safe="") if modifier == "enc" else text
        return text

    return _VAR.sub(one, template)


def _matches(pattern: str, text: str) -> bool:
    body, _, flags = pattern[1:].rpartition("/") if pattern.startswith("/") else (pattern, "", "")
    return re.search(body, text, re.IGNORECASE if "i" in flags else 0) is not None


def run_data_map(function: dict[str, Any], args: dict[str, Any], client: httpx.Client) -> dict[str, Any]:
    """What SignalWire would answer for a call of this DataMap tool with these arguments."""
    data_map = function["data_map"]
    context: dict[str, Any] = {"args": args, "input": {"args": args}}
    for expression in data_map.get("expressions", []):
        if _matches(expression["pattern"], expand(expression["string"], context)):
            output: dict[str, Any] = expand(expression["output"], context)
            return output
    for webhook in data_map.get("webhooks", []):
        url = expand(webhook["url"], context)
        headers = expand(webhook.get("headers", {}), context)
        params = expand(webhook.get("params"), context)
        if webhook.get("method", "GET") == "GET":
            response = client.get(url, headers=headers)
        else:
            response = client.request(webhook["method"], url, headers=headers, json=params)
        try:
            answer = response.json()
        except ValueError:
            continue
        if response.status_code >= 400 or (
            isinstance(answer, dict) and any(k in answer for k in webhook.get("error_keys", []))
        ):
            continue
        local = {**context, **(answer if isinstance(answer, dict) else {"array": answer})}
        local["response"] = answer
        each = webhook.get("foreach")
        if each:
            items = _lookup(each["input_key"], local) or []
            local[each["output_key"]] = "".join(
                expand(each["append"], {**local, "this": item})
                for item in items[: each.get("max", len(items))]
            )
        if "output" in webhook:
            result: dict[str, Any] = expand(webhook["output"], local)
            return result
    fallback: dict[str, Any] = expand(data_map.get("output", {"response": ""}), context)
    return fallback
