"""BedrockAgent: an agent whose SWML runs Amazon Bedrock speech-to-speech (the ``amazon_bedrock`` verb).

Prompt, tools, params, global data and post-prompt carry over from the ``ai`` verb. What the
``amazon_bedrock`` verb has no place for (hints, languages, pronunciations, contexts, native functions,
fillers, unknown params...) is left out of the SWML, with one logged warning per agent and feature.
"""

from __future__ import annotations

import logging
from typing import Literal, Self, Unpack

import attrs
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.convert import from_dict, to_dict

from ..agent import AgentBase
from ..render import SwmlTemplate
from .common import AgentOptions

__all__ = ["BedrockAgent", "BedrockVoice"]

_log = logging.getLogger(__name__)

BedrockVoice = Literal["tiffany", "matthew", "amy", "lupe", "carlos"]

_VERB_KEYS = frozenset(f.name for f in attrs.fields(m.AmazonBedrock))
_PARAM_KEYS = frozenset(f.name for f in attrs.fields(m.BedrockParams))
_FUNCTION_KEYS = frozenset(f.name for f in attrs.fields(m.BedrockSwaigFunction))
_SWAIG_KEYS = frozenset(f.name for f in attrs.fields(m.BedrockSwaig))
_PROMPT_KEYS = frozenset(("text", "pom", "confidence", "frequency_penalty", "presence_penalty"))


class BedrockAgent(AgentBase):
    """An AgentBase rendered with the ``amazon_bedrock`` verb; voice and sampling go in its prompt."""

    def __init__(
        self,
        name: str = "bedrock_agent",
        route: str = "/bedrock",
        *,
        system_prompt: str | None = None,
        voice_id: BedrockVoice = "matthew",
        temperature: float = 0.7,
        top_p: float = 0.9,
        max_tokens: int = 1024,
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        self._voice_id: BedrockVoice = voice_id
        self._temperature, self._top_p, self._max_tokens = temperature, top_p, max_tokens
        self.set_inference_params(temperature=temperature, top_p=top_p, max_tokens=max_tokens)
        self._warned: set[str] = set()
        if system_prompt:
            self.set_prompt_text(system_prompt)

    def set_voice(self, voice_id: BedrockVoice) -> Self:
        """The Bedrock voice: tiffany, matthew, amy, lupe or carlos."""
        self._voice_id = voice_id
        return self._changed()

    def set_inference_params(
        self, *, temperature: float | None = None, top_p: float | None = None, max_tokens: int | None = None
    ) -> Self:
        """Sampling settings; ValueError (and nothing changed) for a value out of range."""
        if temperature is not None and not 0 <= temperature <= 2:
            raise ValueError(f"BedrockAgent temperature must be between 0 and 2, got {temperature}")
        if top_p is not None and not 0 <= top_p <= 1:
            raise ValueError(f"BedrockAgent top_p must be between 0 and 1, got {top_p}")
        if max_tokens is not None and max_tokens < 1:
            raise ValueError(f"BedrockAgent max_tokens must be positive, got {max_tokens}")
        self._temperature = self._temperature if temperature is None else temperature
        self._top_p = self._top_p if top_p is None else top_p
        self._max_tokens = self._max_tokens if max_tokens is None else max_tokens
        return self._changed()

    def _drop(self, keys: set[str], where: str) -> None:
        for key in sorted(keys - self._warned):
            self._warned.add(key)
            _log.warning(
                "BedrockAgent %r: the amazon_bedrock verb has no %s %r; left out of the SWML",
                self.name,
                where,
                key,
            )

    def template_for(self, base_url: str) -> SwmlTemplate:
        template = super().template_for(base_url)
        if template.verb == "amazon_bedrock":
            return template
        main = template._main()
        ai = main[template.ai_index]["ai"]
        assert isinstance(ai, dict)
        main[template.ai_index] = {"amazon_bedrock": self._bedrock(ai)}
        template.verb = "amazon_bedrock"
        if template.static_bytes is not None:
            template.static_bytes = None
            template.static_bytes = template.render("", self.signer)
        return template

    def _bedrock(self, ai: dict[str, object]) -> dict[str, object]:
        self._drop(set(ai) - _VERB_KEYS, "setting")
        prompt = ai.get("prompt")
        assert isinstance(prompt, dict)
        self._drop(set(prompt) - _PROMPT_KEYS - {"temperature", "top_p", "max_tokens"}, "prompt setting")
        bedrock: dict[str, object] = {k: v for k, v in ai.items() if k in _VERB_KEYS}
        bedrock["prompt"] = {
            **{k: v for k, v in prompt.items() if k in _PROMPT_KEYS},
            "voice_id": self._voice_id,
            "temperature": self._temperature,
            "top_p": self._top_p,
            "max_tokens": self._max_tokens,
        }
        params = ai.get("params")
        if isinstance(params, dict):
            self._drop(set(params) - _PARAM_KEYS, "param")
            bedrock["params"] = {k: v for k, v in params.items() if k in _PARAM_KEYS} or None
        swaig = ai.get("SWAIG")
        if isinstance(swaig, dict):
            self._drop(set(swaig) - _SWAIG_KEYS, "SWAIG setting")
            functions = swaig.get("functions")
            kept: dict[str, object] = {k: v for k, v in swaig.items() if k in _SWAIG_KEYS}
            if isinstance(functions, list):
                for f in functions:
                    if isinstance(f, dict):
                        self._drop(set(f) - _FUNCTION_KEYS, "function setting")
                kept["functions"] = [
                    {k: v for k, v in f.items() if k in _FUNCTION_KEYS}
                    for f in functions
                    if isinstance(f, dict)
                ]
            bedrock["SWAIG"] = kept or None
        clean = {k: v for k, v in bedrock.items() if v is not None}
        # Checked against our schema once per template; a failure names the bad key.
        return to_dict(from_dict(m.AmazonBedrock, clean, "$.amazon_bedrock"))
