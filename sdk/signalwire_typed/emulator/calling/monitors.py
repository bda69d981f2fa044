"""Actions that watch or feed a call: detect, tap, stream, transcribe, pay, fax, echo."""

from __future__ import annotations

from typing import ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..calls import CallRecord
from ..core import EmulatorCore
from .actions import Action

__all__ = [
    "DetectAction",
    "EchoAction",
    "FaxAction",
    "PayAction",
    "StreamAction",
    "TapAction",
    "TranscribeAction",
]


class DetectAction(Action):
    """Machine and fax detection report their outcome, then finish; digit detection reports each
    far-end digit until its timeout."""

    event_type = "calling.call.detect"

    def __init__(
        self,
        core: EmulatorCore,
        call: CallRecord,
        control_id: str,
        detect: JsonObject,
        timeout: float,
        outcome: str,
    ):
        super().__init__(core, call, control_id)
        self.kind = str(detect.get("type"))
        self.timeout = timeout
        self.outcome = outcome

    def _report(self, event: str) -> None:
        self.emit({"detect": {"type": self.kind, "params": {"event": event}}})

    def begin(self) -> None:
        if self.kind == "digit":
            self.schedule(self.timeout, self.finish)
            self.call.pending_digits = self.on_digits(self.call.pending_digits)
            return
        self._report(self.outcome)
        self.finish()

    def finish(self, params: JsonObject | None = None) -> None:
        super().finish(params or {"detect": {"type": self.kind, "params": {"event": "finished"}}})

    def on_digits(self, digits: str) -> str:
        if self.kind != "digit" or self.done:
            return digits
        for digit in digits:
            self._report(digit)
        return ""


class _Running(Action):
    """Reports ``running_state`` with its details when started and ``finished`` when stopped."""

    running_state: ClassVar[str]

    def __init__(self, core: EmulatorCore, call: CallRecord, control_id: str, details: JsonObject):
        super().__init__(core, call, control_id)
        self.details = details

    def begin(self) -> None:
        self.emit({"state": self.running_state, **self.details})

    def finish(self, params: JsonObject | None = None) -> None:
        super().finish(params or {"state": "finished", **self.details})


class TapAction(_Running):
    event_type = "calling.call.tap"
    running_state = "tapping"


class StreamAction(_Running):
    event_type = "calling.call.stream"
    running_state = "streaming"


class TranscribeAction(_Running):
    event_type = "calling.call.transcribe"
    running_state = "transcribing"

    def finish(self, params: JsonObject | None = None) -> None:
        duration = self.elapsed()
        base = self.core.http_url()
        Action.finish(
            self,
            params
            or {
                "state": "finished",
                "url": f"{base}/emulator/transcriptions/{self.control_id}.json",
                "recording_id": self.control_id,
                "duration": duration,
                "size": int(duration * 8000),
            },
        )


class PayAction(Action):
    """The far end pays at once with a test card."""

    event_type = "calling.call.pay"

    def begin(self) -> None:
        self.finish({"state": "finished", "result": "success"})


class EchoAction(Action):
    event_type = "calling.call.echo"

    def __init__(self, core: EmulatorCore, call: CallRecord, control_id: str, timeout: float):
        super().__init__(core, call, control_id)
        self.timeout = timeout

    def begin(self) -> None:
        self.emit({"state": "echoing"})
        self.schedule(self.timeout, self.finish)


class FaxAction(Action):
    event_type = "calling.call.fax"

    def __init__(self, core: EmulatorCore, call: CallRecord, control_id: str, direction: str, document: str):
        super().__init__(core, call, control_id)
        self.direction = direction
        self.document = document

    def begin(self) -> None:
        self.emit({"fax": {"type": "page", "params": {"direction": self.direction, "pages": 1}}})
        self.finish(self._finished(success=True))

    def _finished(self, success: bool) -> JsonObject:
        return {
            "fax": {
                "type": "finished",
                "params": {
                    "direction": self.direction,
                    "identity": self.call.to_number if self.direction == "receive" else self.call.from_number,
                    "remote_identity": self.call.from_number
                    if self.direction == "receive"
                    else self.call.to_number,
                    "document": self.document,
                    "success": success,
                    "result": "1231" if success else "1",
                    "result_text": "" if success else "stopped",
                    "pages": 1 if success else 0,
                },
            }
        }

    def stop(self) -> None:
        self.finish(self._finished(success=False))

    def call_ended(self) -> None:
        self.finish(self._finished(success=False))
