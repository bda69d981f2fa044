"""The control API over HTTP (JSON), under ``/emulator/``, on the same port as the WebSocket.

==========================================  =================================================
``POST /emulator/calls``                    ``{"context","from","to"}`` -> 201 ``{"call_id"}``
``GET  /emulator/calls[/{call_id}]``        state, commands received, events sent
``POST /emulator/calls/{call_id}/digits``   ``{"digits"}``: the far end presses DTMF
``POST /emulator/calls/{call_id}/speech``   ``{"text"}``: the far end speaks
``POST /emulator/calls/{call_id}/hangup``   ``{"reason"?}``: the far end hangs up
``POST /emulator/calls/{call_id}/events``   ``{"event_type","params","count"?}``: send raw events
``POST /emulator/messages``                 ``{"context","from","to","body","media"}`` -> 201
``GET  /emulator/messages/{message_id}``    a message and the states it went through
``POST /emulator/messages/fail-next``       ``{"state": "undelivered"|"failed","reason"?}``
``POST /emulator/dial-outcomes``            ``{"number","outcome"}``: answer/busy/no_answer/failed
``GET  /emulator/sessions``                 client sessions, contexts, unacked events, pongs
``POST /emulator/ping``                     ``signalwire.ping`` to every client
``POST /emulator/disconnect``               ``{"restart"?}``: ``signalwire.disconnect`` to every client
``POST /emulator/drop``                     cut every connection (sessions stay resumable)
``POST /emulator/raw``                      ``{"text"}``: a raw frame to every client
``GET  /emulator/recordings/{name}``        a silent WAV for recording URLs
``GET  /emulator/health``                   ``{"ok": true}``
==========================================  =================================================

Errors answer ``{"error": "..."}`` naming what was wrong: 400 bad input, 404 unknown call or
route, 405 wrong method, 409 the call has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .control import Control
from .http import HttpError, HttpRequest, HttpResponse
from .media_files import silent_wav
from .router import Router

__all__ = ["register"]


def _body(request: HttpRequest) -> JsonObject:
    body = request.json()
    if not isinstance(body, dict):
        raise HttpError(400, "request body must be a JSON object")
    return body


def _text(body: JsonObject, key: str, required: bool = True) -> str:
    value = body.get(key)
    if isinstance(value, str) and value:
        return value
    if value is None and not required:
        return ""
    raise HttpError(400, f"body.{key} must be a non-empty string, got {value!r}")


def register(router: Router, control: Control) -> None:
    def call_id_of(request: HttpRequest) -> str:
        call_id = request.params["call_id"]
        if call_id not in control.core.calls:
            raise HttpError(404, f"no call with call_id {call_id!r}")
        return call_id

    def far_end_input(request: HttpRequest, key: str, deliver: Callable[[str, str], None]) -> HttpResponse:
        """Hand ``body[key]`` to ``deliver``: 400 when the input is refused, 409 when the call has ended."""
        call_id = call_id_of(request)
        try:
            deliver(call_id, _text(_body(request), key))
        except ValueError as exc:
            raise HttpError(409 if "ended" in str(exc) else 400, str(exc)) from None
        return HttpResponse(200, {"call_id": call_id})

    @router.route("POST", "/emulator/calls")
    async def ring(request: HttpRequest) -> HttpResponse:
        body = _body(request)
        call_id = control.ring(_text(body, "context"), _text(body, "from"), _text(body, "to"))
        return HttpResponse(201, {"call_id": call_id})

    @router.route("GET", "/emulator/calls")
    async def calls(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"calls": [info.to_json() for info in control.calls()]})

    @router.route("GET", "/emulator/calls/{call_id}")
    async def call_info(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, control.call_info(call_id_of(request)).to_json())

    @router.route("POST", "/emulator/calls/{call_id}/digits")
    async def digits(request: HttpRequest) -> HttpResponse:
        return far_end_input(request, "digits", control.send_digits)

    @router.route("POST", "/emulator/calls/{call_id}/speech")
    async def speech(request: HttpRequest) -> HttpResponse:
        return far_end_input(request, "text", control.send_speech)

    @router.route("POST", "/emulator/calls/{call_id}/hangup")
    async def hangup(request: HttpRequest) -> HttpResponse:
        call_id = call_id_of(request)
        reason = _text(_body(request), "reason", required=False) or "hangup"
        try:
            control.hangup(call_id, reason)
        except ValueError as exc:
            raise HttpError(409, str(exc)) from None
        return HttpResponse(200, {"call_id": call_id})

    @router.route("POST", "/emulator/calls/{call_id}/events")
    async def events(request: HttpRequest) -> HttpResponse:
        call_id = call_id_of(request)
        body = _body(request)
        params = body.get("params", {})
        count = body.get("count", 1)
        if not isinstance(params, dict) or not isinstance(count, int) or count < 1:
            raise HttpError(400, "body.params must be an object and body.count a positive integer")
        control.emit_events(call_id, _text(body, "event_type"), params, count)
        return HttpResponse(200, {"call_id": call_id, "sent": count})

    @router.route("POST", "/emulator/messages")
    async def message(request: HttpRequest) -> HttpResponse:
        body = _body(request)
        media = body.get("media") or []
        if not isinstance(media, list) or not all(isinstance(m, str) for m in media):
            raise HttpError(400, "body.media must be a list of URLs")
        try:
            message_id = control.inbound_message(
                _text(body, "context"),
                _text(body, "from"),
                _text(body, "to"),
                _text(body, "body", required=False) or None,
                [m for m in media if isinstance(m, str)],
            )
        except ValueError as exc:
            raise HttpError(400, str(exc)) from None
        return HttpResponse(201, {"message_id": message_id})

    @router.route("GET", "/emulator/messages/{message_id}")
    async def message_info(request: HttpRequest) -> HttpResponse:
        try:
            return HttpResponse(200, control.message_info(request.params["message_id"]))
        except KeyError as exc:
            raise HttpError(404, str(exc.args[0])) from None

    @router.route("POST", "/emulator/messages/fail-next")
    async def fail_next(request: HttpRequest) -> HttpResponse:
        body = _body(request)
        state: JsonValue = body.get("state", "undelivered")
        if state not in ("undelivered", "failed"):
            raise HttpError(400, f"body.state must be 'undelivered' or 'failed', got {state!r}")
        fail_state: Literal["undelivered", "failed"] = "failed" if state == "failed" else "undelivered"
        control.fail_next_delivery(fail_state, _text(body, "reason", required=False) or None)
        return HttpResponse(200, {"state": fail_state})

    @router.route("POST", "/emulator/dial-outcomes")
    async def dial_outcome(request: HttpRequest) -> HttpResponse:
        body = _body(request)
        try:
            control.set_dial_outcome(_text(body, "number"), _text(body, "outcome"))
        except ValueError as exc:
            raise HttpError(400, str(exc)) from None
        return HttpResponse(200, {"number": body["number"], "outcome": body["outcome"]})

    @router.route("GET", "/emulator/sessions")
    async def sessions(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"sessions": [info.to_json() for info in control.sessions()]})

    @router.route("POST", "/emulator/ping")
    async def ping(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"pinged": control.ping()})

    @router.route("GET", "/emulator/recordings/{name}")
    async def recording(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, content_type="audio/wav", raw=silent_wav(1.0))

    @router.route("POST", "/emulator/disconnect")
    async def disconnect(request: HttpRequest) -> HttpResponse:
        restart = _body(request).get("restart", False)
        if not isinstance(restart, bool):
            raise HttpError(400, f"body.restart must be true or false, got {restart!r}")
        return HttpResponse(200, {"asked": control.disconnect_clients(restart)})

    @router.route("POST", "/emulator/raw")
    async def raw(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"sent": control.send_raw(_text(_body(request), "text"))})

    @router.route("POST", "/emulator/drop")
    async def drop(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"dropped": control.drop_connections()})

    @router.route("GET", "/emulator/health")
    async def health(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"ok": True})
