"""Play, collect (digits and speech, alone or after a prompt) and record."""

from __future__ import annotations

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .. import wire
from ..calls import CallRecord
from ..core import EmulatorCore
from .actions import Action, media_seconds

__all__ = ["CollectAction", "PlayAction", "RecordAction", "check_media"]

_MEDIA_TYPES = {"audio": "url", "tts": "text", "silence": "duration", "ringtone": "name"}


def check_media(method: str, media: list[JsonValue], path: str = "params.play") -> None:
    for index, item in enumerate(media):
        where = f"{method}: {path}[{index}]"
        if not isinstance(item, dict):
            raise wire.BadParams(f"{where} must be an object with type and params")
        kind = item.get("type")
        if not isinstance(kind, str) or kind not in _MEDIA_TYPES:
            raise wire.BadParams(
                f"{where}.type must be one of {sorted(_MEDIA_TYPES)}, got {wire.dumps(kind)}"
            )
        params = item.get("params")
        needed = _MEDIA_TYPES[kind]
        if not isinstance(params, dict) or params.get(needed) is None:
            raise wire.BadParams(f"{where}.params.{needed} is required for {kind} media")


class PlayAction(Action):
    event_type = "calling.call.play"

    def __init__(
        self, core: EmulatorCore, call: CallRecord, control_id: str, media: list[JsonValue], loop: int
    ):
        super().__init__(core, call, control_id)
        self.seconds = media_seconds(core, media)
        # loop 0 plays until stopped.
        self.remaining = self.seconds * loop if loop else None
        self.paused = False

    def begin(self) -> None:
        self.emit({"state": "playing"})
        self._run()

    def _run(self) -> None:
        if self.remaining is not None:
            self.schedule(self.remaining, self.finish)

    def pause(self) -> None:
        if not self.paused and not self.done:
            self.paused = True
            self.core.scheduler.cancel(self.timer)
            if self.remaining is not None:
                self.remaining = max(0.0, self.remaining - self.elapsed())
            self.emit({"state": "paused"})

    def resume(self) -> None:
        if self.paused and not self.done:
            self.paused = False
            self.emit({"state": "playing"})
            self._run()


