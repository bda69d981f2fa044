"""AgentBase: an AI voice agent - its prompt, AI settings, tools and call flow - served over HTTP."""

from __future__ import annotations

import copy
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal, Self, TypeAlias, Unpack

from signalwire_typed_gen._runtime import JsonObject, JsonValue
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.builder import CallingSection
from signalwire_typed_gen.swml.convert import from_dict, load_CallingMethod, to_dict

from .auth import BasicAuth, TokenSigner
from .config import AgentConfig
from .contexts import ContextBuilder
from .function_result import FunctionResult
from .render import SwmlTemplate, build_template, json_of
from .tools import (
    SwaigRequest,
    ToolOptions,
    ToolResult,
    ToolSpec,
    build_spec,
    data_map_spec,
    marked_tools,
    tool,
)

if TYPE_CHECKING:
    from signalwire_typed_gen.swml import dicts as d

    from ..security import SignatureGuard
    from .app import AgentApp
    from .data_map import DataMap
    from .mcp import McpEndpoint
    from .request import SwmlRequest

__all__ = ["AgentBase", "DynamicConfigCallback"]

DynamicConfigCallback = Callable[
    [dict[str, str], JsonObject, dict[str, str], "AgentBase"], Awaitable[None] | None
]
"""``(query_params, body, headers, agent)``: customise ``agent`` (a per-request copy)."""

VerbInput: TypeAlias = "m.CallingMethod | d.CallingMethodDict | CallingSection"
"""A verb for the call flow: a model, a one-key wire dict (checked by type checkers), or a CallingSection."""

NativeFunction = Literal["check_time", "wait_seconds", "wait_for_user", "adjust_response_latency"]


def _hook_spec(name: str, description: str, method: Callable[..., object]) -> ToolSpec:
    options = ToolOptions(name=name, description=description, parameters={"type": "object", "properties": {}})
    return build_spec(method, options, bound=True)


