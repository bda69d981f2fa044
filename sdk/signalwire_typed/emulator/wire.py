"""JSON-RPC 2.0 frames as the RELAY service writes them, and checked access to request params."""

from __future__ import annotations

import json
import uuid

from signalwire_typed_gen._runtime import JsonObject, JsonValue

__all__ = [
    "AUTH_FAILED_CODE",
    "AUTH_FAILED_MESSAGE",
    "BadParams",
    "Params",
    "error_frame",
    "new_id",
    "request_frame",
    "result_frame",
]

# JSON-RPC error codes the service answers with.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
NOT_AUTHENTICATED = -32000
# The exact error the real service returns to signalwire.connect with a wrong project/token.
AUTH_FAILED_CODE = -32002
AUTH_FAILED_MESSAGE = "Authentication service failed with status ProtocolError, 401 Unauthorized: {}"

_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def new_id() -> str:
    return str(uuid.uuid4())


def dumps(value: JsonValue) -> str:
    return _dumps(value)


def result_frame(request_id: JsonValue, result: JsonObject) -> str:
    return _dumps({"jsonrpc": "2.0", "id": request_id, "result": result})


def error_frame(request_id: JsonValue, code: int, message: str) -> str:
    return _dumps({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}})


def request_frame(request_id: str, method: str, params: JsonObject) -> str:
    return _dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})


class BadParams(Exception):
    """A request's params are missing something or have the wrong type; answered with code 400."""


class Params:
    """Typed, checked reads of a request's ``params`` object; every failure names the field."""

    __slots__ = ("method", "path", "raw")

    def __init__(self, method: str, raw: JsonObject, path: str = "params") -> None:
        self.method = method
        self.raw = raw
        self.path = path

    def _fail(self, key: str, expected: str) -> BadParams:
        got = self.raw.get(key)
        return BadParams(f"{self.method}: {self.path}.{key} must be {expected}, got {dumps(got)}")

    def has(self, key: str) -> bool:
        return self.raw.get(key) is not None

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key)
        if isinstance(value, str) and value:
            return value
        if value is None and default is not None:
            return default
        raise self._fail(key, "a non-empty string")

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def number(self, key: str, default: float) -> float:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        raise self._fail(key, "a non-negative number")

    def integer(self, key: str, default: int) -> int:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise self._fail(key, "a non-negative integer")

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        raise self._fail(key, "true or false")

    def obj(self, key: str) -> JsonObject:
        value = self.raw.get(key)
        if isinstance(value, dict):
            return value
        raise self._fail(key, "an object")

    def array(self, key: str) -> list[JsonValue]:
        value = self.raw.get(key)
        if isinstance(value, list) and value:
            return value
        raise self._fail(key, "a non-empty array")

    def text_list(self, key: str) -> list[str]:
        items = self.raw.get(key)
        if isinstance(items, list) and items and all(isinstance(i, str) and i for i in items):
            return [i for i in items if isinstance(i, str)]
        raise self._fail(key, "a non-empty array of strings")

    def child(self, key: str) -> Params:
        return Params(self.method, self.obj(key), f"{self.path}.{key}")
