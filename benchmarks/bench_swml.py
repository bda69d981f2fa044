"""SWML benchmarks, side by side with the official ``signalwire-sdk``; ratios from one run.

Both SDKs build the same document with their own builder (each validating as it does by
default) and render it to JSON. The two are timed in alternating rounds and each keeps its best
round, so a busy machine slows both alike and the ratio stays fair.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from signalwire.core.swml_service import SWMLService
from signalwire_typed import Document

STEPS: list[tuple[str, dict[str, Any]]] = [
    ("answer", {"max_duration": 3600}),
    ("record_call", {"format": "mp3", "stereo": True}),
    ("play", {"url": "say:Welcome to Acme."}),
    ("prompt", {"play": "say:Press 1 for sales, 2 for support.", "max_digits": 1}),
    ("set", {"department": "%{prompt_value}"}),
    (
        "ai",
        {
            "prompt": {"text": "You are Riley, the Acme receptionist. Be brief.", "temperature": 0.3},
            "post_prompt": {"text": "Summarise the call."},
            "post_prompt_url": "https://example.com/summary",
            "languages": [{"name": "English", "code": "en-US", "voice": "rime.spore"}],
            "hints": ["Acme", "Riley"],
            "params": {"end_of_speech_timeout": 700, "attention_timeout": 20000},
            "SWAIG": {
                "defaults": {"web_hook_url": "https://example.com/swaig"},
                "functions": [
                    {
                        "function": "lookup_order",
                        "description": "Find an order by number.",
                        "parameters": {
                            "type": "object",
                            "properties": {"order": {"type": "string", "description": "Order number."}},
                        },
                    }
                ],
            },
        },
    ),
    ("hangup", {}),
]


def ours() -> str:
    doc = Document()
    doc.answer(max_duration=3600).record_call(format="mp3", stereo=True).play(url="say:Welcome to Acme.")
    doc.prompt(play="say:Press 1 for sales, 2 for support.", max_digits=1).set(
        {"department": "%{prompt_value}"}
    )
    doc.ai(**STEPS[5][1]).hangup()
    return doc.to_json()


_official = SWMLService(name="bench")


def official() -> str:
    _official.reset_document()
    for verb, config in STEPS:
        _official.add_verb(verb, config)
    return _official.render_document()


_built = Document()
for _verb, _config in STEPS:
    _built.add({_verb: _config})


def ours_render() -> str:
    return _built.to_json()


def official_render() -> str:
    return _official.render_document()


def best_pair(
    ours_fn: Callable[[], object], theirs_fn: Callable[[], object], number: int, rounds: int = 15
) -> tuple[float, float]:
    """Best time per call of each, from alternating rounds of ``number`` calls."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for fn, out in ((ours_fn, times[0]), (theirs_fn, times[1])):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            out.append((time.perf_counter() - start) / number)
    return min(times[0]), min(times[1])


def import_time(module: str, repeat: int = 5) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    ]
    runs += [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat - 1)
    ]
    return statistics.median(runs)


def main() -> None:
    official()  # warm both up (schema loading, caches)
    ours()
    rows = [
        ("build + render a 7-step AI document", *best_pair(ours, official, 200)),
        ("render a built document to JSON", *best_pair(ours_render, official_render, 1000)),
        (
            "import the SWML builder",
            import_time("signalwire_typed.swml"),
            import_time("signalwire.core.swml_service"),
        ),
    ]
    print(f"{'benchmark':40} {'signalwire-typed':>18} {'signalwire-sdk':>16} {'speed-up':>9}")
    for name, mine, theirs in rows:
        print(f"{name:40} {mine * 1e6:15.1f} us {theirs * 1e6:13.1f} us {theirs / mine:8.1f}x")


if __name__ == "__main__":
    main()
