"""The agent web service as a plain ASGI app: SWML, /swaig, /post_prompt, /debug_events, /health, /ready."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .arguments import ArgumentError
from .function_result import FunctionResult
from .http import (
    BodyTooLarge,
    Receive,
    Scope,
    Send,
    header,
    headers_dict,
    parse_json_object,
    read_body,
    send_bytes,
    send_json,
)
from .request import SwmlRequest
from .tools import SwaigRequest, ToolSpec

if TYPE_CHECKING:
    from .agent import AgentBase

__all__ = ["AgentApp", "call_tool"]

log = logging.getLogger("signalwire_typed.agents")

_UNAUTHORIZED = [(b"www-authenticate", b'Basic realm="signalwire-agent"')]
_HEALTH = json.dumps({"status": "healthy"}).encode()
_READY = json.dumps({"status": "ready"}).encode()


async def _maybe_await(value: object) -> object:
    if inspect.isawaitable(value):
        return await value
    return value


async def _run_hook(hook: Callable[..., object], *args: object) -> None:
    """Run an end-of-call hook: async ones on the loop, sync ones (which may do I/O) in a thread."""
    if inspect.iscoroutinefunction(hook):
        await hook(*args)
    else:
        await _maybe_await(await asyncio.to_thread(hook, *args))


def _query_string(scope: Scope) -> str:
    raw = scope.get("query_string", b"")
    return raw.decode("latin-1") if isinstance(raw, (bytes, bytearray)) else ""


def _sip_user(body: JsonObject) -> str | None:
    call = body.get("call")
    to = call.get("to") if isinstance(call, dict) else None
    if not isinstance(to, str) or not to.startswith("sip:"):
        return None
    return to[4:].split("@", 1)[0] or None


async def call_tool(
    agent: AgentBase, spec: ToolSpec, kwargs: dict[str, object], request: SwaigRequest
) -> object:
    """Run a tool's handler with checked arguments: async ones on the loop, sync ones in a thread."""
    assert spec.handler is not None
    if spec.request_param is not None:
        kwargs[spec.request_param] = request
    args: tuple[object, ...] = (agent,) if spec.bound else ()
    if spec.is_async:
        return await _maybe_await(spec.handler(*args, **kwargs))
    return await _maybe_await(await asyncio.to_thread(spec.handler, *args, **kwargs))


