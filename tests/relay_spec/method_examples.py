"""Realistic options for every RELAY command, as a user of the client would give them."""

from __future__ import annotations

from typing import Any

CALL = {"node_id": "node-1", "call_id": "call-1"}
CONTROL = {**CALL, "control_id": "ctl-1"}
TTS = {"type": "tts", "params": {"text": "Press 1 for sales, 2 for support.", "voice": "polly.Joanna"}}
PHONE = {
    "type": "phone",
    "params": {"to_number": "+15557654321", "from_number": "+15551230000", "timeout": 30},
}
SIP = {
    "type": "sip",
    "params": {
        "to": "sip:bob@example.com",
        "from": "sip:alice@example.com",
        "headers": [{"name": "X-Account", "value": "42"}],
        "codecs": ["PCMU", "OPUS"],
    },
}
WEBRTC = {"type": "webrtc", "params": {"to": "agent-7", "from": "+15551230000"}}
COLLECT = {"digits": {"max": 1, "terminators": "#", "digit_timeout": 5.0}, "initial_timeout": 10.0}

# method -> (ids, options)
EXAMPLES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "calling.dial": ({}, {"tag": "dial-7", "devices": [[PHONE], [SIP, WEBRTC]], "max_duration": 60}),
    "calling.answer": (CALL, {"max_duration": 120}),
    "calling.end": (CALL, {"reason": "busy"}),
    "calling.pass": (CALL, {}),
    "calling.play": (
        CONTROL,
        {
            "play": [
                TTS,
                {"type": "silence", "params": {"duration": 0.5}},
                {"type": "audio", "params": {"url": "https://cdn.example.com/menu.mp3"}},
                {"type": "ringtone", "params": {"name": "us", "duration": 3}},
            ],
            "volume": -4.5,
            "direction": "listen",
            "loop": 2,
        },
    ),
    "calling.play.pause": (CONTROL, {}),
    "calling.play.resume": (CONTROL, {}),
    "calling.play.stop": (CONTROL, {}),
    "calling.play.volume": (CONTROL, {"volume": 6}),
    "calling.record": (
        CONTROL,
        {
            "record": {
                "audio": {
                    "beep": True,
                    "format": "wav",
                    "stereo": True,
                    "direction": "both",
                    "initial_timeout": 5,
                    "end_silence_timeout": 2.5,
                    "terminators": "#*",
                }
            }
        },
    ),
    "calling.record.pause": (CONTROL, {"behavior": "silence"}),
    "calling.record.resume": (CONTROL, {}),
    "calling.record.stop": (CONTROL, {}),
    "calling.collect": (
        CONTROL,
        {
            **COLLECT,
            "speech": {"end_silence_timeout": 1.0, "language": "en-US", "hints": ["sales", "support"]},
            "partial_results": True,
            "start_input_timers": False,
        },
    ),
    "calling.collect.stop": (CONTROL, {}),
    "calling.collect.start_input_timers": (CONTROL, {}),
    "calling.play_and_collect": (CONTROL, {"play": [TTS], "collect": COLLECT, "volume": 0}),
    "calling.play_and_collect.stop": (CONTROL, {}),
    "calling.play_and_collect.volume": (CONTROL, {"volume": -10}),
    "calling.detect": (
        CONTROL,
        {
            "detect": {"type": "machine", "params": {"initial_timeout": 4.5, "detect_message_end": True}},
            "timeout": 30,
        },
    ),
    "calling.detect.stop": (CONTROL, {}),
    "calling.tap": (
        CONTROL,
        {
            "tap": {"type": "audio", "params": {"direction": "both"}},
            "device": {
                "type": "ws",
                "params": {"uri": "wss://tap.example.com/a", "codec": "PCMU", "rate": 8000},
            },
        },
    ),
    "calling.tap.stop": (CONTROL, {}),
    "calling.stream": (
        CONTROL,
        {
            "url": "wss://media.example.com/stream",
            "name": "agent-assist",
            "track": "both_tracks",
            "custom_parameters": {"customer": "42"},
        },
    ),
    "calling.stream.stop": (CONTROL, {}),
    "calling.connect": (CALL, {"devices": [[PHONE]], "ringback": [TTS], "tag": "leg-2", "max_duration": 30}),
    "calling.disconnect": (CALL, {}),
    "calling.send_digits": (CONTROL, {"digits": "1w2W#"}),
    "calling.transfer": (CALL, {"dest": "https://example.com/next.swml"}),
    "calling.refer": (CALL, {"device": SIP, "status_url": "https://example.com/refer"}),
    "calling.denoise": (CALL, {}),
    "calling.denoise.stop": (CALL, {}),
    "calling.echo": (CALL, {"timeout": 10}),
    "calling.pay": (
        CONTROL,
        {
            "payment_connector_url": "https://pay.example.com/charge",
            "input": "dtmf",
            "charge_amount": "10.50",
            "currency": "usd",
            "security_code": "true",
            "timeout": "5",
            "max_attempts": "2",
            "parameters": [{"name": "order", "value": "A-1"}],
            "prompts": [
                {"for": "payment-card-number", "actions": [{"type": "Say", "phrase": "Card number?"}]}
            ],
        },
    ),
    "calling.pay.stop": (CONTROL, {}),
    "calling.send_fax": (CONTROL, {"document": "https://files.example.com/doc.pdf", "header_info": "ACME"}),
    "calling.send_fax.stop": (CONTROL, {}),
    "calling.receive_fax": (CONTROL, {}),
    "calling.receive_fax.stop": (CONTROL, {}),
    "calling.hold": (CALL, {}),
    "calling.unhold": (CALL, {}),
    "calling.transcribe": (CONTROL, {"status_url": "https://example.com/transcripts"}),
    "calling.transcribe.stop": (CONTROL, {}),
    "calling.join_conference": (
        CALL,
        {
            "name": "daily",
            "muted": False,
            "beep": "onEnter",
            "max_participants": 10,
            "record": "record-from-start",
        },
    ),
    "calling.leave_conference": (CALL, {"conference_id": "conf-1"}),
    "calling.join_room": (CALL, {"name": "room-1"}),
    "calling.leave_room": (CALL, {}),
    "calling.queue.enter": (CONTROL, {"queue_name": "support", "wait_url": "https://example.com/hold.mp3"}),
    "calling.queue.leave": (CONTROL, {"queue_name": "support", "queue_id": "q-1"}),
    "calling.bind_digit": (
        CALL,
        {
            "digits": "*1",
            "bind_method": "calling.play",
            "params": {"play": [TTS]},
            "realm": "menu",
            "max_triggers": 3,
        },
    ),
    "calling.clear_digit_bindings": (CALL, {"realm": "menu"}),
    "calling.user_event": (CALL, {"event": "checkout-started"}),
    "calling.ai": (
        CONTROL,
        {
            "prompt": {"text": "You are a helpful receptionist.", "temperature": 0.3},
            "post_prompt": {"text": "Summarise the call."},
            "post_prompt_url": "https://example.com/summary",
            "hints": ["SignalWire"],
            "languages": [{"name": "English", "code": "en-US", "voice": "rime.spore"}],
            "SWAIG": {"functions": [{"function": "lookup", "description": "Look up an order"}]},
            "global_data": {"customer": {"tier": "gold"}},
        },
    ),
    "calling.ai.stop": (CONTROL, {}),
    "calling.ai_message": (CALL, {"message_text": "The customer is a VIP.", "role": "system"}),
    "calling.ai_hold": (CALL, {"timeout": "300", "prompt": "Please hold."}),
    "calling.ai_unhold": (CALL, {"prompt": "Thanks for waiting."}),
    "calling.amazon_bedrock": (CALL, {"prompt": {"text": "You are a concierge."}, "global_data": {"x": 1}}),
    "calling.live_transcribe": (
        CALL,
        {"action": {"start": {"lang": "en-US", "direction": ["remote-caller"]}}},
    ),
    "calling.live_translate": (CALL, {"action": "stop", "status_url": "https://example.com/translate"}),
    "messaging.send": (
        {},
        {
            "to_number": "+15557654321",
            "from_number": "+15551230000",
            "body": "Your order shipped.",
            "media": ["https://cdn.example.com/box.png"],
            "tags": ["shipping"],
            "context": "office",
        },
    ),
    "signalwire.connect": (
        {},
        {
            "version": {"major": 2, "minor": 0, "revision": 0},
            "authentication": {"project": "p-123", "token": "t-456"},
            "agent": "signalwire-typed/0.1",
            "event_acks": True,
            "contexts": ["office"],
            "protocol": "signalwire_abc",
        },
    ),
    "signalwire.ping": ({}, {"timestamp": 1732225000.5}),
    "signalwire.receive": ({}, {"contexts": ["office", "sales"]}),
    "signalwire.unreceive": ({}, {"contexts": ["sales"]}),
    "signalwire.disconnect": ({}, {"restart": True}),
}
