"""MCP over streamable HTTP at ``route/mcp``: initialize, ping, tools/list and tools/call.

Stateless and JSON-only: each POST carries one JSON-RPC message (or a batch) and gets a JSON
answer; notifications get 202. There is no server-to-client stream, so GET is 405.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from ..arguments import ArgumentError
from ..function_result import FunctionResult
from ..http import BodyTooLarge, Receive, Scope, Send, header, read_body, send_bytes, send_json
from ..tools import SwaigRequest, ToolSpec
from .protocol import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    PARSE_ERROR,
    RpcError,
    error,
    result,
)

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["SUPPORTED_PROTOCOL_VERSIONS", "McpEndpoint"]

log = logging.getLogger("signalwire_typed.agents.mcp")

SUPPORTED_PROTOCOL_VERSIONS = ("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05")
"""MCP revisions this endpoint speaks, newest first (the initialize handshake negotiates one)."""

_CALL_HOOKS = frozenset({"startup_hook", "hangup_hook"})
"""Call lifecycle hooks are tools for SignalWire only, not for MCP clients."""

_ALLOW = [(b"allow", b"POST")]


def _is_offered(spec: ToolSpec) -> bool:
    return spec.handler is not None and spec.local and spec.name not in _CALL_HOOKS


def _same_origin(origin: bytes, host: bytes | None) -> bool:
    """Whether a browser's ``Origin`` names the host the request was sent to."""
    from urllib.parse import urlsplit

    try:
        origin_host = urlsplit(origin.decode("latin-1")).netloc
    except ValueError:
        return False
    return host is not None and origin_host.lower() == host.decode("latin-1").lower()


def _text_of(value: object) -> tuple[str, bool]:
    """A tool's return value as MCP text content, and whether it is an error."""
    if isinstance(value, FunctionResult):
        response = value.to_dict().get("response")
        return (response if isinstance(response, str) else ""), False
    if isinstance(value, str):
        return value, False
    return f"the tool returned {type(value).__name__}, not a FunctionResult or str", True


class McpEndpoint:
    """Answers MCP requests for the agent it is called with (tools are looked up per request)."""

    __slots__ = ()

    async def handle(self, agent: AgentBase, scope: Scope, receive: Receive, send: Send) -> None:
        method = str(scope.get("method", "GET"))
        if method != "POST":
            await send_json(send, 405, {"error": f"the MCP endpoint takes POST, not {method}"}, _ALLOW)
            return
        origin = header(scope, b"origin")
        if origin is not None and not _same_origin(origin, header(scope, b"host")):
            # MCP over HTTP asks servers to refuse foreign origins (DNS rebinding from a browser).
            await send_json(send, 403, {"error": "requests from another origin are not allowed"})
            return
        version = header(scope, b"mcp-protocol-version")
        if version is not None and version.decode("latin-1") not in SUPPORTED_PROTOCOL_VERSIONS:
            supported = ", ".join(SUPPORTED_PROTOCOL_VERSIONS)
            await send_json(
                send, 400, error(None, INVALID_REQUEST, f"unsupported MCP-Protocol-Version; use {supported}")
            )
            return
        try:
            raw = await read_body(receive, agent.max_body_bytes)
        except BodyTooLarge:
            await send_json(
                send, 413, error(None, INVALID_REQUEST, f"request over {agent.max_body_bytes} bytes")
            )
            return
        try:
            message: JsonValue = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            await send_json(send, 400, error(None, PARSE_ERROR, f"the body is not valid JSON ({exc})"))
            return
        if isinstance(message, list):
            answers: list[JsonValue] = []
            for item in message:
                answer = await self._one(agent, item)
                if answer is not None:
                    answers.append(answer)
            if answers:
                await send_json(send, 200, answers)
            else:
                await send_bytes(send, 202, b"")
            return
        single = await self._one(agent, message)
        if single is None:
            await send_bytes(send, 202, b"")
        else:
            await send_json(send, 200, single)

    async def _one(self, agent: AgentBase, message: JsonValue) -> JsonObject | None:
        """The answer to one JSON-RPC message; None for notifications and client responses."""
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
            return error(None, INVALID_REQUEST, "expected a JSON-RPC 2.0 object")
        request_id = message.get("id")
        method = message.get("method")
        if "id" not in message or not isinstance(method, str):
            return None
        params = message.get("params")
        try:
            if params is not None and not isinstance(params, dict):
                raise RpcError(INVALID_PARAMS, "'params' must be an object")
            return result(request_id, await self._dispatch(agent, method, params or {}))
        except RpcError as exc:
            return error(request_id, exc.code, exc.message)

    async def _dispatch(self, agent: AgentBase, method: str, params: JsonObject) -> JsonObject:
        if method == "initialize":
            return self._initialize(agent, params)
        if method == "ping":
            return {}
        if method == "tools/list":
            return {"tools": self._tools(agent)}
        if method == "tools/call":
            return await self._call(agent, params)
        raise RpcError(METHOD_NOT_FOUND, f"method {method!r} is not supported (tools only)")

    @staticmethod
    def _initialize(agent: AgentBase, params: JsonObject) -> JsonObject:
        from ... import __version__

        asked = params.get("protocolVersion")
        version = asked if asked in SUPPORTED_PROTOCOL_VERSIONS else SUPPORTED_PROTOCOL_VERSIONS[0]
        return {
            "protocolVersion": version,
            "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": {"name": agent.name, "version": __version__},
        }

    @staticmethod
    def _tools(agent: AgentBase) -> list[JsonValue]:
        tools: list[JsonValue] = []
        for spec in agent.config.tools.values():
            if _is_offered(spec) and spec.arguments is not None:
                entry: JsonObject = {
                    "name": spec.name,
                    "description": spec.function.description or spec.name,
                    "inputSchema": spec.arguments.schema,
                }
                tools.append(entry)
        return tools

    @staticmethod
    async def _call(agent: AgentBase, params: JsonObject) -> JsonObject:
        from ..app import call_tool

        name = params.get("name")
        arguments = params.get("arguments", {})
        if not isinstance(name, str):
            raise RpcError(INVALID_PARAMS, "tools/call needs the tool's 'name'")
        spec = agent.config.tools.get(name)
        if spec is None or not _is_offered(spec) or spec.arguments is None:
            raise RpcError(INVALID_PARAMS, f"unknown tool {name!r}")
        if not isinstance(arguments, dict):
            raise RpcError(INVALID_PARAMS, "'arguments' must be an object")
        try:
            kwargs = spec.arguments.convert(arguments)
        except ArgumentError as exc:
            # A tool error, not a protocol error, so the model can correct itself.
            return {
                "content": [{"type": "text", "text": f"Invalid arguments for {name}: {exc}"}],
                "isError": True,
            }
        request = SwaigRequest(name, None, arguments, {"function": name, "argument": {"parsed": [arguments]}})
        try:
            value = await call_tool(agent, spec, kwargs, request)
        except Exception:
            log.exception("MCP call of tool %r of agent %r failed", name, agent.name)
            return {"content": [{"type": "text", "text": f"The {name} tool failed."}], "isError": True}
        text, failed = _text_of(value)
        return {"content": [{"type": "text", "text": text}], "isError": failed}
