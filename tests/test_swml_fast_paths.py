"""The builders' fast paths (values that plainly meet a rule, play picked by its keyword, value
verbs, direct encoding) accept and refuse exactly what the full checks do."""

from __future__ import annotations

import json

import pytest
from signalwire_typed import Document, ValidationError


def _ai(**prompt: object) -> Document:
    return Document().ai(prompt={"text": "Be brief.", **prompt})  # type: ignore[arg-type]


@pytest.mark.parametrize("temperature", [0, 0.3, 1.5, "%{vars.temp}"])
def test_a_bounded_number_in_range_or_a_variable_passes(temperature: object) -> None:
    doc = _ai(temperature=temperature)
    assert doc.to_dict()["sections"]["main"][0]["ai"]["prompt"]["temperature"] == temperature  # type: ignore[index]


@pytest.mark.parametrize(
    ("temperature", "message"),
    [
        (1.6, "must be at most 1.5"),
        (-0.1, "must be at least 0"),
        ("hot", "does not match"),
        (True, "expected number or string"),
    ],
)
def test_a_bounded_number_out_of_range_is_refused(temperature: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        _ai(temperature=temperature)
    assert info.value.path == "$.sections.main[0].ai.prompt.temperature"
    assert message in info.value.message


def test_a_patterned_string_is_still_checked_on_the_keyword_path() -> None:
    Document().prompt(play="say:Press 1.", max_digits=1)
    with pytest.raises(ValidationError) as info:
        Document().prompt(play="ftp://example.com/a.mp3", max_digits=1)
    assert info.value.path == "$.sections.main[0].prompt.play"


def test_integer_bounds_hold_on_the_fast_path() -> None:
    doc = Document().ai(prompt={"text": "x"}, params={"end_of_speech_timeout": 700})
    assert doc.to_dict()["sections"]["main"][0]["ai"]["params"] == {"end_of_speech_timeout": 700}  # type: ignore[index]
    with pytest.raises(ValidationError) as info:
        Document().ai(prompt={"text": "x"}, params={"end_of_speech_timeout": 100})
    assert info.value.path == "$.sections.main[0].ai.params.end_of_speech_timeout"
    assert "at least 250" in info.value.message


def test_play_picks_single_or_playlist_and_refuses_both_or_neither() -> None:
    doc = Document().play(url="say:hi", volume=3).play(urls=["say:a", "silence:1"])
    steps = doc.to_dict()["sections"]["main"]  # type: ignore[index]
    assert steps == [{"play": {"url": "say:hi", "volume": 3}}, {"play": {"urls": ["say:a", "silence:1"]}}]
    with pytest.raises(ValidationError) as info:
        Document().play(url="say:a", urls=["say:b"])
    assert info.value.path == "$.sections.main[0].play"
    with pytest.raises(ValidationError) as info:
        Document().play(volume=3)
    assert info.value.path == "$.sections.main[0].play"
    with pytest.raises(ValidationError) as info:
        Document().play(url="nope")
    assert info.value.path == "$.sections.main[0].play.url"


def test_value_verbs_check_and_copy_their_value() -> None:
    value: dict[str, object] = {"department": "%{prompt_value}", "n": [1, 2]}
    doc = Document().set(value)  # type: ignore[arg-type]
    value["n"].append(3)  # type: ignore[attr-defined]
    assert doc.to_dict()["sections"]["main"] == [{"set": {"department": "%{prompt_value}", "n": [1, 2]}}]  # type: ignore[index]
    with pytest.raises(ValidationError) as info:
        Document().set(["not", "an", "object"])  # type: ignore[arg-type]
    assert info.value.path == "$.sections.main[0].set"
    with pytest.raises(ValidationError) as info:
        Document().set({"x": object()})  # type: ignore[dict-item]
    assert info.value.path == "$.sections.main[0].set.x"


def test_only_required_fields_given_skips_nothing_wrong() -> None:
    # One length test skips the optional fields; an unknown one must still be refused.
    Document().ai(prompt={"text": "x"}, languages=[{"name": "English", "code": "en-US", "voice": "a"}])
    with pytest.raises(ValidationError) as info:
        Document().ai(
            prompt={"text": "x"},
            languages=[{"name": "English", "code": "en-US", "voice": "a", "speed": 2}],  # type: ignore[list-item]
        )
    assert info.value.path == "$.sections.main[0].ai.languages[0]"


def test_rendered_text_is_utf8_json_and_matches_the_data() -> None:
    doc = Document().play(url="say:Grüß dich ✓").set({"quote": 'a "b" \\ c\n'})
    text = doc.to_json()
    assert "Grüß dich ✓" in text
    assert json.loads(text) == doc.to_dict()
    assert doc.to_json() is text  # kept until the next change
    doc.hangup()
    assert json.loads(doc.to_json())["sections"]["main"][-1] == {"hangup": {}}
