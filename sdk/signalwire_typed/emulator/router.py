"""Routes HTTP requests by method and path pattern (``/emulator/calls/{call_id}``) to handlers.

Each capability (the control API, the REST side) registers its own routes on one router.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace

from .http import HttpError, HttpRequest, HttpResponse

__all__ = ["Handler", "Router"]

Handler = Callable[[HttpRequest], Awaitable[HttpResponse]]

_PARAM = re.compile(r"\{([a-z_]+)\}")


class Router:
    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        regex = "^" + _PARAM.sub(r"(?P<\1>[^/]+)", pattern) + "$"
        self._routes.append((method.upper(), re.compile(regex), handler))

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`add`."""

        def register(handler: Handler) -> Handler:
            self.add(method, pattern, handler)
            return handler

        return register

    async def dispatch(self, request: HttpRequest) -> HttpResponse:
        allowed: list[str] = []
        for method, regex, handler in self._routes:
            match = regex.match(request.path)
            if match is None:
                continue
            if method != request.method:
                allowed.append(method)
                continue
            try:
                return await handler(replace(request, params=match.groupdict()))
            except HttpError as exc:
                return HttpResponse(exc.status, {"error": exc.message})
        if allowed:
            return HttpResponse(
                405, {"error": f"{request.method} not allowed on {request.path}; use {allowed}"}
            )
        return HttpResponse(404, {"error": f"no route for {request.method} {request.path}"})
