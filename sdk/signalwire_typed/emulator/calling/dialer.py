"""Outbound legs for ``calling.dial`` and ``calling.connect``: devices are a list of groups tried in
order (serial); the devices of one group ring at once (parallel) and the first to answer wins.

What the far end of a number does is set with :meth:`Emulator.set_dial_outcome` (answer by default).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from signalwire_typed_gen._runtime import JsonObject, JsonValue

from .. import wire
from ..calls import CallRecord
from ..core import EmulatorCore
from ..sessions import Session

__all__ = ["END_REASONS", "DialOutcome", "add_leg", "check_devices", "device_numbers", "place_legs"]

DialOutcome = Literal["answer", "busy", "no_answer", "failed"]
END_REASONS: dict[str, str] = {"busy": "busy", "no_answer": "noAnswer", "failed": "error"}
_DEVICE_TYPES = {"phone": ("to_number", "from_number"), "sip": ("to", "from"), "webrtc": ("to", "from")}


def check_devices(method: str, devices: list[JsonValue]) -> list[list[JsonObject]]:
    """Validate a devices plan (list of lists of devices; a flat list is one serial step each)."""
    plan: list[list[JsonObject]] = []
    for i, group in enumerate(devices):
        items = group if isinstance(group, list) else [group]
        checked: list[JsonObject] = []
        for j, device in enumerate(items):
            where = f"{method}: params.devices[{i}]" + (f"[{j}]" if isinstance(group, list) else "")
            if not isinstance(device, dict) or device.get("type") not in _DEVICE_TYPES:
                raise wire.BadParams(f"{where} must be a device with type one of {sorted(_DEVICE_TYPES)}")
            params = device.get("params")
            to_key = _DEVICE_TYPES[str(device["type"])][0]
            if not isinstance(params, dict) or not isinstance(params.get(to_key), str):
                raise wire.BadParams(f"{where}.params.{to_key} is required for a {device['type']} device")
            checked.append(device)
        if not checked:
            raise wire.BadParams(f"{method}: params.devices[{i}] is empty")
        plan.append(checked)
    return plan


def device_numbers(device: JsonObject) -> tuple[str, str]:
    params = device.get("params")
    assert isinstance(params, dict)
    to_key, from_key = _DEVICE_TYPES[str(device["type"])]
    return str(params.get(to_key, "")), str(params.get(from_key, ""))


def add_leg(core: EmulatorCore, session: Session | None, device: JsonObject, tag: str) -> CallRecord:
    """A new outbound leg to ``device``, its events going to ``session`` (none without one)."""
    to_number, from_number = device_numbers(device)
    leg = core.add_call(
        CallRecord(
            context=session.protocol if session else "",
            direction="outbound",
            device=device,
            from_number=from_number,
            to_number=to_number,
            tag=tag,
            session=session,
            project_id=session.project_id if session else "",
        )
    )
    leg.delivered = session is not None
    return leg


def place_legs(
    core: EmulatorCore,
    session: Session | None,
    plan: list[list[JsonObject]],
    tag: str,
    outcomes: Mapping[str, str],
    on_done: Callable[[CallRecord | None], None],
) -> None:
    """Ring the plan's groups in turn; ``on_done`` gets the answered leg, or None if all failed."""

    def ring_group(index: int) -> None:
        if index >= len(plan):
            on_done(None)
            return
        legs: list[CallRecord] = []
        for device in plan[index]:
            leg = add_leg(core, session, device, tag)
            legs.append(leg)
            core.set_state(leg, "created")
        for leg in legs:
            core.set_state(leg, "ringing")
        core.later(core.timing.ring_seconds, lambda: settle(index, legs))

    def settle(index: int, legs: list[CallRecord]) -> None:
        winner: CallRecord | None = None
        for leg in legs:
            if leg.gone:
                continue
            outcome = outcomes.get(leg.to_number, "answer")
            if outcome == "answer" and winner is None:
                winner = leg
                core.set_state(leg, "answered")
                continue
            reason = "cancel" if outcome == "answer" else END_REASONS.get(outcome, "error")
            core.set_state(leg, "ending", reason)
            core.set_state(leg, "ended", reason)
        if winner is not None:
            on_done(winner)
        else:
            ring_group(index + 1)

    ring_group(0)
