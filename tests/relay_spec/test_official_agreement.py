"""Our typed events read the same values from each frame as the official client (signalwire-sdk 3.7.5)."""

from __future__ import annotations

import dataclasses

import pytest
from signalwire.relay.event import EVENT_CLASS_MAP, parse_event
from signalwire_typed_gen.relay.convert import to_dict
from signalwire_typed_gen.relay.events import decode_event

from .frames import PAYLOADS, envelope

# Official fields that are not payload keys of the same name (or are read elsewhere).
_SKIP = {"event_type", "params", "timestamp", "queue_id", "queue_name"}


@pytest.mark.parametrize("event_type", sorted(EVENT_CLASS_MAP))
def test_official_fields_match_ours(event_type: str) -> None:
    assert event_type in PAYLOADS, "we have a frame (and a class) for every event the official client knows"
    frame = envelope(event_type)
    theirs = parse_event(frame)
    ours = to_dict(decode_event(frame, eager=True).params)
    compared = 0
    for f in dataclasses.fields(theirs):
        if f.name in _SKIP or f.name not in ours:
            continue
        assert getattr(theirs, f.name) == ours[f.name], f.name
        compared += 1
    assert compared >= 1
