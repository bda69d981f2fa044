"""RELAY messages decode into typed models, as the official clients send them on the wire."""

from __future__ import annotations

import json
from typing import Any

import pytest
from signalwire_typed import ValidationError
from signalwire_typed_gen.relay import models
from signalwire_typed_gen.relay.convert import from_dict, to_dict
from signalwire_typed_gen.relay.events import CallingCallReceiveEvent, decode_event, encode_event
from signalwire_typed_gen.relay.methods import check_params

from .relay_spec.conftest import relay_validator

NODE_CONNECT = {
    "jsonrpc": "2.0",
    "id": "6f1a",
    "method": "signalwire.connect",
    "params": {
        "version": {"major": 3, "minor": 0, "revision": 0},
        "event_acks": True,
        "agent": "@signalwire/nodejs/realtime-api/4.2.1",
        "authentication": {"project": "p-123", "token": "t-456"},
    },
}
PYTHON_CONNECT = {
    "jsonrpc": "2.0",
    "id": "a1",
    "method": "signalwire.connect",
    "params": {
        "version": {"major": 2, "minor": 0, "revision": 0},
        "agent": "signalwire-agents-python/1.0",
        "event_acks": True,
        "authentication": {"project": "p-123", "token": "t-456"},
        "contexts": ["office"],
    },
}
CONNECT_RESULT = {
    "jsonrpc": "2.0",
    "id": "6f1a",
    "result": {
        "identity": "p-123@node-1",
        "protocol": "signalwire_abc",
        "ice_servers": [],
        "authorization": {
            "project_id": "p-123",
            "scopes": ["calling", "messaging", "tasking", "video"],
            "signature": "sig",
            "expires_at": None,
            "resource": "res",
            "space_id": "space-1",
        },
    },
}
CALL_RECEIVE = {
    "jsonrpc": "2.0",
    "id": "ev-1",
    "method": "signalwire.event",
    "params": {
        "event_type": "calling.call.receive",
        "event_channel": "signalwire_chan",
        "timestamp": 1732225000.0,
        "project_id": "p-123",
        "space_id": "space-1",
        "params": {
            "call_state": "ringing",
            "context": "office",
            "device": {
                "type": "phone",
                "params": {"from_number": "+15551230000", "to_number": "+15557654321"},
            },
            "direction": "inbound",
            "call_id": "call-1",
            "node_id": "node-1",
            "tag": "tag-1",
        },
    },
}


@pytest.mark.parametrize("frame", [NODE_CONNECT, PYTHON_CONNECT], ids=["node", "python"])
def test_connect_request(frame: dict[str, Any]) -> None:
    frame = json.loads(json.dumps(frame))
    relay_validator("SignalwireConnectRequest").validate(frame)
    params = from_dict(models.SignalwireConnectParams, frame["params"])
    assert isinstance(params.authentication, models.ProjectTokenAuthentication)
    assert params.authentication.project == "p-123"
    assert to_dict(params) == frame["params"]
    assert check_params("signalwire.connect", frame["params"]) == frame["params"]


def test_jwt_authentication_is_the_other_branch() -> None:
    frame = json.loads(json.dumps(NODE_CONNECT))
    frame["params"]["authentication"] = {"jwt_token": "eyJ..."}
    params = from_dict(models.SignalwireConnectParams, frame["params"])
    assert isinstance(params.authentication, models.JwtAuthentication)


def test_connect_result() -> None:
    res = from_dict(models.SignalwireConnectResponse, CONNECT_RESULT)
    assert res.result.protocol == "signalwire_abc"
    assert res.result.authorization.scopes == ["calling", "messaging", "tasking", "video"]


def test_call_receive_event_and_unknown_keys_are_kept() -> None:
    frame = json.loads(json.dumps(CALL_RECEIVE))
    frame["params"]["params"]["segment_id"] = "seg-9"
    frame["params"]["params"]["future_field"] = {"x": 1}
    event = decode_event(frame["params"], eager=True)
    assert isinstance(event, CallingCallReceiveEvent)
    assert event.params.call_id == "call-1"
    assert event.params.device.type == "phone"
    assert isinstance(event.params.device.params, models.CallPhoneAddress)
    assert event.params.device.params.from_number == "+15551230000"
    assert event.params.segment_id == "seg-9"
    assert event.params.additional_properties == {"future_field": {"x": 1}}
    assert encode_event(event) == frame["params"], "nothing the server sent is lost"


def test_bad_frames_name_the_path() -> None:
    frame = json.loads(json.dumps(CALL_RECEIVE))
    frame["params"]["params"]["call_state"] = "flying"
    envelope = from_dict(models.SignalwireEventRequest, frame)
    assert envelope.params.params["call_state"] == "flying", "the envelope carries any event's params"
    with pytest.raises(ValidationError) as err:
        decode_event(frame["params"], eager=True)
    assert err.value.path == "$.params.call_state"
    bad = json.loads(json.dumps(NODE_CONNECT))
    del bad["params"]["authentication"]
    with pytest.raises(ValidationError) as err:
        check_params("signalwire.connect", bad["params"])
    assert err.value.path == "$"
    assert "authentication" in err.value.message
