"""The builder: one typed method per verb, every verb exercised and checked against the schema."""

from __future__ import annotations

import inspect
import keyword
from typing import Any

import jsonschema
import pytest
from signalwire_typed import Document, MessagingDocument, ValidationError
from signalwire_typed.swml import CallingSection, MessagingSection, models

from .conftest import document_files, is_messaging, load_document, verb_methods, verb_steps


def _first_use_of_each_verb(messaging: bool) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in document_files():
        if is_messaging(path) == messaging:
            for verb, params in verb_steps(load_document(path)["sections"]):
                found.setdefault(verb, params)
    return found


def _method_name(verb: str) -> str:
    return verb + "_" if keyword.iskeyword(verb) else verb


def _call(section: CallingSection | MessagingSection, verb: str, params: Any) -> None:
    method = getattr(section, _method_name(verb))
    sig = inspect.signature(method)
    keywords = {n for n, p in sig.parameters.items() if p.kind is p.KEYWORD_ONLY}
    takes_value = any(p.kind is p.POSITIONAL_ONLY for p in sig.parameters.values())
    if isinstance(params, dict) and not takes_value and not params:
        method()
    elif isinstance(params, dict) and keywords and all(_py(k, keywords) for k in params):
        method(**{_py(k, keywords): v for k, v in params.items()})
    else:
        method(params)


def _py(key: str, names: set[str]) -> str | None:
    for candidate in (key, key + "_", key.replace("-", "_")):
        if candidate in names:
            return candidate
    return None


@pytest.mark.parametrize("messaging", [False, True], ids=["calling", "messaging"])
def test_every_verb_through_the_builder(
    messaging: bool,
    calling_validator: jsonschema.Draft202012Validator,
    messaging_validator: jsonschema.Draft202012Validator,
) -> None:
    uses = _first_use_of_each_verb(messaging)
    doc: Document | MessagingDocument = MessagingDocument() if messaging else Document()
    section_cls = MessagingSection if messaging else CallingSection
    verbs = verb_methods(section_cls)
    assert len(verbs) == (9 if messaging else 44)
    for method in verbs:
        verb = method.rstrip("_") if method.endswith("_") and keyword.iskeyword(method[:-1]) else method
        _call(doc, verb, uses[verb])
    data = doc.to_dict()
    validator = messaging_validator if messaging else calling_validator
    errors = [f"{e.json_path}: {e.message[:120]}" for e in validator.iter_errors(data)]
    assert errors == []
    steps = data["sections"]["main"]  # type: ignore[index]
    assert [next(iter(s)) for s in steps] == [
        v.rstrip("_") if keyword.iskeyword(v.rstrip("_")) else v for v in verbs
    ]
    for step in steps:
        ((verb, params),) = step.items()
        assert params == uses[verb]


def test_chaining_sections_and_output() -> None:
    doc = Document()
    doc.answer().play(url="say:Hi").goto(label="menu", max=3)
    doc.section("menu").prompt(play="say:Press one", max_digits=1).hangup(reason="busy")
    assert doc.to_dict() == {
        "version": "1.0.0",
        "sections": {
            "main": [{"answer": {}}, {"play": {"url": "say:Hi"}}, {"goto": {"label": "menu", "max": 3}}],
            "menu": [{"prompt": {"play": "say:Press one", "max_digits": 1}}, {"hangup": {"reason": "busy"}}],
        },
    }
    assert doc.section("menu") is doc.sections["menu"]
    assert "version: 1.0.0" in doc.to_yaml()


def test_models_and_typed_dicts_mix() -> None:
    doc = Document().ai(
        prompt=models.AiPromptText(text="You are helpful."),
        languages=[{"name": "English", "code": "en-US", "voice": "rime.spore"}],
        SWAIG={"functions": [{"function": "lookup", "description": "Look up an order."}]},
    )
    (step,) = doc.methods
    assert isinstance(step, models.AiVerb)
    assert isinstance(step.ai.prompt, models.AiPromptText)
    assert step.ai.languages is not None and step.ai.languages[0].code == "en-US"
    assert step.ai.SWAIG is not None and step.ai.SWAIG.functions is not None
    assert step.ai.SWAIG.functions[0].function == "lookup"


def test_scalar_verbs_take_a_value() -> None:
    doc = Document().label("top").sleep(500).sleep(duration=250).unset(["a", "b"]).return_({"ok": True})
    assert doc.to_list() == [
        {"label": "top"},
        {"sleep": 500},
        {"sleep": {"duration": 250}},
        {"unset": ["a", "b"]},
        {"return": {"ok": True}},
    ]


def test_value_and_keywords_together_are_refused() -> None:
    with pytest.raises(ValidationError) as err:
        Document().sleep(5, duration=5)
    assert err.value.path == "$.sections.main[0].sleep"


def test_wrong_type_names_the_path() -> None:
    doc = Document().answer()
    with pytest.raises(ValidationError) as err:
        doc.play(url=42)  # type: ignore[arg-type]
    assert err.value.path == "$.sections.main[1].play.url"
    assert "expected string, got integer" in str(err.value)
    assert len(doc.methods) == 1, "a rejected step is not added"


def test_nested_problem_names_the_path() -> None:
    with pytest.raises(ValidationError) as err:
        Document().section("agent").ai(
            prompt={"text": "hi"},
            SWAIG={"functions": [{"function": "f", "description": "d", "fillers": 3}]},  # type: ignore[typeddict-item]
        )
    assert err.value.path == "$.sections.agent[0].ai.SWAIG.functions[0].fillers"


def test_missing_required_field() -> None:
    with pytest.raises(ValidationError) as err:
        Document().goto()
    assert err.value.path == "$.sections.main[0].goto"
    assert "missing required field label" in err.value.message


def test_bad_section_name() -> None:
    with pytest.raises(ValidationError, match="non-empty string"):
        Document().section("")


def test_add_accepts_models_and_dicts() -> None:
    doc = Document().add({"hangup": {"reason": "decline"}}).add(models.AnswerVerb(answer=models.Answer()))
    assert doc.to_list() == [{"hangup": {"reason": "decline"}}, {"answer": {}}]
    with pytest.raises(ValidationError) as err:
        doc.add({"hangupp": {}})
    assert err.value.path == "$.sections.main[2]"
    assert "hangupp" in err.value.message
