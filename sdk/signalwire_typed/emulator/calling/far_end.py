"""What the far end does to a call: DTMF, speech, hanging up."""

from __future__ import annotations

from ..calls import CallRecord
from ..core import EmulatorCore

__all__ = ["deliver_digits", "deliver_speech", "end_call"]


def deliver_digits(call: CallRecord, digits: str) -> None:
    """DTMF from the far end: offered to running actions in start order; the rest waits."""
    for action in list(call.actions.values()):
        digits = action.on_digits(digits)
        if not digits:
            return
    call.pending_digits += digits


def deliver_speech(call: CallRecord, text: str) -> None:
    for action in list(call.actions.values()):
        if action.on_speech(text):
            return
    call.pending_speech.append(text)


def end_call(core: EmulatorCore, call: CallRecord, reason: str) -> None:
    """ending -> ended, after every running action reports its end."""
    if call.gone:
        return
    for action in list(call.actions.values()):
        action.call_ended()
    core.set_state(call, "ending", reason)
    peer = call.peer
    if peer is not None:
        call.peer = None
        peer.peer = None
        core.emit_call(
            peer, "calling.call.connect", {"connect_state": "disconnected", **peer.ids(), "tag": peer.tag}
        )
    core.soon(lambda: core.set_state(call, "ended", reason))