class AgentBase:
    """An AI agent: configure it (or subclass it), then serve ``asgi_app`` or call ``run()``.

    SignalWire POSTs to ``route`` and gets the SWML; mid-call it POSTs tool calls to
    ``route/swaig`` and the summary to ``route/post_prompt``.
    """

    tool = staticmethod(tool)
    _class_tools: ClassVar[dict[str, ToolSpec]] = {}
    PROMPT_SECTIONS: ClassVar[Mapping[str, str | Sequence[str]] | None] = None
    """Prompt sections every instance starts with: title -> body text, or title -> bullets."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        specs = dict(cls._class_tools)
        # Schemas and converters are derived here, once per class, never per call.
        for func, options in marked_tools(vars(cls)):
            spec = build_spec(func, options, bound=True)
            specs[spec.name] = spec
        if cls.on_call_start is not AgentBase.on_call_start:
            specs["startup_hook"] = _hook_spec("startup_hook", "Runs when the call starts", cls._startup_hook)
        if cls.on_call_end is not AgentBase.on_call_end:
            specs["hangup_hook"] = _hook_spec("hangup_hook", "Runs when the call ends", cls._hangup_hook)
        cls._class_tools = specs

    def __init__(
        self,
        name: str,
        route: str = "/",
        host: str = "0.0.0.0",
        port: int | None = None,
        *,
        basic_auth: tuple[str, str] | None = None,
        auto_answer: bool = True,
        record_call: bool = False,
        record_format: Literal["wav", "mp3", "mp4"] = "mp4",
        record_stereo: bool = True,
        token_expiry_secs: int = 3600,
        max_body_bytes: int = 1_048_576,
        native_functions: Sequence[NativeFunction] = (),
        signing_key: str | None = None,
        trust_proxy_for_signature: bool = False,
        token_secret: str | None = None,
    ) -> None:
        if not route.startswith("/"):
            raise ValueError(f"route must start with '/', got {route!r}")
        self.name = name
        self.route = route.rstrip("/")
        self.host = host
        self.port = port if port is not None else int(os.environ.get("PORT", "3000"))
        self.max_body_bytes = max_body_bytes
        self._basic_auth_arg = basic_auth
        self._auth: BasicAuth | None = None
        # A fixed secret (argument or SWML_TOKEN_SECRET) lets every process of a serverless or
        # multi-instance deployment accept the tokens another one put in the SWML.
        secret = token_secret or os.environ.get("SWML_TOKEN_SECRET")
        self.signer = TokenSigner(secret.encode() if secret else None, expiry_secs=token_expiry_secs)
        self._config = AgentConfig(
            auto_answer=auto_answer,
            record_call=record_call,
            record_format=record_format,
            record_stereo=record_stereo,
            tools=dict(type(self)._class_tools),
            native_functions=list(native_functions),
        )
        for title, content in (type(self).PROMPT_SECTIONS or {}).items():
            if isinstance(content, str):
                self._config.prompt.add_section(title, content)
            else:
                self._config.prompt.add_section(title, bullets=list(content))
        self._templates: dict[str, SwmlTemplate] = {}
        self._dynamic_config: DynamicConfigCallback | None = None
        self._proxy_url_base: str | None = os.environ.get("SWML_PROXY_URL_BASE") or None
        self._app: AgentApp | None = None
        self.mcp_endpoint: McpEndpoint | None = None
        """Set by ``enable_mcp_server()``: serves the tools to MCP clients at ``route/mcp``."""
        self.signature_guard: SignatureGuard | None = None
        """Set when a signing key is given (or SIGNALWIRE_SIGNING_KEY): every webhook must be signed."""
        key = signing_key or os.environ.get("SIGNALWIRE_SIGNING_KEY")
        if key:
            from ..security import SignatureGuard

            self.signature_guard = SignatureGuard(
                key, trust_proxy=trust_proxy_for_signature, max_body_bytes=max_body_bytes
            )

    # --- plumbing ----------------------------------------------------------------------------
    def _changed(self) -> Self:
        self._templates.clear()
        return self

    @property
    def auth(self) -> BasicAuth:
        """The HTTP Basic credentials (resolved once: argument, environment, or generated)."""
        if self._auth is None:
            self._auth = BasicAuth.resolve(self._basic_auth_arg, self.name)
        return self._auth

    def get_basic_auth_credentials(self) -> tuple[str, str]:
        """``(user, password)`` of the agent's endpoints."""
        return self.auth.user, self.auth.password

    @property
    def config(self) -> AgentConfig:
        """The configuration that shapes the SWML (read it; change it through the methods)."""
        return self._config

    def copy_for_request(self) -> AgentBase:
        """A copy sharing everything but the configuration, for one request's changes."""
        clone = copy.copy(self)
        clone._config = self._config.copy()
        clone._templates = {}
        return clone

    # --- prompt ------------------------------------------------------------------------------
    def set_prompt_text(self, text: str) -> Self:
        """Use plain text as the prompt (instead of POM sections)."""
        self._config.prompt.text = text
        return self._changed()

    def prompt_add_section(
        self,
        title: str,
        body: str = "",
        bullets: Sequence[str] | None = None,
        numbered: bool = False,
        numbered_bullets: bool = False,
        subsections: Sequence[Mapping[str, str | Sequence[str]]] | None = None,
    ) -> Self:
        """Add a POM section; the prompt is then rendered as POM."""
        self._config.prompt.add_section(title, body, bullets, numbered, numbered_bullets)
        for sub in subsections or ():
            sub_title = sub.get("title")
            sub_body = sub.get("body", "")
            sub_bullets = sub.get("bullets")
            if not isinstance(sub_title, str) or not isinstance(sub_body, str):
                raise TypeError("each subsection needs a string 'title' and an optional string 'body'")
            if isinstance(sub_bullets, str):
                raise TypeError("subsection 'bullets' must be a list of strings")
            self._config.prompt.add_subsection(title, sub_title, sub_body, sub_bullets)
        return self._changed()

    def prompt_add_subsection(
        self, parent_title: str, title: str, body: str = "", bullets: Sequence[str] | None = None
    ) -> Self:
        """Add a subsection under ``parent_title`` (created if missing)."""
        self._config.prompt.add_subsection(parent_title, title, body, bullets)
        return self._changed()

    def prompt_add_to_section(
        self, title: str, body: str | None = None, bullet: str | None = None, bullets: Sequence[str] = ()
    ) -> Self:
        """Append body text or bullets to a section (created if missing)."""
        self._config.prompt.add_to_section(title, body, bullet, bullets)
        return self._changed()

    def prompt_has_section(self, title: str) -> bool:
        """Whether a POM section with this title exists."""
        return self._config.prompt.find(title) is not None

    def get_prompt(self) -> str:
        """The prompt as text (POM sections rendered as markdown)."""
        prompt = self._config.prompt
        return prompt.text if prompt.text is not None else prompt.render_text()

    def set_prompt_pom(self, sections: Sequence[Mapping[str, str | bool | Sequence[str]]]) -> Self:
        """Replace the POM with sections given as dicts (``title``, ``body``, ``bullets``, ...)."""
        self._config.prompt.sections = []
        for section in sections:
            title, body, bullets = section.get("title"), section.get("body", ""), section.get("bullets")
            if title is not None and not isinstance(title, str):
                raise TypeError("a POM section's 'title' must be a string")
            if not isinstance(body, str) or isinstance(bullets, (str, bool)):
                raise TypeError("a POM section needs a string 'body' and/or a list of string 'bullets'")
            self._config.prompt.add_section(
                title,
                body,
                list(bullets) if bullets is not None else None,
                section.get("numbered") is True,
                section.get("numbered_bullets") is True,
            )
        return self._changed()

    def get_post_prompt(self) -> str | None:
        return self._config.prompt.post_prompt

    def get_name(self) -> str:
        return self.name

    def set_post_prompt(self, text: str) -> Self:
        """Instructions for the end-of-call summary, POSTed to ``post_prompt_url``."""
        self._config.prompt.post_prompt = text
        return self._changed()

    def set_post_prompt_url(self, url: str) -> Self:
        """Send the summary somewhere else than this agent's /post_prompt."""
        self._config.post_prompt_url = url
        return self._changed()

    def set_web_hook_url(self, url: str) -> Self:
        """Send tool calls somewhere else than this agent's /swaig."""
        self._config.web_hook_url = url
        return self._changed()

    def clear_swaig_query_params(self) -> Self:
        self._config.swaig_query_params.clear()
        return self._changed()

    def add_swaig_query_params(self, params: Mapping[str, str]) -> Self:
        """Query parameters added to every URL the SWML points back at."""
        self._config.swaig_query_params.update(params)
        return self._changed()

    def set_prompt_llm_params(self, **params: float | int | str) -> Self:
        """LLM settings of the main prompt (temperature, top_p, max_tokens, ...)."""
        from_dict(m.AiPromptText, {"text": "", **params}, "$.prompt")
        self._config.prompt_llm_params.update(params)
        return self._changed()

    def set_post_prompt_llm_params(self, **params: float | int | str) -> Self:
        """LLM settings of the post-prompt."""
        from_dict(m.AiPostPromptText, {"text": "", **params}, "$.post_prompt")
        self._config.post_prompt_llm_params.update(params)
        return self._changed()

    # --- AI settings -------------------------------------------------------------------------
    def add_language(
        self,
        name: str,
        code: str,
        voice: str,
        *,
        engine: str | None = None,
        model: str | None = None,
        speech_fillers: Sequence[str] | None = None,
        function_fillers: Sequence[str] | None = None,
    ) -> Self:
        """Add a language the agent speaks, with its voice (``engine.voice`` or voice + engine)."""
        full_voice = voice
        if engine and "." not in voice:
            full_voice = f"{engine}.{voice}"
        if model and ":" not in full_voice:
            full_voice = f"{full_voice}:{model}"
        language = m.AiLanguage(
            name=name,
            code=code,
            voice=full_voice,
            speech_fillers=list(speech_fillers) if speech_fillers else None,
            function_fillers=list(function_fillers) if function_fillers else None,
        )
        self._config.languages.append(language)
        return self._changed()

    def set_languages(self, languages: Iterable[m.AiLanguage | d.AiLanguageDict]) -> Self:
        """Replace the languages."""
        self._config.languages = [from_dict(m.AiLanguage, x, "$.languages") for x in languages]
        return self._changed()

    def set_multilingual(self, multilingual: m.AiMultilingual | d.AiMultilingualDict | None) -> Self:
        """Automatic language detection and switching (takes precedence over languages)."""
        self._config.multilingual = (
            None if multilingual is None else from_dict(m.AiMultilingual, multilingual, "$.multilingual")
        )
        return self._changed()

    def set_pronunciations(self, rules: Iterable[m.AiPronounce | d.AiPronounceDict]) -> Self:
        """Replace the pronunciation rules."""
        self._config.pronounce = [from_dict(m.AiPronounce, r, "$.pronounce") for r in rules]
        return self._changed()

    def add_hint(self, hint: str) -> Self:
        """A word or phrase that helps speech recognition."""
        self._config.hints.append(hint)
        return self._changed()

    def add_hints(self, hints: Iterable[str]) -> Self:
        """Words or phrases that help speech recognition."""
        if isinstance(hints, str):
            raise TypeError("add_hints takes a list of strings; use add_hint for one")
        self._config.hints.extend(hints)
        return self._changed()

    def add_pattern_hint(self, hint: str, pattern: str, replace: str, ignore_case: bool = False) -> Self:
        """A hint that rewrites what matches ``pattern`` to ``replace``."""
        self._config.hints.append(
            m.AiHint(hint=hint, pattern=pattern, replace=replace, ignore_case=ignore_case or None)
        )
        return self._changed()

    def add_pronunciation(self, replace: str, with_text: str, ignore_case: bool = False) -> Self:
        """Say ``with_text`` wherever the agent would say ``replace``."""
        self._config.pronounce.append(
            m.AiPronounce(replace=replace, with_=with_text, ignore_case=ignore_case or None)
        )
        return self._changed()

    def set_params(self, params: d.AiParamsDict | None = None, /, **kwargs: Unpack[d.AiParamsDict]) -> Self:
        """Merge AI parameters (typed: a misspelled known name is a type error)."""
        merged: dict[str, object] = {**(params or {}), **kwargs}
        return self._merge_params(merged)

    def set_param(self, key: str, value: JsonValue) -> Self:
        """Set one AI parameter by name, including ones our schema does not know."""
        return self._merge_params({key: value})

    def _merge_params(self, new: Mapping[str, object]) -> Self:
        candidate = {**self._config.params, **new}
        # Raises ValidationError naming the bad key; what is stored is plain JSON.
        self._config.params = to_dict(from_dict(m.AiParams, candidate, "$.params"))
        return self._changed()

    def set_global_data(self, data: JsonObject) -> Self:
        """Replace the session data SignalWire passes to every tool call."""
        self._config.global_data = dict(data)
        return self._changed()

    def update_global_data(self, data: JsonObject) -> Self:
        """Merge into the session data."""
        self._config.global_data.update(data)
        return self._changed()

    def set_native_functions(self, names: Sequence[NativeFunction]) -> Self:
        """Built-in platform functions to enable."""
        self._config.native_functions = list(names)
        return self._changed()

    def add_internal_filler(self, function_name: str, language_code: str, fillers: Sequence[str]) -> Self:
        """Phrases said while a built-in function (``next_step``, ``check_time``...) runs."""
        candidate = dict(self._config.internal_fillers)
        candidate[function_name] = {**candidate.get(function_name, {}), language_code: list(fillers)}
        from_dict(m.SwaigInternalFillers, candidate, "$.internal_fillers")
        self._config.internal_fillers = candidate
        return self._changed()

    def set_internal_fillers(self, fillers: Mapping[str, Mapping[str, Sequence[str]]]) -> Self:
        """Replace all internal fillers: ``{function: {language: [phrases]}}``."""
        candidate = {name: {lang: list(v) for lang, v in x.items()} for name, x in fillers.items()}
        from_dict(m.SwaigInternalFillers, candidate, "$.internal_fillers")
        self._config.internal_fillers = candidate
        return self._changed()

    def set_function_includes(self, includes: Iterable[m.SwaigInclude | d.SwaigIncludeDict]) -> Self:
        """Replace the remote function includes."""
        self._config.includes = [from_dict(m.SwaigInclude, x, "$.includes") for x in includes]
        return self._changed()

    def add_mcp_server(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        resources: bool = False,
        resource_vars: Mapping[str, str] | None = None,
    ) -> Self:
        """Offer the tools of an MCP server (discovered by SignalWire when the call starts)."""
        server = m.McpServer(
            url=url,
            headers=dict(headers) if headers else None,
            resources=True if resources else None,
            resource_vars=dict(resource_vars) if resource_vars else None,
        )
        self._config.mcp_servers.append(server)
        return self._changed()

    def enable_mcp_server(self) -> Self:
        """Serve this agent's tools to MCP clients at ``route/mcp`` (streamable HTTP, same basic auth).

        Arguments are checked exactly as on ``/swaig``; DataMap and external-webhook tools are not
        offered (they do not run here).
        """
        if self.mcp_endpoint is None:
            from .mcp import McpEndpoint

            self.mcp_endpoint = McpEndpoint()
        return self

    def add_function_include(
        self, url: str, functions: Sequence[str], meta_data: JsonObject | None = None
    ) -> Self:
        """Offer functions served by another SWAIG server."""
        self._config.includes.append(m.SwaigInclude(url=url, functions=list(functions), meta_data=meta_data))
        return self._changed()

    def enable_debug_events(self, level: int = 1) -> Self:
        """Have SignalWire POST debug events to ``route/debug_events`` (see ``on_debug_event``)."""
        self._config.debug_events_level = level
        return self._changed()

    # --- call flow ---------------------------------------------------------------------------
    @staticmethod
    def _verbs(verb: VerbInput) -> list[m.CallingMethod]:
        if isinstance(verb, CallingSection):
            return list(verb.methods)
        return [load_CallingMethod(verb, "$.verb")]

    def add_pre_answer_verb(self, verb: VerbInput) -> Self:
        """A verb run before the call is answered (a model, a one-key dict, or a CallingSection)."""
        self._config.pre_answer.extend(self._verbs(verb))
        return self._changed()

    def add_post_answer_verb(self, verb: VerbInput) -> Self:
        """A verb run after answering, before the AI starts."""
        self._config.post_answer.extend(self._verbs(verb))
        return self._changed()

    def add_post_ai_verb(self, verb: VerbInput) -> Self:
        """A verb run after the AI session ends."""
        self._config.post_ai.extend(self._verbs(verb))
        return self._changed()

    def clear_pre_answer_verbs(self) -> Self:
        self._config.pre_answer.clear()
        return self._changed()

    def clear_post_answer_verbs(self) -> Self:
        self._config.post_answer.clear()
        return self._changed()

    def clear_post_ai_verbs(self) -> Self:
        self._config.post_ai.clear()
        return self._changed()

    def set_answer_options(self, *, max_duration: int | None = None, codecs: str | None = None) -> Self:
        """Options of the ``answer`` verb."""
        self._config.answer = from_dict(
            m.Answer,
            {k: v for k, v in (("max_duration", max_duration), ("codecs", codecs)) if v is not None},
            "$.answer",
        )
        return self._changed()

    def add_answer_verb(self, *, max_duration: int | None = None, codecs: str | None = None) -> Self:
        """Answer the call (with these options) before the AI starts."""
        self._config.auto_answer = True
        return self.set_answer_options(max_duration=max_duration, codecs=codecs)

    def set_auto_answer(self, auto_answer: bool) -> Self:
        self._config.auto_answer = auto_answer
        return self._changed()

    def set_record_call(
        self,
        enabled: bool = True,
        *,
        format: Literal["wav", "mp3", "mp4"] = "mp4",
        stereo: bool = True,
    ) -> Self:
        """Record the call in the background from the moment it is answered."""
        self._config.record_call = enabled
        self._config.record_format = format
        self._config.record_stereo = stereo
        return self._changed()

    # --- tools -------------------------------------------------------------------------------
    def define_tool(
        self,
        name: str,
        description: str,
        handler: Callable[..., ToolResult | Awaitable[ToolResult]],
        *,
        parameters: d.FunctionParametersDict | None = None,
        secure: bool = True,
        fillers: Mapping[str, Sequence[str]] | None = None,
        wait_file: str | None = None,
        wait_file_loops: int | None = None,
        meta_data: JsonObject | None = None,
        webhook_url: str | None = None,
        gates: Sequence[m.SwaigGate | d.SwaigGateDict] | None = None,
        gate_fillers: Mapping[str, Sequence[str]] | None = None,
    ) -> Self:
        """Add a tool served by a function (arguments derived from its signature unless given)."""
        options = ToolOptions(
            name=name,
            description=description,
            parameters=dict(parameters) if parameters is not None else None,
            secure=secure,
            fillers=fillers,
            wait_file=wait_file,
            wait_file_loops=wait_file_loops,
            meta_data=meta_data,
            webhook_url=webhook_url,
            gates=gates,
            gate_fillers=gate_fillers,
        )
        spec = build_spec(handler, options, bound=False)
        return self._add_tool(spec)

    def _add_tool(self, spec: ToolSpec) -> Self:
        if spec.name in self._config.tools:
            raise ValueError(
                f"agent {self.name!r} already has a tool named {spec.name!r}; remove_tool() it first"
            )
        self._config.tools[spec.name] = spec
        return self._changed()

    def register_swaig_function(self, function: m.SwaigFunction | d.SwaigFunctionDict | DataMap) -> Self:
        """Add a tool SignalWire runs itself (a DataMap) or that another server serves."""
        from .data_map import DataMap

        model = (
            function.to_swaig_function()
            if isinstance(function, DataMap)
            else from_dict(m.SwaigFunction, function, "$.function")
        )
        return self._add_tool(data_map_spec(model))

    def remove_tool(self, name: str) -> Self:
        if self._config.tools.pop(name, None) is None:
            raise KeyError(f"agent {self.name!r} has no tool {name!r}")
        return self._changed()

    def has_tool(self, name: str) -> bool:
        return name in self._config.tools

    def list_tools(self) -> list[str]:
        return list(self._config.tools)

    def get_tool(self, name: str) -> ToolSpec | None:
        return self._config.tools.get(name)

    # --- contexts and skills -----------------------------------------------------------------
    def define_contexts(self) -> ContextBuilder:
        """Start (or return) the contexts-and-steps definition of this agent."""
        if self._config.contexts is None:
            self._config.contexts = ContextBuilder()
        self._changed()
        return self._config.contexts

    def add_skill(self, name: str, params: Mapping[str, object] | None = None) -> Self:
        """Add a registered skill's tools and prompt (``datetime``, ``math``...).

        ``params`` is a dict, or the skill's TypedDict for static checks (``WeatherApiParams(...)``).
        A skill with an ``instance_key`` (e.g. one per tool name) can be added once per key.
        """
        from .skills import create_skill
        from .skills.params import json_params

        skill = create_skill(name, json_params(params or {}, name))
        key = getattr(skill, "instance_key", name)
        if not isinstance(key, str):
            key = name
        if key in self._config.skills:
            raise ValueError(f"skill {key!r} is already added to agent {self.name!r}")
        before = set(self._config.tools)
        skill.setup(self)
        self._config.skills[key] = [t for t in self._config.tools if t not in before]
        return self._changed()

    def has_skill(self, name: str) -> bool:
        return name in self._config.skills

    def list_skills(self) -> list[str]:
        """Names of the skills added to this agent."""
        return list(self._config.skills)

    def remove_skill(self, name: str) -> Self:
        """Remove a skill's tools (its prompt sections stay)."""
        tools = self._config.skills.pop(name, None)
        if tools is None:
            raise KeyError(f"agent {self.name!r} has no skill {name!r}")
        for tool_name in tools:
            self._config.tools.pop(tool_name, None)
        return self._changed()

    def reset_contexts(self) -> Self:
        """Drop the contexts-and-steps definition."""
        self._config.contexts = None
        return self._changed()

    # --- hooks (override in a subclass) ------------------------------------------------------
    def on_summary(self, summary: JsonValue, raw: JsonObject) -> Awaitable[None] | None:
        """Called with the post-prompt result (parsed JSON if it was JSON, else text).

        A sync override runs in a worker thread, so it may block (database, HTTP).
        """
        return None

    def on_call_start(self, request: SwaigRequest) -> FunctionResult | None:
        """Called when the call starts (as the ``startup_hook`` tool); may return actions."""
        return None

    def on_call_end(self, request: SwaigRequest) -> FunctionResult | None:
        """Called when the call ends (as the ``hangup_hook`` tool)."""
        return None

    def on_debug_event(self, event: JsonObject) -> Awaitable[None] | None:
        """Called for each debug event (see ``enable_debug_events``); a sync override runs in a thread."""
        return None

    def on_swml_request(self, request: SwmlRequest, agent: AgentBase) -> Awaitable[None] | None:
        """Called for each SWML request with a per-request copy of the agent to customise.

        It runs on the event loop: keep a sync override quick, or make it ``async``.
        """
        return None

    def _startup_hook(self, request: SwaigRequest) -> ToolResult:
        return self.on_call_start(request) or FunctionResult("ok")

    def _hangup_hook(self, request: SwaigRequest) -> ToolResult:
        return self.on_call_end(request) or FunctionResult("ok")

    def set_dynamic_config_callback(self, callback: DynamicConfigCallback) -> Self:
        """Customise a copy of the agent per request: ``callback(query, body, headers, agent)``."""
        self._dynamic_config = callback
        return self

    def manual_set_proxy_url(self, url: str) -> Self:
        """The public base URL in front of this server (like ``SWML_PROXY_URL_BASE``)."""
        self._proxy_url_base = url.rstrip("/")
        return self._changed()

    @property
    def has_request_hooks(self) -> bool:
        return self._dynamic_config is not None or type(self).on_swml_request is not AgentBase.on_swml_request

    # --- rendering and serving ---------------------------------------------------------------
    def template_for(self, base_url: str) -> SwmlTemplate:
        """The SWML template for a base URL, cached until the configuration changes."""
        template = self._templates.get(base_url)
        if template is None:
            template = build_template(self._config, base_url, self.name)
            if len(self._templates) > 64:
                self._templates.clear()
            self._templates[base_url] = template
        return template

    def render_swml(self, call_id: str = "", base_url: str | None = None) -> bytes:
        """The SWML document as JSON bytes (``base_url`` defaults to the proxy URL or host:port)."""
        url = base_url or self.public_base_url()
        return self.template_for(url).render(call_id, self.signer)

    def to_swml(self, call_id: str = "", base_url: str | None = None) -> m.CallingSwml:
        """The SWML document as our typed model."""
        import json

        return from_dict(m.CallingSwml, json.loads(self.render_swml(call_id, base_url)))

    def render_document(self, call_id: str = "") -> str:
        """The SWML document as JSON text."""
        return self.render_swml(call_id).decode()

    def get_full_url(self, include_auth: bool = False) -> str:
        """The agent's public URL (proxy URL or host:port plus route), optionally with credentials."""
        url = self.public_base_url()
        if include_auth:
            return url
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"

    def validate_basic_auth(self, username: str, password: str) -> bool:
        """Whether these are the agent's credentials (constant-time)."""
        import hmac

        user_ok = hmac.compare_digest(username.encode(), self.auth.user.encode())
        return hmac.compare_digest(password.encode(), self.auth.password.encode()) and user_ok

    def get_app(self) -> AgentApp:
        """Alias of ``asgi_app``."""
        return self.asgi_app

    def public_base_url(self, scheme: str = "http", host: str | None = None, prefix: str = "") -> str:
        """The URL SignalWire reaches this agent at, with the basic-auth credentials in it."""
        from urllib.parse import urlsplit

        if self._proxy_url_base:
            parts = urlsplit(self._proxy_url_base)
            scheme, netloc, prefix = parts.scheme or scheme, parts.netloc, parts.path.rstrip("/")
        else:
            netloc = host or f"{self.host if self.host != '0.0.0.0' else 'localhost'}:{self.port}"
        return f"{scheme}://{self.auth.url_userinfo}@{netloc}{prefix}{self.route}"

    @property
    def asgi_app(self) -> AgentApp:
        """This agent as a plain ASGI application (mount it anywhere, or serve it with uvicorn)."""
        if self._app is None:
            from .app import AgentApp

            self.auth  # noqa: B018 - resolve (and show a generated password) before the first request
            self._app = AgentApp([self])
        return self._app

    def run(self, host: str | None = None, port: int | None = None) -> None:
        """Serve the agent with uvicorn (blocks until stopped); under CGI, answer the one request."""
        if os.environ.get("GATEWAY_INTERFACE", "").startswith("CGI/"):
            from .serverless import run_cgi

            run_cgi(self)
            return
        import uvicorn

        self.auth  # noqa: B018 - resolve (and show a generated password) before serving
        uvicorn.run(self.asgi_app, host=host or self.host, port=port or self.port, log_level="warning")

    serve = run

    def swaig_function_dicts(self) -> list[JsonObject]:
        """Every tool's SWML entry (no URLs), for listing tools."""
        return [json_of(spec.function) for spec in self._config.tools.values()]