class CollectAction(Action):
    """``calling.collect``, or ``calling.play_and_collect`` when given a prompt to play first."""

    event_type = "calling.call.collect"

    def __init__(
        self,
        core: EmulatorCore,
        call: CallRecord,
        control_id: str,
        p: wire.Params,
        prompt: list[JsonValue] | None,
    ):
        super().__init__(core, call, control_id)
        options = p.child("collect") if prompt is not None else p
        self.digits = options.child("digits") if options.has("digits") else None
        self.speech = options.child("speech") if options.has("speech") else None
        if self.digits is None and self.speech is None:
            raise wire.BadParams(f"{p.method}: {options.path} needs digits, speech or both")
        self.max_digits = self.digits.integer("max", 1) if self.digits else 0
        terminators = self.digits.raw.get("terminators", "") if self.digits else ""
        if not isinstance(terminators, str):
            raise wire.BadParams(f"{p.method}: {options.path}.digits.terminators must be a string")
        self.terminators = terminators
        self.digit_timeout = self.digits.number("digit_timeout", 5.0) if self.digits else 0.0
        self.initial_timeout = options.number("initial_timeout", 5.0)
        self.continuous = options.flag("continuous")
        self.partial_results = options.flag("partial_results")
        self.start_of_input = options.flag("send_start_of_input")
        self.timers_started = options.flag("start_input_timers", True)
        self.prompt_seconds = media_seconds(core, prompt) if prompt is not None else None
        self.playing = False
        self.collected = ""
        self.heard = False

    def begin(self) -> None:
        if self.prompt_seconds is not None:
            self.playing = True
            self.emit({"state": "playing"}, "calling.call.play")
            self.schedule(self.prompt_seconds, self._prompt_done)
        elif self.timers_started:
            self.schedule(self.initial_timeout, self._no_input)
        self._take_pending()

    def _prompt_done(self) -> None:
        self._end_prompt()
        if not self.done:
            self.schedule(self.initial_timeout, self._no_input)

    def _end_prompt(self) -> None:
        if self.playing:
            self.playing = False
            self.emit({"state": "finished"}, "calling.call.play")

    def _take_pending(self) -> None:
        if self.call.pending_digits and self.digits is not None:
            digits, self.call.pending_digits = self.call.pending_digits, ""
            self.call.pending_digits = self.on_digits(digits) + self.call.pending_digits
        while self.call.pending_speech and not self.done and self.speech is not None:
            self.on_speech(self.call.pending_speech.pop(0))

    def start_timers(self) -> None:
        if not self.timers_started and not self.done:
            self.timers_started = True
            self.schedule(self.initial_timeout, self._no_input)

    def _input_started(self) -> None:
        if not self.heard:
            self.heard = True
            self._end_prompt()
            if self.start_of_input:
                self.emit({"result": {"type": "start_of_input"}})

    def on_digits(self, digits: str) -> str:
        if self.digits is None or self.done:
            return digits
        for index, digit in enumerate(digits):
            self._input_started()
            if digit in self.terminators:
                self._result({"type": "digit", "params": {"digits": self.collected, "terminator": digit}})
            else:
                self.collected += digit
                if len(self.collected) >= self.max_digits:
                    self._result({"type": "digit", "params": {"digits": self.collected, "terminator": ""}})
                else:
                    self.schedule(self.digit_timeout, self._digit_timeout)
            if self.done:
                return digits[index + 1 :]
        return ""

    def on_speech(self, text: str) -> bool:
        if self.speech is None or self.done:
            return False
        self._input_started()
        if self.partial_results:
            self.emit(
                {"result": {"type": "speech", "params": {"text": text, "confidence": 0.99}}, "final": False}
            )
        self._result({"type": "speech", "params": {"text": text, "confidence": 0.99}})
        return True

    def _digit_timeout(self) -> None:
        self._result({"type": "digit", "params": {"digits": self.collected, "terminator": ""}})

    def _no_input(self) -> None:
        self._end_prompt()
        self._result({"type": "no_input"})

    def _result(self, result: JsonObject) -> None:
        kind = str(result["type"])
        state = "finished" if kind in ("digit", "speech") else kind
        params: JsonObject = {"state": state, "result": result, "final": True}
        self.collected = ""
        if self.continuous:
            self.emit(params)
            self.schedule(self.initial_timeout, self._no_input)
        else:
            self.finish(params)

    def stop(self) -> None:
        self._end_prompt()
        self.finish({"state": "no_input", "result": {"type": "no_input"}, "final": True})

    def call_ended(self) -> None:
        self._end_prompt()
        self.finish({"state": "error", "result": {"type": "error"}, "final": True})


class RecordAction(Action):
    event_type = "calling.call.record"

    def __init__(self, core: EmulatorCore, call: CallRecord, control_id: str, audio: JsonObject, url: str):
        super().__init__(core, call, control_id)
        self.audio = audio
        self.url = url
        end_silence = audio.get("end_silence_timeout")
        self.length = float(end_silence) if isinstance(end_silence, int | float) and end_silence > 0 else None
        terminators = audio.get("terminators")
        self.terminators = terminators if isinstance(terminators, str) else ""

    def begin(self) -> None:
        self.emit({"state": "recording", "url": self.url, "record": {"audio": self.audio}})
        if self.length is not None:
            self.schedule(self.length, self.finish)

    def pause(self) -> None:
        self.core.scheduler.cancel(self.timer)
        self.emit({"state": "paused", "url": self.url, "record": {"audio": self.audio}})

    def resume(self) -> None:
        self.emit({"state": "recording", "url": self.url, "record": {"audio": self.audio}})

    def finish(self, params: JsonObject | None = None) -> None:
        duration = self.elapsed()
        size = int(duration * 8000) + 44
        super().finish(
            params
            or {
                "state": "finished",
                "url": self.url,
                "duration": duration,
                "size": size,
                "record": {"audio": {**self.audio, "url": self.url, "duration": duration, "size": size}},
            }
        )

    def on_digits(self, digits: str) -> str:
        for index, digit in enumerate(digits):
            if digit in self.terminators:
                self.finish()
                return digits[index + 1 :]
        return digits
