"""Prefab and skill benchmarks, side by side with the official ``signalwire-sdk``; ratios from one run.

- building a prefab (constructor: prompt, params, tools) and rendering its SWML, per prefab;
- adding three skills (datetime, math, weather_api) to an agent and rendering the SWML;
- cold import of the prefabs package plus one prefab (each in a fresh process).
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

FAQS: list[Any] = [
    {"question": f"Question number {i}?", "answer": f"Answer {i}.", "categories": ["general"]}
    for i in range(10)
]
DEPARTMENTS: list[Any] = [
    {"name": "sales", "description": "Orders", "number": "+15551230001"},
    {"name": "support", "description": "Help", "number": "+15551230002"},
]
SURVEY: list[Any] = [
    {"id": "rating", "text": "How satisfied were you?", "type": "rating", "scale": 5},
    {"id": "again", "text": "Would you come back?", "type": "yes_no"},
]
QUESTIONS: list[Any] = [
    {"key_name": "name", "question_text": "Your name?"},
    {"key_name": "email", "question_text": "Email?"},
]


def ours() -> dict[str, Callable[[], object]]:
    from signalwire_typed.agents import AgentBase
    from signalwire_typed.agents.prefabs import (
        ConciergeAgent,
        FAQBotAgent,
        InfoGathererAgent,
        ReceptionistAgent,
        SurveyAgent,
    )

    auth = ("bench", "bench-password")

    def skills() -> object:
        agent = AgentBase("skills", basic_auth=auth).add_skill("datetime").add_skill("math")
        return agent.add_skill("weather_api", {"api_key": "k"}).render_swml()

    return {
        "InfoGathererAgent": lambda: InfoGathererAgent(QUESTIONS, basic_auth=auth).render_swml(),
        "FAQBotAgent": lambda: FAQBotAgent(FAQS, basic_auth=auth).render_swml(),
        "ConciergeAgent": lambda: ConciergeAgent(
            "Inn", ["spa", "dining"], {"pool": {"location": "roof"}}, basic_auth=auth
        ).render_swml(),
        "ReceptionistAgent": lambda: ReceptionistAgent(DEPARTMENTS, basic_auth=auth).render_swml(),
        "SurveyAgent": lambda: SurveyAgent("S", SURVEY, basic_auth=auth).render_swml(),
        "agent + 3 skills": skills,
    }


def official() -> dict[str, Callable[[], object]]:
    from signalwire import AgentBase
    from signalwire.prefabs import (
        ConciergeAgent,
        FAQBotAgent,
        InfoGathererAgent,
        ReceptionistAgent,
        SurveyAgent,
    )

    kw: dict[str, Any] = {"basic_auth": ("bench", "bench-password")}

    def skills() -> object:
        agent = AgentBase("skills", **kw)
        agent.add_skill("datetime")
        agent.add_skill("math")
        agent.add_skill("weather_api", {"api_key": "k"})
        return agent._render_swml()

    return {
        "InfoGathererAgent": lambda: InfoGathererAgent(QUESTIONS, **kw)._render_swml(),
        "FAQBotAgent": lambda: FAQBotAgent(FAQS, **kw)._render_swml(),
        "ConciergeAgent": lambda: ConciergeAgent(
            "Inn", ["spa", "dining"], {"pool": {"location": "roof"}}, **kw
        )._render_swml(),
        "ReceptionistAgent": lambda: ReceptionistAgent(DEPARTMENTS, **kw)._render_swml(),
        "SurveyAgent": lambda: SurveyAgent("S", [dict(q) for q in SURVEY], **kw)._render_swml(),
        "agent + 3 skills": skills,
    }


def timed(func: Callable[[], object], number: int = 50, repeat: int = 5) -> float:
    func()
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best.append((time.perf_counter() - start) / number)
    return min(best)


def import_time(statement: str, repeat: int = 5) -> float:
    """Median cold-process time, bytecode caching on (as for any installed package); one warm-up run."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout
        )
        for _ in range(repeat + 1)
    ]
    return statistics.median(runs[1:])


def main() -> None:
    logging.disable(logging.CRITICAL)
    mine, theirs = ours(), official()
    header = f"{'benchmark (build + render SWML)':40} {'signalwire-typed':>18}"
    print(f"{header} {'signalwire-sdk':>16} {'speed-up':>9}")
    for name, func in mine.items():
        a, b = timed(func), timed(theirs[name])
        print(f"{name:40} {a * 1e6:15.1f} us {b * 1e6:13.1f} us {b / a:8.1f}x")
    a = import_time("from signalwire_typed.agents.prefabs import SurveyAgent")
    b = import_time("from signalwire.prefabs import SurveyAgent")
    print(f"{'cold import of SurveyAgent':40} {a * 1e3:15.1f} ms {b * 1e3:13.1f} ms {b / a:8.1f}x")
    a = import_time("from signalwire_typed.agents import AgentBase")
    b = import_time("from signalwire import AgentBase")
    print(f"{'cold import of AgentBase':40} {a * 1e3:15.1f} ms {b * 1e3:13.1f} ms {b / a:8.1f}x")


if __name__ == "__main__":
    main()
