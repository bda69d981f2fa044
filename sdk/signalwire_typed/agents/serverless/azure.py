"""Azure Functions: an HTTP trigger served through ``azure.functions.AsgiMiddleware``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeAlias

from .target import ASGIApp, Receive, Scope, Send, ServerlessTarget, asgi_app_of, require

if TYPE_CHECKING:
    import azure.functions as func

__all__ = ["AzureHandler", "azure_handler"]

AzureHandler: TypeAlias = "Callable[[func.HttpRequest, func.Context | None], Awaitable[func.HttpResponse]]"
"""``async main(req, context) -> HttpResponse``: the HTTP trigger's function."""


def _under_prefix(app: ASGIApp, prefix: str) -> ASGIApp:
    """The app, told that ``prefix`` (Azure's route prefix, ``/api`` by default) is not part of its routes."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if prefix and scope.get("type") == "http" and (path == prefix or path.startswith(prefix + "/")):
            scope = {**scope, "root_path": prefix}
        await app(scope, receive, send)

    return wrapped


def azure_handler(target: ServerlessTarget, *, route_prefix: str = "/api") -> AzureHandler:
    """An HTTP trigger serving ``target``, for a catch-all route of your function app.

        app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
        serve = azure_handler(agent)

        @app.route(route="{*path}", methods=["GET", "POST"])
        async def main(req: func.HttpRequest) -> func.HttpResponse:
            return await serve(req, None)

    ``route_prefix``: the app's ``extensions.http.routePrefix`` (``/api`` unless changed).
    The agent's own basic auth protects it, so the function's auth level can be anonymous.
    """
    functions = require("azure.functions", "azure")
    middleware = functions.AsgiMiddleware(_under_prefix(asgi_app_of(target), route_prefix.rstrip("/")))

    async def main(req: func.HttpRequest, context: func.Context | None = None) -> func.HttpResponse:
        response: func.HttpResponse = await middleware.handle_async(req, context)
        return response

    return main
