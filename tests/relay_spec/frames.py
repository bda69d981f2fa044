"""Realistic RELAY event payloads, one per event type, shaped as the server sends them."""

from __future__ import annotations

import copy
from typing import Any

CALL = {"call_id": "call-1", "node_id": "node-1"}
PHONE = {"type": "phone", "params": {"from_number": "+15551230000", "to_number": "+15557654321"}}
SIP = {
    "type": "sip",
    "params": {
        "from": "sip:alice@example.com",
        "to": "sip:bob@example.com",
        "headers": [{"name": "X-Account", "value": "42"}],
    },
}

PAYLOADS: dict[str, dict[str, Any]] = {
    "calling.call.receive": {
        "call_state": "ringing",
        "context": "office",
        "device": PHONE,
        "direction": "inbound",
        **CALL,
        "tag": "tag-1",
        "segment_id": "seg-1",
        "project_id": "p-123",
    },
    "calling.call.state": {
        **CALL,
        "tag": "tag-1",
        "call_state": "ended",
        "direction": "inbound",
        "device": PHONE,
        "context": "office",
        "end_reason": "hangup",
        "start_time": 1732225000000,
        "answer_time": 1732225001000,
        "end_time": 1732225030000,
    },
    "calling.call.dial": {
        "tag": "dial-7",
        "node_id": "node-2",
        "dial_state": "answered",
        "call": {
            "call_id": "call-2",
            "node_id": "node-2",
            "tag": "dial-7",
            "call_state": "answered",
            "direction": "outbound",
            "device": SIP,
        },
    },
    "calling.call.connect": {
        **CALL,
        "connect_state": "connected",
        "peer": {"call_id": "call-2", "node_id": "node-2", "tag": "dial-7", "device": PHONE},
    },
    "calling.call.play": {**CALL, "control_id": "ctl-1", "state": "finished"},
    "calling.call.collect": {
        **CALL,
        "control_id": "ctl-2",
        "result": {"type": "digit", "params": {"digits": "12", "terminator": "#"}},
        "final": True,
    },
    "calling.call.record": {
        **CALL,
        "control_id": "ctl-3",
        "state": "finished",
        "url": "https://files.example.com/rec.mp3",
        "duration": 4.5,
        "size": 36000,
        "record": {"audio": {"format": "mp3", "beep": True}},
    },
    "calling.call.detect": {
        **CALL,
        "control_id": "ctl-4",
        "detect": {"type": "machine", "params": {"event": "HUMAN"}},
    },
    "calling.call.fax": {
        **CALL,
        "control_id": "ctl-5",
        "fax": {
            "type": "finished",
            "params": {
                "direction": "send",
                "identity": "+15551230000",
                "remote_identity": "+15557654321",
                "document": "https://files.example.com/doc.pdf",
                "success": True,
                "result": "1231",
                "result_text": "",
                "pages": 2,
            },
        },
    },
    "calling.call.tap": {
        **CALL,
        "control_id": "ctl-6",
        "state": "tapping",
        "tap": {"type": "audio", "params": {"direction": "both"}},
        "device": {"type": "ws", "params": {"uri": "wss://tap.example.com"}},
    },
    "calling.call.send_digits": {**CALL, "control_id": "ctl-7", "state": "finished"},
    "calling.call.refer": {
        **CALL,
        "state": "success",
        "sip_refer_to": "sip:carol@example.com",
        "sip_refer_response_code": "202",
        "sip_notify_response_code": "200",
    },
    "calling.call.denoise": {**CALL, "denoised": True},
    "calling.call.pay": {**CALL, "control_id": "ctl-8", "state": "finished"},
    "calling.call.queue": {
        **CALL,
        "control_id": "ctl-9",
        "status": "enqueue",
        "id": "q-1",
        "name": "support",
        "position": 3,
        "size": 5,
    },
    "calling.call.stream": {
        **CALL,
        "control_id": "ctl-10",
        "state": "streaming",
        "url": "wss://media.example.com",
        "name": "s1",
    },
    "calling.call.echo": {**CALL, "state": "finished"},
    "calling.call.transcribe": {
        **CALL,
        "control_id": "ctl-11",
        "state": "finished",
        "url": "https://files.example.com/t.json",
        "recording_id": "r-1",
        "duration": 12.0,
        "size": 2048,
    },
    "calling.call.hold": {**CALL, "state": "hold"},
    "calling.conference": {"conference_id": "conf-1", "name": "daily", "status": "participant-join", **CALL},
    "calling.error": {"code": "500", "message": "media server went away", **CALL},
    "messaging.receive": {
        "message_id": "m-1",
        "context": "office",
        "direction": "inbound",
        "from_number": "+15557654321",
        "to_number": "+15551230000",
        "body": "hello",
        "media": [],
        "segments": 1,
        "message_state": "received",
        "tags": [],
    },
    "messaging.state": {
        "message_id": "m-2",
        "context": "office",
        "direction": "outbound",
        "from_number": "+15551230000",
        "to_number": "+15557654321",
        "body": "hi",
        "media": ["https://files.example.com/cat.png"],
        "segments": 1,
        "message_state": "undelivered",
        "reason": "carrier rejected",
        "tags": ["welcome"],
    },
    "signalwire.authorization.state": {"authorization_state": "b64-opaque-state"},
}


def envelope(event_type: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    """The params of a signalwire.event request carrying ``payload`` (a fresh copy)."""
    return {
        "event_type": event_type,
        "event_channel": "signalwire_chan-1",
        "timestamp": 1732225000.123,
        "project_id": "p-123",
        "space_id": "space-1",
        "params": copy.deepcopy(PAYLOADS[event_type] if payload is None else payload),
    }


def request(event_type: str, request_id: str = "ev-1") -> dict[str, Any]:
    """A whole signalwire.event JSON-RPC request."""
    return {"jsonrpc": "2.0", "id": request_id, "method": "signalwire.event", "params": envelope(event_type)}
