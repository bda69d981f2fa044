"""AgentConfig: everything about an agent that shapes its SWML, and that a per-request callback may change."""

from __future__ import annotations

import copy

import attrs
from signalwire_typed_gen._runtime import JsonObject
from signalwire_typed_gen.swml import models as m

from .contexts import ContextBuilder
from .prompt import Prompt
from .tools import ToolSpec

__all__ = ["AgentConfig"]


@attrs.define(kw_only=True)
class AgentConfig:
    """The mutable configuration of an agent. ``copy()`` copies each container one level deep
    (and the prompt and contexts fully), so a per-request copy can change anything freely."""

    prompt: Prompt = attrs.field(factory=Prompt)
    prompt_llm_params: JsonObject = attrs.field(factory=dict)
    post_prompt_llm_params: JsonObject = attrs.field(factory=dict)
    languages: list[m.AiLanguage] = attrs.field(factory=list)
    multilingual: m.AiMultilingual | None = None
    hints: list[m.AiHint | str] = attrs.field(factory=list)
    pronounce: list[m.AiPronounce] = attrs.field(factory=list)
    params: dict[str, object] = attrs.field(factory=dict)
    global_data: JsonObject = attrs.field(factory=dict)
    native_functions: list[str] = attrs.field(factory=list)
    internal_fillers: dict[str, dict[str, list[str]]] = attrs.field(factory=dict)
    includes: list[m.SwaigInclude] = attrs.field(factory=list)
    mcp_servers: list[m.McpServer] = attrs.field(factory=list)
    tools: dict[str, ToolSpec] = attrs.field(factory=dict)
    pre_answer: list[m.CallingMethod] = attrs.field(factory=list)
    post_answer: list[m.CallingMethod] = attrs.field(factory=list)
    post_ai: list[m.CallingMethod] = attrs.field(factory=list)
    auto_answer: bool = True
    answer: m.Answer = attrs.field(factory=m.Answer)
    record_call: bool = False
    record_format: str = "mp4"
    record_stereo: bool = True
    contexts: ContextBuilder | None = None
    debug_events_level: int | None = None
    web_hook_url: str | None = None
    post_prompt_url: str | None = None
    swaig_query_params: dict[str, str] = attrs.field(factory=dict)
    skills: dict[str, list[str]] = attrs.field(factory=dict)
    """Skill name -> the tools it added."""

    def copy(self) -> AgentConfig:
        return AgentConfig(
            prompt=self.prompt.copy(),
            prompt_llm_params=dict(self.prompt_llm_params),
            post_prompt_llm_params=dict(self.post_prompt_llm_params),
            languages=list(self.languages),
            multilingual=self.multilingual,
            hints=list(self.hints),
            pronounce=list(self.pronounce),
            params=dict(self.params),
            global_data=copy.deepcopy(self.global_data),
            native_functions=list(self.native_functions),
            internal_fillers=dict(self.internal_fillers),
            includes=list(self.includes),
            mcp_servers=list(self.mcp_servers),
            tools=dict(self.tools),
            pre_answer=list(self.pre_answer),
            post_answer=list(self.post_answer),
            post_ai=list(self.post_ai),
            auto_answer=self.auto_answer,
            answer=self.answer,
            record_call=self.record_call,
            record_format=self.record_format,
            record_stereo=self.record_stereo,
            contexts=copy.deepcopy(self.contexts),
            debug_events_level=self.debug_events_level,
            web_hook_url=self.web_hook_url,
            post_prompt_url=self.post_prompt_url,
            swaig_query_params=dict(self.swaig_query_params),
            skills=dict(self.skills),
        )
