"""The agent's prompt: plain text, or Prompt Object Model (POM) sections rendered as SWML ``pom``."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from signalwire_typed_gen.swml import models as m

__all__ = ["Prompt", "PromptSection"]


@attrs.define(kw_only=True)
class PromptSection:
    """One POM section: a title, body text, bullets and nested sections."""

    title: str | None = None
    body: str = ""
    bullets: list[str] = attrs.field(factory=list)
    numbered: bool = False
    numbered_bullets: bool = False
    subsections: list[PromptSection] = attrs.field(factory=list)

    def copy(self) -> PromptSection:
        return PromptSection(
            title=self.title,
            body=self.body,
            bullets=list(self.bullets),
            numbered=self.numbered,
            numbered_bullets=self.numbered_bullets,
            subsections=[s.copy() for s in self.subsections],
        )

    def to_model(self) -> m.PomSection:
        subsections = [s.to_model() for s in self.subsections] or None
        numbered = True if self.numbered else None
        numbered_bullets = True if self.numbered_bullets else None
        if self.bullets:
            return m.PomSectionBullets(
                bullets=list(self.bullets),
                body=self.body or None,
                title=self.title,
                numbered=numbered,
                numberedBullets=numbered_bullets,
                subsections=subsections,
            )
        return m.PomSectionBody(
            body=self.body,
            title=self.title,
            numbered=numbered,
            numberedBullets=numbered_bullets,
            subsections=subsections,
        )


def _section(
    title: str | None,
    body: str,
    bullets: Sequence[str] | None,
    numbered: bool,
    numbered_bullets: bool,
    subsections: Sequence[PromptSection] | None,
) -> PromptSection:
    if isinstance(bullets, str):
        raise TypeError("bullets must be a list of strings, not a single string")
    return PromptSection(
        title=title,
        body=body,
        bullets=list(bullets or ()),
        numbered=numbered,
        numbered_bullets=numbered_bullets,
        subsections=list(subsections or ()),
    )


@attrs.define
class Prompt:
    """Prompt state of an agent: text, or POM sections; plus the post-prompt."""

    text: str | None = None
    sections: list[PromptSection] = attrs.field(factory=list)
    post_prompt: str | None = None

    def copy(self) -> Prompt:
        return Prompt(self.text, [s.copy() for s in self.sections], self.post_prompt)

    def find(self, title: str) -> PromptSection | None:
        return next((s for s in self.sections if s.title == title), None)

    def add_section(
        self,
        title: str | None,
        body: str = "",
        bullets: Sequence[str] | None = None,
        numbered: bool = False,
        numbered_bullets: bool = False,
        subsections: Sequence[PromptSection] | None = None,
    ) -> PromptSection:
        section = _section(title, body, bullets, numbered, numbered_bullets, subsections)
        self.sections.append(section)
        return section

    def add_to_section(
        self, title: str, body: str | None = None, bullet: str | None = None, bullets: Sequence[str] = ()
    ) -> None:
        section = self.find(title) or self.add_section(title)
        if body:
            section.body = f"{section.body}\n\n{body}" if section.body else body
        if bullet:
            section.bullets.append(bullet)
        section.bullets.extend(bullets)

    def add_subsection(
        self, parent_title: str, title: str, body: str = "", bullets: Sequence[str] | None = None
    ) -> None:
        parent = self.find(parent_title) or self.add_section(parent_title)
        parent.subsections.append(_section(title, body, bullets, False, False, None))

    def to_models(self) -> list[m.PomSection]:
        return [s.to_model() for s in self.sections]

    def render_text(self) -> str:
        """The POM as markdown, for callers that want the flat text (the CLI, tests)."""
        lines: list[str] = []

        def walk(sections: list[PromptSection], depth: int) -> None:
            for i, s in enumerate(sections, 1):
                if s.title:
                    number = f"{i}. " if s.numbered else ""
                    lines.append(f"{'#' * min(depth, 6)} {number}{s.title}\n")
                if s.body:
                    lines.append(f"{s.body}\n")
                for j, b in enumerate(s.bullets, 1):
                    lines.append(f"{j}. {b}" if s.numbered_bullets else f"- {b}")
                if s.bullets:
                    lines.append("")
                walk(s.subsections, depth + 1)

        walk(self.sections, 2)
        return "\n".join(lines).strip()
