"""AWS Lambda: API Gateway REST (v1) and HTTP (v2) events and Function URL events, through Mangum."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from signalwire_typed_gen._runtime import JsonObject

from .target import ASGIApp, Receive, Scope, Send, asgi_app_of, require
from .target import ServerlessTarget as _Target

__all__ = ["LambdaHandler", "lambda_handler"]

LambdaHandler: TypeAlias = Callable[[JsonObject, object], JsonObject]
"""``handler(event, context) -> response``: what Lambda calls."""


def _stage_prefix(scope: Scope) -> str:
    """The part of the public path that API Gateway keeps out of the path it routes on (the stage)."""
    event = scope.get("aws.event")
    context = event.get("requestContext") if isinstance(event, dict) else None
    if not isinstance(event, dict) or not isinstance(context, dict):
        return ""
    path = str(scope.get("path", ""))
    if event.get("version") == "2.0":
        # HTTP API paths keep a named stage in front: /prod/agent/swaig.
        stage = context.get("stage")
        if isinstance(stage, str) and stage and stage != "$default":
            prefix = f"/{stage}"
            return prefix if path == prefix or path.startswith(prefix + "/") else ""
        return ""
    # REST API events route on the path without the stage; requestContext.path is what was called.
    full = context.get("path")
    if isinstance(full, str) and full != path and full.endswith(path):
        return full[: len(full) - len(path)].rstrip("/")
    return ""


def _with_public_path(app: ASGIApp) -> ASGIApp:
    """The app, told the public path prefix (so SWML URLs and signatures use the URL that was called)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http":
            prefix = _stage_prefix(scope)
            if prefix:
                path = str(scope.get("path", ""))
                scope = {
                    **scope,
                    "root_path": prefix,
                    "path": path if path.startswith(prefix) else prefix + path,
                }
        await app(scope, receive, send)

    return wrapped


def lambda_handler(target: _Target, *, api_gateway_base_path: str = "/") -> LambdaHandler:
    """A Lambda handler serving ``target``: ``handler = lambda_handler(agent)`` (set the function's
    handler to ``module.handler``). Set ``SWML_TOKEN_SECRET`` so every instance accepts the tool
    tokens another one put in the SWML.

    ``api_gateway_base_path``: the base path of a custom domain mapping, if any.
    """
    mangum = require("mangum", "lambda")
    adapter = mangum.Mangum(
        _with_public_path(asgi_app_of(target)), lifespan="off", api_gateway_base_path=api_gateway_base_path
    )

    def handler(event: JsonObject, context: object) -> JsonObject:
        response: JsonObject = adapter(event, context)
        return response

    return handler
