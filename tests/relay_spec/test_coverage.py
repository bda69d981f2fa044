"""The spec covers every RELAY method and event of issue 14, with the agreed class names."""

from __future__ import annotations

from signalwire_typed_gen.relay import events, methods, models
from signalwire_typed_gen.relay_ai import methods as ai_methods
from signalwire_typed_gen.relay_ai import models as ai_models

CALLING = [
    "dial",
    "answer",
    "end",
    "pass",
    "play",
    "play.pause",
    "play.resume",
    "play.stop",
    "play.volume",
    "record",
    "record.pause",
    "record.resume",
    "record.stop",
    "collect",
    "collect.stop",
    "collect.start_input_timers",
    "play_and_collect",
    "play_and_collect.stop",
    "play_and_collect.volume",
    "detect",
    "detect.stop",
    "tap",
    "tap.stop",
    "stream",
    "stream.stop",
    "connect",
    "disconnect",
    "send_digits",
    "transfer",
    "refer",
    "denoise",
    "denoise.stop",
    "echo",
    "pay",
    "pay.stop",
    "send_fax",
    "send_fax.stop",
    "receive_fax",
    "receive_fax.stop",
    "hold",
    "unhold",
    "transcribe",
    "transcribe.stop",
    "join_conference",
    "leave_conference",
    "join_room",
    "leave_room",
    "queue.enter",
    "queue.leave",
    "bind_digit",
    "clear_digit_bindings",
    "user_event",
]
CALLING_AI = [
    "ai",
    "ai.stop",
    "ai_hold",
    "ai_unhold",
    "ai_message",
    "amazon_bedrock",
    "live_transcribe",
    "live_translate",
]
SESSION = ["signalwire.connect", "signalwire.ping", "signalwire.receive", "signalwire.unreceive"]
EVENTS = [
    *(
        f"calling.call.{e}"
        for e in [
            "state",
            "receive",
            "dial",
            "connect",
            "play",
            "collect",
            "record",
            "detect",
            "fax",
            "tap",
            "send_digits",
            "refer",
            "denoise",
            "pay",
            "queue",
            "stream",
            "echo",
            "transcribe",
            "hold",
        ]
    ),
    "calling.conference",
    "calling.error",
    "messaging.receive",
    "messaging.state",
    "signalwire.authorization.state",
]


def _pascal(method: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in method.replace("_", ".").split("."))


def test_every_method() -> None:
    expected = {f"calling.{m}" for m in CALLING} | {"messaging.send", "signalwire.disconnect", *SESSION}
    assert set(methods.METHODS) == expected
    assert set(ai_methods.METHODS) == {f"calling.{m}" for m in CALLING_AI}


def test_method_names() -> None:
    for method in [*(f"calling.{m}" for m in CALLING), "messaging.send"]:
        name = _pascal(method)
        assert hasattr(models, name + "Params"), name
        assert hasattr(models, name + "Result"), name
        assert callable(getattr(methods, method.replace(".", "_")))
    for method in (f"calling.{m}" for m in CALLING_AI):
        assert hasattr(ai_models, _pascal(method) + "Params")
    for name in [
        "CallingPlayOptions",
        "CallingPlayAndCollectOptions",
        "CallingDialOptions",
        "MessagingSendOptions",
    ]:
        assert hasattr(models, name)
    assert hasattr(methods, "CallingPlayAndCollectInput")
    assert hasattr(ai_models, "CallingAiOptions")


def test_every_event() -> None:
    assert sorted(events.EVENT_CLASSES) == sorted(EVENTS)
    for event_type, cls in events.EVENT_CLASSES.items():
        assert cls.__name__ == _pascal(event_type) + "Event"
        assert cls.event_type == event_type
        assert hasattr(models, _pascal(event_type) + "Params")


def test_shared_shapes() -> None:
    for name in [
        "PhoneDevice",
        "SipDevice",
        "WebrtcDevice",
        "PlayAudio",
        "PlayTts",
        "PlaySilence",
        "PlayRingtone",
        "CollectDigits",
        "CollectSpeech",
        "RecordAudio",
        "MachineDetector",
        "FaxDetector",
        "DigitDetector",
        "TapMedia",
        "TapRtpDevice",
        "TapWsDevice",
        "SignalwireConnectParams",
        "SignalwireConnectResult",
        "SignalwireReceiveParams",
    ]:
        assert hasattr(models, name), name
