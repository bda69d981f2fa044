"""The REST side of the emulator, on the same port as the WebSocket: stateful for what a demo
touches, every request body checked by the generated models (a bad one gets a 422 naming the field).

=================================================  ==========================================
``/api/relay/rest/phone_numbers[/search|/{id}]``   search, buy (POST), list, get, update, release
``/api/fabric/resources/ai_agents[/{id}]``          create, list, get, update (PATCH), delete
``/api/fabric/resources/subscribers[/{id}]``        create, list, get, update (PUT), delete
``POST /api/calling/calls``                         ``dial`` and ``calling.end`` run the call; the
                                                    other commands are recorded on the call
=================================================  ==========================================

Requests authenticate with HTTP basic auth (project id, API token): with the emulator's
credentials when it has some, any pair otherwise; anything else is answered 401. Each project
sees only what it created.

Calls dialed over REST are emulator calls like any other (``Emulator.calls()``, the control API,
``set_dial_outcome``); which RELAY client sees their events is described in :mod:`.calling`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core import EmulatorCore
from ..http import HttpRequest, HttpResponse
from ..router import Router
from . import calling, fabric, phone_numbers
from .common import FieldProblem, NotFound, ProjectState, RestState

__all__ = ["RestState", "register"]

RestHandler = Callable[[HttpRequest, ProjectState], HttpResponse]


def register(router: Router, core: EmulatorCore, state: RestState) -> None:
    def add(method: str, pattern: str, handler: RestHandler) -> None:
        async def serve(request: HttpRequest) -> HttpResponse:
            project = state.project_of(request)
            if project is None:
                return HttpResponse(401, {"error": "Unauthorized"})
            try:
                return handler(request, project)
            except FieldProblem as exc:
                return exc.response()
            except NotFound as exc:
                return HttpResponse(404, {"error": str(exc)})

        router.add(method, pattern, serve)

    phone_numbers.register(add, state)
    fabric.register(add, state)
    calling.register(add, state, core)
