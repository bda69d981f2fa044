"""Build a SWML document for an AI receptionist with the typed builder, check it, print it.

Run with ``make demo``. Every keyword below is checked by mypy/pyright and completed by an
IDE: nested shapes are plain dict literals (checked against their TypedDicts) or models.
"""

from __future__ import annotations

import sys

from signalwire_typed import Document, ValidationError
from signalwire_typed.swml import models


def build() -> Document:
    doc = Document()
    doc.answer(max_duration=3600)
    doc.record_call(format="mp3", stereo=True)
    doc.play(url="say:Thanks for calling Acme Dental.", say_voice="Polly.Joanna")
    doc.ai(
        prompt={
            "pom": [
                {"title": "Role", "body": "You are Riley, the front-desk assistant of Acme Dental."},
                {"title": "Rules", "bullets": ["Be brief.", "Never give medical advice."]},
            ],
            "temperature": 0.3,
        },
        post_prompt={"text": "Summarise the call as JSON with keys name, reason, booked."},
        post_prompt_url="https://example.com/acme/summary",
        languages=[models.AiLanguage(name="English", code="en-US", voice="elevenlabs.rachel")],
        hints=["Acme", "hygienist", {"hint": "a me", "pattern": "a me", "replace": "Acme"}],
        params={"end_of_speech_timeout": 700, "attention_timeout": 20000},
        global_data={"office_hours": "Mon-Fri 8-17"},
        SWAIG={
            "defaults": {"web_hook_url": "https://example.com/acme/swaig"},
            "functions": [
                {
                    "function": "book_appointment",
                    "description": "Book a cleaning for the caller.",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "day": {"type": "string", "description": "Requested day."},
                        },
                        "required": ["day"],
                    },
                }
            ],
        },
    )
    doc.hangup()
    doc.section("after_hours").play(url="say:We are closed.").hangup(reason="busy")
    return doc


def main() -> int:
    doc = build()
    print(doc.to_json(indent=2))
    again = Document.from_json(doc.to_json())
    assert again == doc, "a document must survive a JSON round trip"
    try:
        Document.from_dict({"sections": {"main": [{"play": {"url": 42}}]}})
    except ValidationError as exc:
        print(f"\nA bad document is rejected with its JSON path: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
