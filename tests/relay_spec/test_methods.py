"""Every RELAY command: params built from options are what the schema accepts; mistakes name their path."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import jsonschema
import pytest
from signalwire_typed_gen.relay import methods, models
from signalwire_typed_gen.relay_ai import methods as ai_methods
from signalwire_typed_gen.relay_ai import models as ai_models

from .method_examples import CALL, CONTROL, EXAMPLES, TTS

ValidationError = methods.ValidationError
ALL = {**methods.METHODS, **ai_methods.METHODS}


def _schema(package: str) -> dict[str, Any]:
    text = resources.files(package).joinpath("schema.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


SCHEMAS = {
    "relay": _schema("signalwire_typed_gen.relay"),
    "relay_ai": _schema("signalwire_typed_gen.relay_ai"),
}


def _pascal(method: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in method.replace("_", ".").split("."))


def _function(method: str) -> Callable[..., dict[str, Any]]:
    module = ai_methods if method in ai_methods.METHODS else methods
    fn = getattr(module, method.replace(".", "_"))
    assert callable(fn)
    return fn  # type: ignore[no-any-return]


def _validator(method: str, suffix: str) -> jsonschema.Draft202012Validator:
    schema = SCHEMAS["relay_ai" if method in ai_methods.METHODS else "relay"]
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{_pascal(method)}{suffix}"})


def test_every_method_has_an_example() -> None:
    assert sorted(ALL) == sorted(EXAMPLES)


@pytest.mark.parametrize("method", sorted(EXAMPLES))
def test_params_from_options(method: str) -> None:
    ids, options = EXAMPLES[method]
    sent = json.loads(json.dumps({**options, **ids}))
    params = _function(method)(**json.loads(json.dumps(ids)), **json.loads(json.dumps(options)))
    assert params == sent, "the wire params are the ids plus the options, nothing lost or added"
    _validator(method, "Params").validate(params)
    _validator(method, "Request").validate(
        {"jsonrpc": "2.0", "id": "r-1", "method": method, "params": params}
    )
    module = ai_methods if method in ai_methods.METHODS else methods
    assert module.check_params(method, params) == params, "check_params accepts what the builder made"
    assert json.loads(json.dumps(params)) == params, "plain JSON"


@pytest.mark.parametrize("method", sorted(m for m in EXAMPLES if not m.startswith("signalwire.")))
def test_typed_result(method: str) -> None:
    module = ai_methods if method in ai_methods.METHODS else methods
    load = getattr(module, method.replace(".", "_") + "_result")
    result = load({"code": "200", "message": "OK", "trace": "t-1"})
    assert type(result).__name__ == _pascal(method) + "Result"
    assert (result.code, result.message) == ("200", "OK")
    assert result.additional_properties == {"trace": "t-1"}
    with pytest.raises(ValidationError) as err:
        load({"code": 200})
    assert err.value.path == "$.code"


def test_nested_models_are_accepted_and_dumped() -> None:
    params = methods.calling_play(
        **CONTROL,
        play=[
            models.PlayTts(type="tts", params=models.PlayTtsParams(text="Hello")),
            {"type": "silence", "params": {"duration": 1}},
        ],
        volume=2,
    )
    assert params["play"] == [
        {"type": "tts", "params": {"text": "Hello"}},
        {"type": "silence", "params": {"duration": 1}},
    ]
    dial = methods.calling_dial(
        tag="t",
        devices=[
            [
                models.PhoneDevice(
                    type="phone", params=models.PhoneDeviceParams(to_number="+1", from_number="+2")
                )
            ]
        ],
    )
    assert dial["devices"] == [[{"type": "phone", "params": {"to_number": "+1", "from_number": "+2"}}]]
    ai = ai_methods.calling_ai(**CONTROL, prompt=ai_models.AiPromptText(text="Be brief."))
    assert ai["prompt"] == {"text": "Be brief."}


def _call(fn: Callable[..., object], **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        fn(**kwargs)
    return err.value


@pytest.mark.parametrize(
    ("method", "kwargs", "path", "message"),
    [
        ("calling.play", {**CONTROL, "play": []}, "$.play", "at least 1"),
        ("calling.play", {**CONTROL, "play": [TTS], "volume": 99}, "$.volume", "40"),
        (
            "calling.play",
            {**CONTROL, "play": [TTS], "loop": "twice"},
            "$.loop",
            "expected integer, got string",
        ),
        (
            "calling.play",
            {**CONTROL, "play": [{"type": "tts", "params": {"txt": "x"}}]},
            "$.play[0].params",
            "text",
        ),
        ("calling.play", {**CONTROL, "play": [{"type": "video", "params": {}}]}, "$.play[0]", "matches none"),
        ("calling.play", {**CONTROL, "play": [TTS], "direction": "up"}, "$.direction", "'listen'"),
        ("calling.play", {**CALL, "control_id": "", "play": [TTS]}, "$.control_id", ""),
        ("calling.play", {**CONTROL, "play": [TTS], "colour": "red"}, "$", "unknown field colour"),
        ("calling.collect", {**CONTROL, "digits": {"max": 0}}, "$.digits.max", "1"),
        (
            "calling.collect",
            {**CONTROL, "digits": {"max": 1, "terminators": "x"}},
            "$.digits.terminators",
            "",
        ),
        ("calling.send_digits", {**CONTROL, "digits": "12x"}, "$.digits", ""),
        ("calling.dial", {"tag": "t", "devices": [[{"type": "fax", "params": {}}]]}, "$.devices[0][0]", ""),
        (
            "calling.dial",
            {"devices": [[{"type": "phone", "params": {"to_number": "+1", "from_number": "+2"}}]]},
            "$",
            "missing required field tag",
        ),
        (
            "calling.tap",
            {**CONTROL, "tap": {"type": "audio"}, "device": {"type": "ws", "params": {"uri": "http://x"}}},
            "$.device.params.uri",
            "",
        ),
        ("calling.end", {**CALL, "reason": "bored"}, "$.reason", "'hangup'"),
        ("messaging.send", {"to_number": "+1"}, "$", "missing required field from_number"),
        ("signalwire.receive", {"contexts": []}, "$.contexts", "at least 1"),
    ],
)
def test_mistakes_name_their_path(method: str, kwargs: dict[str, Any], path: str, message: str) -> None:
    err = _call(_function(method), **kwargs)
    assert err.path == path, str(err)
    assert message in err.message, str(err)


def test_check_params_rejects_and_unknown_method() -> None:
    with pytest.raises(ValidationError) as err:
        methods.check_params("calling.answer", {"node_id": "n"})
    assert err.value.path == "$" and "call_id" in err.value.message
    with pytest.raises(KeyError):
        methods.check_params("calling.fly", {})


def test_values_off_the_quick_path_are_converted_or_named() -> None:
    """Values not already of the exact type go through the full check: converted, or named as wrong."""
    params = methods.calling_play(**CONTROL, play=(TTS,), loop=3.0, volume=2)  # type: ignore[arg-type]
    assert params["play"] == [TTS] and type(params["play"]) is list
    assert params["loop"] == 3 and type(params["loop"]) is int
    assert params["volume"] == 2
    model = models.PlayTts(type="tts", params=models.PlayTtsParams(text="Hi"))
    dumped = methods.calling_play(**CONTROL, play=[model])["play"]
    assert dumped == [{"type": "tts", "params": {"text": "Hi"}}]
    for kwargs, path, message in [
        ({**CONTROL, "play": [TTS], "loop": True}, "$.loop", "expected integer, got boolean"),
        ({**CONTROL, "play": [TTS], "volume": "loud"}, "$.volume", "expected number"),
        ({**CONTROL, "play": "tts"}, "$.play", "expected array, got string"),
        ({**CONTROL, "play": [TTS, 7]}, "$.play[1]", "expected object"),
        ({**CALL, "control_id": 5, "play": [TTS]}, "$.control_id", "expected string"),
        ({**CALL, "control_id": None, "play": [TTS]}, "$.control_id", "expected string"),
    ]:
        err = _call(methods.calling_play, **kwargs)
        assert err.path == path, str(err)
        assert message in err.message, str(err)
    # Optional fields given as None are left out, as before.
    assert "volume" not in methods.calling_play(**CONTROL, play=[TTS], volume=None)  # type: ignore[arg-type]
