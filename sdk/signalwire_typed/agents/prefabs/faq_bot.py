"""FAQBotAgent: answers questions from a list of FAQs, and can search them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, NotRequired, TypedDict, Unpack

from ..agent import AgentBase
from ..function_result import FunctionResult
from .common import AgentOptions

__all__ = ["FAQ", "FAQBotAgent"]


class FAQ(TypedDict):
    """A question, its answer and optional category tags."""

    question: str
    answer: str
    categories: NotRequired[list[str]]


_POST_PROMPT = (
    'Return a JSON summary of this interaction: {"question": MAIN_QUESTION_ASKED, '
    '"matched_faq": MATCHED_FAQ_QUESTION_OR_null, "answered_successfully": true/false, '
    '"suggested_related": []}'
)


class FAQBotAgent(AgentBase):
    """Answers from ``faqs``; tool ``search_faqs`` finds the best matches by text and category."""

    def __init__(
        self,
        faqs: Sequence[FAQ],
        *,
        suggest_related: bool = True,
        persona: str | None = None,
        name: str = "faq_bot",
        route: str = "/faq",
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        if not faqs:
            raise ValueError("FAQBotAgent needs at least one FAQ")
        for i, faq in enumerate(faqs, 1):
            if not faq.get("question") or not faq.get("answer"):
                raise ValueError(f"FAQBotAgent: FAQ {i} needs a non-empty 'question' and 'answer'")
        self.faqs = list(faqs)
        self.suggest_related = suggest_related
        self.persona = (
            persona or "You are a helpful FAQ bot that provides accurate answers to common questions."
        )
        rules = [
            "Compare the user's question to the FAQs and find the best match.",
            "Give the answer of the matching FAQ.",
            "If nothing matches closely, say politely that you don't have that information.",
            "Be concise and factual.",
        ]
        if suggest_related:
            rules.append("When it helps, suggest related questions from the FAQs.")
        self.prompt_add_section("Personality", self.persona)
        self.prompt_add_section("Goal", "Answer questions by matching them to the most similar FAQ.")
        self.prompt_add_section("Instructions", bullets=rules)
        self.prompt_add_section(
            "FAQ Database",
            "The frequently asked questions and their answers:",
            subsections=[
                {
                    "title": f["question"],
                    "body": f["answer"]
                    + (f"\n\nCategories: {', '.join(f['categories'])}" if f.get("categories") else ""),
                }
                for f in self.faqs
            ],
        )
        self.set_post_prompt(_POST_PROMPT)
        categories = sorted({c for f in self.faqs for c in f.get("categories", [])})
        words = {
            w.strip(".,?!") for f in self.faqs for w in f["question"].split() if len(w.strip(".,?!")) >= 4
        }
        self.add_hints(sorted(words | set(categories)))
        self.set_params(wait_for_user=False, end_of_speech_timeout=1000, ai_volume=5)
        self.set_global_data({"faq_count": len(self.faqs), "categories": list(categories)})
        self.set_native_functions(["check_time"])

    @AgentBase.tool(name="search_faqs", description="Search for FAQs matching a specific query or category")
    def search_faqs(
        self,
        query: Annotated[str, "The search query"] = "",
        category: Annotated[str, "Optional category to filter by"] = "",
    ) -> FunctionResult:
        needle, wanted = query.lower().strip(), category.lower().strip()
        scored: list[tuple[int, str]] = []
        for faq in self.faqs:
            question = faq["question"].lower()
            score = 0
            if needle and needle in question:
                score += 100 if needle == question else 50
                score += 25 if question.startswith(needle) else 0
            if wanted and wanted in (c.lower() for c in faq.get("categories", [])):
                score += 30
            if score:
                scored.append((score, faq["question"]))
        scored.sort(key=lambda s: -s[0])
        if not scored:
            return FunctionResult("No matching FAQs found.")
        lines = "\n".join(f"{i}. {q}" for i, (_, q) in enumerate(scored[:3], 1))
        return FunctionResult(f"Here are the most relevant FAQs:\n\n{lines}")
