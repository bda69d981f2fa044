"""Media commands: play, collect, play_and_collect, record (with their controls), send_digits."""

from __future__ import annotations

import re

from signalwire_typed_gen._runtime import JsonObject

from .. import wire
from ..calls import CallRecord
from ..core import Connection, EmulatorCore, ok
from .actions import Action
from .media import CollectAction, PlayAction, RecordAction, check_media
from .registry import control_id_of, on_action, on_call, start

__all__: list[str] = []

_DTMF = re.compile(r"^[0-9*#A-Dw W]+$")


def _volume(action: Action | None, p: wire.Params) -> None:
    if not isinstance(p.raw.get("volume"), int | float):
        raise wire.BadParams(f"{p.method}: params.volume must be a number (-40 to 40)")


@on_call("calling.play")
def play(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    media = p.array("play")
    check_media(p.method, media)
    if p.has("volume"):
        _volume(None, p)
    return start(PlayAction(core, call, control_id_of(p), media, p.integer("loop", 1)), "Playing")


on_action("calling.play.pause", PlayAction, lambda a, p: a.pause(), "Paused")
on_action("calling.play.resume", PlayAction, lambda a, p: a.resume(), "Resumed")
on_action("calling.play.stop", PlayAction, lambda a, p: a.stop(), "Stopped")


on_action("calling.play.volume", PlayAction, _volume, "Volume changed")


@on_call("calling.collect")
def collect(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    return start(CollectAction(core, call, control_id_of(p), p, None), "Collecting")


on_action("calling.collect.stop", CollectAction, lambda a, p: a.stop(), "Stopped")
on_action(
    "calling.collect.start_input_timers", CollectAction, lambda a, p: a.start_timers(), "Timers started"
)


@on_call("calling.play_and_collect")
def play_and_collect(
    core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params
) -> JsonObject:
    media = p.array("play")
    check_media(p.method, media)
    p.obj("collect")
    return start(CollectAction(core, call, control_id_of(p), p, media), "Collecting")


on_action("calling.play_and_collect.stop", CollectAction, lambda a, p: a.stop(), "Stopped")
on_action("calling.play_and_collect.volume", CollectAction, _volume, "Volume changed")


@on_call("calling.record")
def record(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    audio = p.child("record").raw.get("audio", {})
    if not isinstance(audio, dict):
        raise wire.BadParams("calling.record: params.record.audio must be an object")
    fmt = audio.get("format", "mp3")
    if fmt not in ("mp3", "wav"):
        raise wire.BadParams(
            f"calling.record: params.record.audio.format must be mp3 or wav, got {wire.dumps(fmt)}"
        )
    control_id = control_id_of(p)
    url = f"{core.http_url()}/emulator/recordings/{control_id}.{fmt}"
    action = RecordAction(core, call, control_id, audio, url)
    action.start()
    return ok("Recording", call_id=call.call_id, control_id=control_id, url=url)


on_action("calling.record.pause", RecordAction, lambda a, p: a.pause(), "Paused")
on_action("calling.record.resume", RecordAction, lambda a, p: a.resume(), "Resumed")
on_action("calling.record.stop", RecordAction, lambda a, p: a.stop(), "Stopped")


@on_call("calling.send_digits")
def send_digits(core: EmulatorCore, connection: Connection, call: CallRecord, p: wire.Params) -> JsonObject:
    digits = p.text("digits")
    if not _DTMF.match(digits):
        raise wire.BadParams(
            f"calling.send_digits: params.digits may hold only 0-9 * # A-D w W, got {digits!r}"
        )
    control_id = control_id_of(p)

    def sent() -> None:
        call.digits_sent += digits
        core.emit_call(
            call, "calling.call.send_digits", {"control_id": control_id, **call.ids(), "state": "finished"}
        )

    core.soon(sent)
    return ok("Sending digits", call_id=call.call_id, control_id=control_id)
