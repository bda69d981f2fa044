"""SWML rendering: the document is built from our SWML models once per (config, base URL);
each request then only adds its per-call tokens to a shallow copy."""

from __future__ import annotations

import json
from typing import cast
from urllib.parse import urlencode

import attrs
from signalwire_typed_gen._runtime import JsonObject
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.convert import from_dict, to_dict

from .auth import TokenSigner
from .config import AgentConfig

__all__ = ["SwmlTemplate", "build_template", "json_of"]

_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False)
_POST_PROMPT = "post_prompt"


def json_of(model: object) -> JsonObject:
    """A model's JSON data, typed as JSON (``to_dict`` output holds only JSON values)."""
    return cast(JsonObject, to_dict(model))


def _with_token(url: str, token: str) -> str:
    # Tokens are made of [0-9a-f.] only: no quoting needed on this per-request path.
    return f"{url}{'&' if '?' in url else '?'}__token={token}"


def _with_query(url: str, params: dict[str, str]) -> str:
    if not params:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


@attrs.define
class SwmlTemplate:
    """A rendered document plus where per-call tokens go."""

    data: dict[str, object]
    ai_index: int
    secure_functions: list[tuple[int, str, str]]
    """(index in SWAIG.functions, function name, its URL without the token)"""
    post_prompt_url: str | None
    static_bytes: bytes | None
    verb: str = "ai"
    """The verb holding the AI config (``amazon_bedrock`` for a BedrockAgent)."""

    def render(self, call_id: str, signer: TokenSigner) -> bytes:
        if self.static_bytes is not None:
            return self.static_bytes
        main = list(self._main())
        ai = dict(self._ai())
        if self.secure_functions:
            original = ai["SWAIG"]
            assert isinstance(original, dict)
            swaig = dict(original)
            functions = list(swaig["functions"])
            for index, name, url in self.secure_functions:
                entry = dict(functions[index])
                entry["web_hook_url"] = _with_token(url, signer.create(call_id, name))
                functions[index] = entry
            swaig["functions"] = functions
            ai["SWAIG"] = swaig
        if self.post_prompt_url is not None:
            token = signer.create(call_id, _POST_PROMPT)
            ai["post_prompt_url"] = _with_token(self.post_prompt_url, token)
        main[self.ai_index] = {self.verb: ai}
        doc = {**self.data, "sections": {**self._sections(), "main": main}}
        return _COMPACT.encode(doc).encode()

    def _sections(self) -> dict[str, object]:
        sections = self.data["sections"]
        assert isinstance(sections, dict)
        return sections

    def _main(self) -> list[dict[str, object]]:
        main = self._sections()["main"]
        assert isinstance(main, list)
        return main

    def _ai(self) -> dict[str, object]:
        ai = self._main()[self.ai_index][self.verb]
        assert isinstance(ai, dict)
        return ai


def _prompt_fields(config: AgentConfig, agent_name: str) -> m.AiPrompt:
    llm = config.prompt_llm_params
    contexts = config.contexts.to_models(set(config.tools)) if config.contexts is not None else None
    prompt = config.prompt
    if prompt.text is None and prompt.sections:
        pom = from_dict(m.AiPromptPom, {"pom": [{"body": ""}], **llm}, "$.prompt")
        return attrs.evolve(pom, pom=prompt.to_models(), contexts=contexts)
    text = prompt.text
    if text is None:
        text = f"You are {agent_name}, a helpful AI assistant." if contexts else ""
    plain = from_dict(m.AiPromptText, {"text": text, **llm}, "$.prompt")
    return attrs.evolve(plain, contexts=contexts)


def _post_prompt(config: AgentConfig) -> m.AiPostPrompt | None:
    if config.prompt.post_prompt is None:
        return None
    data: JsonObject = {"text": config.prompt.post_prompt, **config.post_prompt_llm_params}
    return from_dict(m.AiPostPromptText, data, "$.post_prompt")


def build_template(config: AgentConfig, base_url: str, agent_name: str) -> SwmlTemplate:
    """Build the SWML document of ``config`` served at ``base_url`` (which carries the credentials)."""
    query = config.swaig_query_params
    swaig_url = _with_query(config.web_hook_url or f"{base_url}/swaig", query)
    functions: list[m.SwaigFunction] = []
    secure: list[tuple[int, str, str]] = []
    for spec in config.tools.values():
        function = spec.function
        if spec.local and spec.secure:
            # Non-secure local tools use SWAIG.defaults.web_hook_url; secure ones get a per-call token.
            function = attrs.evolve(function, web_hook_url=swaig_url)
            secure.append((len(functions), spec.name, swaig_url))
        functions.append(function)
    swaig: m.Swaig | None = None
    if (
        functions
        or config.native_functions
        or config.includes
        or config.internal_fillers
        or config.mcp_servers
    ):
        swaig = m.Swaig(
            functions=functions or None,
            defaults=m.SwaigDefaults(web_hook_url=swaig_url) if functions else None,
            native_functions=from_dict(
                m.Swaig, {"native_functions": config.native_functions}
            ).native_functions
            if config.native_functions
            else None,
            includes=list(config.includes) or None,
            mcp_servers=list(config.mcp_servers) or None,
            internal_fillers=from_dict(m.SwaigInternalFillers, config.internal_fillers, "$.internal_fillers")
            if config.internal_fillers
            else None,
        )
    params: dict[str, object] = dict(config.params)
    if config.debug_events_level is not None:
        params["debug_webhook_url"] = _with_query(f"{base_url}/debug_events", query)
        params["debug_webhook_level"] = config.debug_events_level
    post_prompt = _post_prompt(config)
    post_prompt_url: str | None = None
    if post_prompt is not None:
        post_prompt_url = config.post_prompt_url or _with_query(f"{base_url}/post_prompt", query)
    ai = m.AiConfig(
        prompt=_prompt_fields(config, agent_name),
        SWAIG=swaig,
        global_data=dict(config.global_data) or None,
        hints=list(config.hints) or None,
        languages=list(config.languages) or None,
        multilingual=config.multilingual,
        params=from_dict(m.AiParams, params, "$.params") if params else None,
        post_prompt=post_prompt,
        pronounce=list(config.pronounce) or None,
    )
    methods: list[m.CallingMethod] = list(config.pre_answer)
    if config.auto_answer:
        methods.append(m.AnswerVerb(answer=config.answer))
    if config.record_call:
        record = {"format": config.record_format, "stereo": config.record_stereo}
        methods.append(from_dict(m.RecordCallVerb, {"record_call": record}, "$.record_call"))
    methods.extend(config.post_answer)
    ai_index = len(methods)
    methods.append(m.AiVerb(ai=ai))
    methods.extend(config.post_ai)
    data = to_dict(m.CallingSwml(version="1.0.0", sections={"main": methods}))
    template = SwmlTemplate(data, ai_index, secure, None, None)
    # The post-prompt URL gets its token only when the agent serves it (not an override).
    if post_prompt_url is not None and config.post_prompt_url is None:
        template.post_prompt_url = post_prompt_url
    elif post_prompt_url is not None:
        template._ai()["post_prompt_url"] = post_prompt_url
    if not secure and template.post_prompt_url is None:
        template.static_bytes = _COMPACT.encode(data).encode()
    return template