class AgentApp:
    """Serves one or more agents, each under its route; ``sip_users`` maps SIP user names to routes."""

    def __init__(self, agents: list[AgentBase], *, sip_route: str | None = None) -> None:
        self._agents: dict[str, AgentBase] = {}
        self.sip_route = sip_route
        self.sip_users: dict[str, str] = {}
        for agent in agents:
            self.add(agent)

    def add(self, agent: AgentBase) -> None:
        if agent.route in self._agents:
            raise ValueError(
                f"route {agent.route or '/'!r} is already served by {self._agents[agent.route].name!r}"
            )
        self._agents[agent.route] = agent
        # Longest routes first so /sales/eu wins over /sales.
        self._agents = dict(sorted(self._agents.items(), key=lambda kv: -len(kv[0])))

    @property
    def agents(self) -> dict[str, AgentBase]:
        return dict(self._agents)

    def _match(self, path: str) -> tuple[AgentBase, str] | None:
        for route, agent in self._agents.items():
            if path == route or path.startswith(route + "/") or (route == "" and path.startswith("/")):
                return agent, path[len(route) :].rstrip("/")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind == "lifespan":
            await self._lifespan(receive, send)
            return
        if kind != "http":
            return
        path = str(scope.get("path", "/"))
        root = str(scope.get("root_path", ""))
        if root and path.startswith(root):
            # Mounted under a prefix (Starlette, FastAPI, uvicorn --root-path): route on the rest.
            path = path[len(root) :] or "/"
        method = str(scope.get("method", "GET"))
        tail = path.rstrip("/")
        if tail in ("/health", "/ready") or tail.endswith(("/health", "/ready")):
            await send_bytes(send, 200, _HEALTH if tail.endswith("/health") else _READY)
            return
        target = self._match(path)
        if self.sip_route is not None and tail == self.sip_route.rstrip("/"):
            target = None
            await self._sip(scope, receive, send, method)
            return
        if target is None:
            await send_json(send, 404, {"error": f"no agent at {path}"})
            return
        agent, sub = target
        if not agent.auth.check(header(scope, b"authorization")):
            await send_json(send, 401, {"error": "authentication required"}, _UNAUTHORIZED)
            return
        guard = agent.signature_guard
        if guard is not None and sub != "/mcp":
            # Every webhook SignalWire sends is signed; MCP clients are not SignalWire.
            checked = await guard.check(scope, receive, send, agent._proxy_url_base)
            if checked is None:
                return
            receive = checked
        try:
            if sub == "":
                if method not in ("GET", "POST"):
                    await send_json(send, 405, {"error": f"method {method} not allowed"})
                    return
                await self._swml(agent, scope, receive, send, method)
            elif sub == "/mcp" and agent.mcp_endpoint is not None:
                await agent.mcp_endpoint.handle(agent, scope, receive, send)
            elif sub in ("/swaig", "/post_prompt", "/debug_events"):
                if method != "POST":
                    await send_json(send, 405, {"error": f"{sub} takes POST, not {method}"})
                    return
                body = await self._body(agent, scope, receive, send)
                if body is None:
                    return
                if sub == "/swaig":
                    await self._swaig(agent, scope, body, send)
                elif sub == "/post_prompt":
                    await self._post_prompt(agent, scope, body, send)
                else:
                    await _run_hook(agent.on_debug_event, body)
                    await send_json(send, 200, {"status": "ok"})
            else:
                await send_json(send, 404, {"error": f"no endpoint {sub} on agent {agent.name!r}"})
        except Exception:
            # A bug in user code: logged here, never shown to the caller.
            log.exception("agent %r failed on %s %s", agent.name, method, path)
            await send_json(send, 500, {"error": "internal error"})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        for _ in range(16):
            message = await receive()
            if message.get("type") == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message.get("type") == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _body(self, agent: AgentBase, scope: Scope, receive: Receive, send: Send) -> JsonObject | None:
        try:
            raw = await read_body(receive, agent.max_body_bytes)
        except BodyTooLarge:
            await send_json(send, 413, {"error": f"request body over {agent.max_body_bytes} bytes"})
            return None
        parsed = parse_json_object(raw)
        if isinstance(parsed, str):
            await send_json(send, 400, {"error": parsed})
            return None
        return parsed

    def _base_url(self, agent: AgentBase, scope: Scope) -> str:
        forwarded_host = header(scope, b"x-forwarded-host")
        host = forwarded_host or header(scope, b"host")
        proto = header(scope, b"x-forwarded-proto")
        scheme = proto.decode("latin-1") if proto else str(scope.get("scheme", "http"))
        prefix = str(scope.get("root_path", ""))
        if host is None:
            server = scope.get("server")
            host = f"{server[0]}:{server[1]}".encode() if isinstance(server, (list, tuple)) else b"localhost"
        return agent.public_base_url(scheme, host.decode("latin-1").split(",")[0].strip(), prefix)

    async def _swml(self, agent: AgentBase, scope: Scope, receive: Receive, send: Send, method: str) -> None:
        body: JsonObject = {}
        if method == "POST":
            parsed = await self._body(agent, scope, receive, send)
            if parsed is None:
                return
            body = parsed
        await self._render(agent, agent, scope, body, send)

    async def _render(
        self, agent: AgentBase, served: AgentBase, scope: Scope, body: JsonObject, send: Send
    ) -> None:
        query = dict(parse_qsl(_query_string(scope)))
        request = SwmlRequest(str(scope.get("method")), str(scope.get("path")), query, body, {})
        target = served
        if served.has_request_hooks:
            request = SwmlRequest(request.method, request.path, query, body, headers_dict(scope))
            target = await self._customised(served, request)
        call_id = request.call_id or secrets.token_urlsafe(16)
        document = target.template_for(self._base_url(served, scope)).render(call_id, served.signer)
        await send_bytes(send, 200, document)

    async def _customised(self, agent: AgentBase, request: SwmlRequest) -> AgentBase:
        copy = agent.copy_for_request()
        await _maybe_await(agent.on_swml_request(request, copy))
        callback = agent._dynamic_config
        if callback is not None:
            await _maybe_await(callback(request.query, request.body, request.headers, copy))
        return copy

    async def _sip(self, scope: Scope, receive: Receive, send: Send, method: str) -> None:
        if method != "POST":
            await send_json(send, 405, {"error": "SIP routing takes POST"})
            return
        size_limit = max((a.max_body_bytes for a in self._agents.values()), default=1_048_576)
        try:
            raw = await read_body(receive, size_limit)
        except BodyTooLarge:
            await send_json(send, 413, {"error": f"request body over {size_limit} bytes"})
            return
        body = parse_json_object(raw)
        if isinstance(body, str):
            await send_json(send, 400, {"error": body})
            return
        user = _sip_user(body)
        route = self.sip_users.get(user) if user else None
        agent = self._agents.get(route) if route is not None else None
        if agent is None:
            await send_json(send, 404, {"error": f"no agent for SIP user {user!r}"})
            return
        if not agent.auth.check(header(scope, b"authorization")):
            await send_json(send, 401, {"error": "authentication required"}, _UNAUTHORIZED)
            return
        guard = agent.signature_guard
        if guard is not None and not guard.verify(scope, raw, agent._proxy_url_base):
            await send_json(send, 401, {"error": "the X-SignalWire-Signature header is missing or wrong"})
            return
        await self._render(agent, agent, scope, body, send)

    async def _swaig(self, agent: AgentBase, scope: Scope, body: JsonObject, send: Send) -> None:
        function = body.get("function")
        if not isinstance(function, str) or not function:
            await send_json(send, 400, {"error": "missing 'function' (the tool name) in the request"})
            return
        spec = agent.config.tools.get(function)
        if spec is None and agent.has_request_hooks:
            query = dict(parse_qsl(_query_string(scope)))
            copy = await self._customised(agent, SwmlRequest("POST", "", query, body, headers_dict(scope)))
            spec = copy.config.tools.get(function)
        if spec is None or spec.handler is None or not spec.local:
            await send_json(send, 404, {"response": f"There is no tool named {function!r}."})
            return
        call_id = body.get("call_id")
        call_id = call_id if isinstance(call_id, str) else None
        if spec.secure:
            reason = agent.signer.check(self._token(scope), call_id, function)
            if reason is not None:
                log.warning("refused call of tool %r: %s", function, reason)
                await send_json(send, 403, {"response": "This tool call was not authorized."})
                return
        arguments = self._arguments(body)
        if isinstance(arguments, str):
            await send_json(send, 200, {"response": f"Could not call {function}: {arguments}"})
            return
        result = await self._run(agent, spec, arguments, SwaigRequest(function, call_id, arguments, body))
        await send_json(send, 200, result)

    @staticmethod
    def _token(scope: Scope) -> str | None:
        for key, value in parse_qsl(_query_string(scope)):
            if key == "__token":
                return str(value)
        return None

    @staticmethod
    def _arguments(body: JsonObject) -> JsonObject | str:
        argument = body.get("argument")
        if argument is None:
            return {}
        if not isinstance(argument, dict):
            return "'argument' must be an object with 'parsed' or 'raw'"
        parsed = argument.get("parsed")
        if isinstance(parsed, list) and parsed:
            first = parsed[0]
            return first if isinstance(first, dict) else "the parsed arguments must be an object"
        raw = argument.get("raw")
        if isinstance(raw, str) and raw.strip():
            try:
                value: JsonValue = json.loads(raw)
            except ValueError:
                return "the raw arguments are not valid JSON"
            return value if isinstance(value, dict) else "the arguments must be an object"
        return {}

    async def _run(
        self, agent: AgentBase, spec: ToolSpec, arguments: JsonObject, request: SwaigRequest
    ) -> JsonObject:
        assert spec.handler is not None and spec.arguments is not None
        try:
            kwargs = spec.arguments.convert(arguments)
        except ArgumentError as exc:
            return {"response": f"Invalid arguments for {spec.name}: {exc}. Please call it again correctly."}
        try:
            result = await call_tool(agent, spec, kwargs, request)
        except Exception:
            log.exception("tool %r of agent %r failed", spec.name, agent.name)
            return {"response": f"Sorry, the {spec.name} tool failed."}
        if isinstance(result, FunctionResult):
            return result.to_dict()
        if isinstance(result, str):
            return {"response": result}
        log.error("tool %r returned %s, not a FunctionResult or str", spec.name, type(result).__name__)
        return {"response": f"Sorry, the {spec.name} tool failed."}

    async def _post_prompt(self, agent: AgentBase, scope: Scope, body: JsonObject, send: Send) -> None:
        call_id = body.get("call_id")
        reason = agent.signer.check(
            self._token(scope), call_id if isinstance(call_id, str) else None, "post_prompt"
        )
        if reason is not None:
            log.warning("refused post_prompt: %s", reason)
            await send_json(send, 403, {"error": "post_prompt not authorized"})
            return
        data = body.get("post_prompt_data")
        summary: JsonValue = None
        if isinstance(data, dict):
            parsed = data.get("parsed")
            raw = data.get("raw")
            if isinstance(parsed, list) and parsed:
                summary = parsed[0]
            elif isinstance(raw, str):
                try:
                    summary = json.loads(raw)
                except ValueError:
                    summary = raw
        await _run_hook(agent.on_summary, summary, body)
        await send_json(send, 200, {"status": "ok"})
