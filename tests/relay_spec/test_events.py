"""Every RELAY event decodes into its typed class from a realistic frame, and re-encodes unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from signalwire_typed_gen.relay import events, models
from signalwire_typed_gen.relay.convert import to_dict
from signalwire_typed_gen.relay.events import (
    EVENT_CLASSES,
    UnknownEvent,
    ValidationError,
    decode_event,
    encode_event,
)

from .conftest import validator
from .frames import PAYLOADS, envelope, request

EVENT_TYPES = sorted(PAYLOADS)


def test_every_event_class_has_a_frame() -> None:
    assert sorted(EVENT_CLASSES) == EVENT_TYPES


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_decodes_and_round_trips(event_type: str, schema: dict[str, Any]) -> None:
    frame = json.loads(json.dumps(envelope(event_type)))
    cls = EVENT_CLASSES[event_type]
    validator(schema, cls.__name__).validate(frame)
    event = decode_event(frame, eager=True)
    assert type(event) is cls
    assert event.event_type == event_type
    assert event.event_channel == "signalwire_chan-1"
    assert event.timestamp == 1732225000.123
    assert (event.project_id, event.space_id) == ("p-123", "space-1")
    assert to_dict(event.params) == frame["params"], "payload converts without loss"
    assert encode_event(event) == frame
    lazy = decode_event(frame)
    assert encode_event(lazy) == frame, "an event whose params were never read encodes as it came"
    assert lazy.raw_params is frame["params"]


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_the_generic_envelope_accepts_every_event(event_type: str, schema: dict[str, Any]) -> None:
    validator(schema, "SignalwireEventRequest").validate(request(event_type))
    models_frame = json.loads(json.dumps(request(event_type)))
    from signalwire_typed_gen.relay.convert import from_dict

    req = from_dict(models.SignalwireEventRequest, models_frame)
    assert req.params.event_type == event_type
    assert to_dict(req) == models_frame


def test_typed_fields() -> None:
    state = decode_event(envelope("calling.call.state"))
    assert isinstance(state, events.CallingCallStateEvent)
    assert state.params.call_state == "ended"
    assert state.params.end_reason == "hangup"
    assert state.params.device is not None
    assert isinstance(state.params.device.params, models.CallPhoneAddress)
    dial = decode_event(envelope("calling.call.dial"))
    assert isinstance(dial, events.CallingCallDialEvent)
    assert dial.params.call is not None and dial.params.call.device is not None
    sip = dial.params.call.device.params
    assert isinstance(sip, models.CallSipAddress)
    assert sip.from_ == "sip:alice@example.com"
    assert sip.headers is not None and sip.headers[0].name == "X-Account"
    collect = decode_event(envelope("calling.call.collect"))
    assert isinstance(collect, events.CallingCallCollectEvent)
    assert collect.params.result is not None and collect.params.result.type == "digit"
    assert collect.params.result.params is not None and collect.params.result.params.digits == "12"
    msg = decode_event(envelope("messaging.state"))
    assert isinstance(msg, events.MessagingStateEvent)
    assert (msg.params.message_state, msg.params.reason) == ("undelivered", "carrier rejected")


def test_unknown_keys_are_kept_in_envelope_and_payload() -> None:
    frame = envelope("calling.call.play")
    frame["shard"] = "eu-1"
    frame["params"]["future"] = {"x": [1, 2]}
    event = decode_event(frame)
    assert event.additional_properties == {"shard": "eu-1"}
    assert isinstance(event, events.CallingCallPlayEvent)
    assert event.params.additional_properties == {"future": {"x": [1, 2]}}
    assert encode_event(event) == frame


def test_unknown_event_type_is_kept_whole() -> None:
    frame = {"event_type": "video.room.started", "timestamp": 5, "params": {"room_id": "r"}, "x": 1}
    event = decode_event(frame)
    assert isinstance(event, UnknownEvent)
    assert event.event_type == "video.room.started"
    assert event.params == {"room_id": "r"}
    assert event.timestamp == 5
    assert encode_event(event) == frame


def test_envelope_only_needs_type_and_params() -> None:
    event = decode_event({"event_type": "calling.call.echo", "params": {**PAYLOADS["calling.call.echo"]}})
    assert event.event_channel is None and event.timestamp is None
    assert encode_event(event) == {"event_type": "calling.call.echo", "params": PAYLOADS["calling.call.echo"]}


def test_event_built_from_a_model() -> None:
    params = models.CallingCallPlayParams(call_id="c", node_id="n", control_id="x", state="playing")
    event = events.CallingCallPlayEvent(params=params, event_channel="ch", timestamp=1.5)
    assert event.params is params
    assert event.raw_params == {"call_id": "c", "node_id": "n", "control_id": "x", "state": "playing"}
    assert encode_event(event) == {
        "event_type": "calling.call.play",
        "event_channel": "ch",
        "timestamp": 1.5,
        "params": {"call_id": "c", "node_id": "n", "control_id": "x", "state": "playing"},
    }
    assert encode_event(decode_event(encode_event(event), eager=True)) == encode_event(event)


def test_changes_to_decoded_params_are_encoded() -> None:
    event = decode_event(envelope("calling.call.play"))
    assert isinstance(event, events.CallingCallPlayEvent)
    event.params.state = "error"
    assert encode_event(event)["params"] == {**PAYLOADS["calling.call.play"], "state": "error"}


@pytest.mark.parametrize(
    ("frame", "path", "message"),
    [
        ([], "$", "expected object, got array"),
        ({"params": {}}, "$", "missing required field event_type"),
        ({"event_type": 7, "params": {}}, "$.event_type", "expected string, got integer"),
        ({"event_type": "calling.call.play"}, "$", "missing required field params"),
        ({"event_type": "calling.call.play", "params": "x"}, "$.params", "expected object, got string"),
        ({"event_type": "x", "params": {}, "timestamp": "now"}, "$.timestamp", "expected number, got string"),
        ({"event_type": "x", "params": {}, "event_channel": 3}, "$.event_channel", "expected string"),
        ({"event_type": "x", "params": {}, "space_id": [1]}, "$.space_id", "expected string, got array"),
    ],
)
def test_bad_envelopes_name_the_path(frame: object, path: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        decode_event(frame)  # type: ignore[arg-type]
    assert err.value.path == path
    assert message in err.value.message


def test_bad_payload_fails_on_access_or_eagerly() -> None:
    frame = envelope("calling.call.play")
    frame["params"]["state"] = "dancing"
    event = decode_event(frame)
    with pytest.raises(ValidationError) as err:
        _ = event.params
    assert err.value.path == "$.params.state"
    assert "'playing'" in err.value.message and "'dancing'" in err.value.message
    with pytest.raises(ValidationError) as err:
        decode_event(frame, eager=True)
    assert err.value.path == "$.params.state"
    frame = envelope("calling.call.receive")
    del frame["params"]["device"]["params"]["to_number"]
    with pytest.raises(ValidationError) as err:
        decode_event(frame, eager=True)
    assert err.value.path == "$.params.device.params"
    frame = envelope("calling.call.collect")
    frame["params"]["result"]["params"]["confidence"] = "high"
    with pytest.raises(ValidationError) as err:
        decode_event(frame, eager=True)
    assert err.value.path == "$.params.result.params.confidence"
