"""FunctionResult: what a SWAIG tool answers - text for the AI plus typed actions on the call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Self, cast

from signalwire_typed_gen._runtime import JsonObject
from signalwire_typed_gen.swml import models as m
from signalwire_typed_gen.swml.builder import CallingSection, Document
from signalwire_typed_gen.swml.convert import from_dict, load_PomSection, to_dict

if TYPE_CHECKING:
    from signalwire_typed_gen.swml import dicts as d

__all__ = ["FunctionResult"]


# Told to the AI after a payment; ${pay_result} is the pay verb's outcome.
_PAY_AI_RESPONSE = (
    "The payment ended with status ${pay_result}; if it succeeded, do not ask for payment again."
)


class FunctionResult:
    """The answer of a SWAIG tool: ``response`` text the AI reads, and actions run on the call.

    Every action method returns the result, so calls chain::

        FunctionResult("Transferring you now").say("One moment").connect("+15551234567")
    """

    __slots__ = ("actions", "post_process", "response")

    def __init__(self, response: str = "", *, post_process: bool = False) -> None:
        self.response: str | m.SwaigToolResult = response
        self.post_process = post_process
        self.actions: list[m.SwaigAction] = []

    def set_response(self, response: str) -> Self:
        """Replace the text the AI reads."""
        self.response = response
        return self

    def set_tool_response(self, tool_result: str | None = None, tool_prompt: str | None = None) -> Self:
        """Answer with what the tool did (``tool_result``) apart from what the AI says (``tool_prompt``)."""
        if tool_result is None and tool_prompt is None:
            raise ValueError("set_tool_response needs a tool_result, a tool_prompt, or both")
        self.response = m.SwaigToolResult(tool_result=tool_result, tool_prompt=tool_prompt)
        return self

    def set_post_process(self, post_process: bool) -> Self:
        """Run the actions after the AI has spoken the response instead of at once."""
        self.post_process = post_process
        return self

    def add_action(self, action: m.SwaigAction) -> Self:
        """Append an action model (every other method is a shortcut to this one)."""
        self.actions.append(action)
        return self

    def add_actions(self, actions: Iterable[m.SwaigAction]) -> Self:
        """Append several action models."""
        self.actions.extend(actions)
        return self

    # --- speech and conversation -------------------------------------------------------------
    def say(self, text: str) -> Self:
        """Have the agent speak ``text``."""
        return self.add_action(m.SwaigSayAction(say=text))

    def simulate_user_input(self, text: str) -> Self:
        """Inject ``text`` as if the caller had said it."""
        return self.add_action(m.SwaigUserInputAction(user_input=text))

    def stop(self) -> Self:
        """Stop the agent (ends the AI session; the SWML document continues)."""
        return self.add_action(m.SwaigStopAction(stop=True))

    def hangup(self) -> Self:
        """Hang up the call."""
        return self.add_action(m.SwaigHangupAction(hangup=True))

    def hold(self, timeout: int = 300, *, step: str | None = None, timeout_step: str | None = None) -> Self:
        """Put the caller on hold for up to ``timeout`` seconds (at most 900).

        ``step`` is where the conversation goes when the hold is released, ``timeout_step`` where it
        goes when the hold times out.
        """
        if not 0 <= timeout <= 900:
            raise ValueError(f"hold timeout must be between 0 and 900 seconds, got {timeout}")
        options = m.SwaigHoldOptions(timeout=timeout, step=step, timeout_step=timeout_step)
        return self.add_action(m.SwaigHoldAction(hold=options))

    def wait_for_user(
        self, enabled: bool | None = None, *, timeout: int | None = None, answer_first: bool = False
    ) -> Self:
        """Change how the agent waits for the caller: on/off, for ``timeout`` seconds, or answer first."""
        value: int | bool | Literal["answer_first"]
        if answer_first:
            value = "answer_first"
        elif timeout is not None:
            value = _non_negative("wait_for_user timeout", timeout)
        else:
            value = True if enabled is None else enabled
        return self.add_action(m.SwaigWaitForUserAction(wait_for_user=value))

    # --- speech recognition and voice --------------------------------------------------------
    def add_dynamic_hints(self, hints: Sequence[str | d.SwaigDynamicHintDict | m.SwaigDynamicHint]) -> Self:
        """Listen for more words from now on: plain hints, or ``{"pattern", "replace"}`` rewrite rules."""
        if isinstance(hints, str):
            raise TypeError("add_dynamic_hints takes a list of hints, not a single string")
        items = [h if isinstance(h, str) else from_dict(m.SwaigDynamicHint, h) for h in hints]
        return self.add_action(m.SwaigAddDynamicHintsAction(add_dynamic_hints=items))

    def clear_dynamic_hints(self) -> Self:
        """Forget every hint added with ``add_dynamic_hints``."""
        return self.add_action(m.SwaigClearDynamicHintsAction(clear_dynamic_hints=m.SwaigEmptyObject()))

    def set_end_of_speech_timeout(self, milliseconds: int) -> Self:
        """Milliseconds of silence after speech before the caller's utterance is final."""
        ms = _non_negative("end_of_speech_timeout", milliseconds)
        return self.add_action(m.SwaigEndOfSpeechTimeoutAction(end_of_speech_timeout=ms))

    def set_speech_event_timeout(self, milliseconds: int) -> Self:
        """Milliseconds recognition waits for a speech event before finalising."""
        ms = _non_negative("speech_event_timeout", milliseconds)
        return self.add_action(m.SwaigSpeechEventTimeoutAction(speech_event_timeout=ms))

    def change_voice(self, voice: str) -> Self:
        """Speak with another voice (``engine.voice:model``) from the next utterance on."""
        if not voice.strip():
            raise ValueError("change_voice needs a non-empty voice such as 'elevenlabs.rachel'")
        return self.add_action(m.SwaigChangeVoiceAction(change_voice=voice))

    # --- AI behaviour ------------------------------------------------------------------------
    def update_settings(
        self,
        settings: d.SwaigSettingsDict | m.SwaigSettings | None = None,
        *,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        frequency_penalty: float | None = None,
        presence_penalty: float | None = None,
        confidence: float | None = None,
        barge_confidence: float | None = None,
    ) -> Self:
        """Change AI settings mid-call, as a wire dict (``{"top-p": 0.9}``) and/or keyword arguments."""
        model = m.SwaigSettings() if settings is None else from_dict(m.SwaigSettings, settings)
        overrides = {
            "temperature": temperature,
            "top_p": top_p,
            "max_tokens": max_tokens,
            "frequency_penalty": frequency_penalty,
            "presence_penalty": presence_penalty,
            "confidence": confidence,
            "barge_confidence": barge_confidence,
        }
        for name, value in overrides.items():
            if value is not None:
                setattr(model, name, value)
        checked = from_dict(m.SwaigSettings, to_dict(model))
        if checked == m.SwaigSettings():
            raise ValueError("update_settings needs at least one setting")
        return self.add_action(m.SwaigSettingsAction(settings=checked))

    def enable_functions_on_timeout(self, enabled: bool = True) -> Self:
        """Let the agent call tools when the caller stays silent too long."""
        return self.add_action(m.SwaigFunctionsOnSpeakerTimeoutAction(functions_on_speaker_timeout=enabled))

    def enable_extensive_data(self, enabled: bool = True) -> Self:
        """Give the LLM this result in full for this turn only, and a shorter form afterwards."""
        return self.add_action(m.SwaigExtensiveDataAction(extensive_data=enabled))

    def back_to_back_functions(self, enabled: bool | Literal["forever"] = True) -> Self:
        """Let the agent chain function calls without a caller turn (``"forever"``: for the whole call)."""
        return self.add_action(m.SwaigBackToBackFunctionsAction(back_to_back_functions=enabled))

    def replace_in_history(self, text: str | bool = True) -> Self:
        """Once sent, replace this tool call in the history with ``text``, or drop it (``True``)."""
        return self.add_action(m.SwaigReplaceInHistoryAction(replace_in_history=text))

    # --- contexts, steps and functions -------------------------------------------------------
    def change_context(self, context: str) -> Self:
        """Switch to another context defined with ``define_contexts()``."""
        return self.add_action(m.SwaigChangeContextAction(change_context=context))

    def change_step(self, step: str) -> Self:
        """Move to another step of the current context."""
        return self.add_action(m.SwaigChangeStepAction(change_step=step))

    swml_change_context = change_context
    swml_change_step = change_step

    def switch_context(
        self,
        system_prompt: str | None = None,
        *,
        user_prompt: str | None = None,
        consolidate: bool = False,
        full_reset: bool = False,
        system_pom: Sequence[d.PomSectionDict | m.PomSection] | None = None,
        user_pom: Sequence[d.PomSectionDict | m.PomSection] | None = None,
    ) -> Self:
        """Replace the system prompt and/or add a user message mid-call, as text or POM sections.

        ``consolidate`` condenses the conversation so far; ``full_reset`` starts it over.
        """
        if system_prompt is None and user_prompt is None and not system_pom and not user_pom:
            raise ValueError("switch_context needs a system_prompt, a user_prompt, or both")
        simple = user_prompt is None and not (consolidate or full_reset or system_pom or user_pom)
        if system_prompt is not None and simple:
            return self.add_action(m.SwaigContextSwitchAction(context_switch=system_prompt))
        switch = m.SwaigContextSwitch(
            system_prompt=system_prompt,
            user_prompt=user_prompt,
            system_pom=_pom(system_pom, "system_pom"),
            user_pom=_pom(user_pom, "user_pom"),
            consolidate=True if consolidate else None,
            full_reset=True if full_reset else None,
        )
        return self.add_action(m.SwaigContextSwitchAction(context_switch=switch))

    def toggle_functions(self, toggles: Iterable[tuple[str | Sequence[str], bool]]) -> Self:
        """Turn tools on or off: ``[("transfer", False), (["a", "b"], True)]``."""
        items = [
            m.SwaigFunctionToggle(function=name if isinstance(name, str) else list(name), active=active)
            for name, active in toggles
        ]
        return self.add_action(m.SwaigToggleFunctionsAction(toggle_functions=items))

    def enable_functions(self, *names: str) -> Self:
        """Make the named tools callable."""
        return self.toggle_functions([(list(names), True)])

    def disable_functions(self, *names: str) -> Self:
        """Make the named tools uncallable."""
        return self.toggle_functions([(list(names), False)])

    # --- data --------------------------------------------------------------------------------
    def update_global_data(self, data: JsonObject) -> Self:
        """Merge ``data`` into the call's global data."""
        return self.add_action(m.SwaigSetGlobalDataAction(set_global_data=dict(data)))

    def set_semantic_state(self, state: JsonObject) -> Self:
        """Store ``state`` under ``semantic_state`` in the call's global data."""
        return self.update_global_data({"semantic_state": dict(state)})

    def remove_global_data(self, keys: str | Sequence[str]) -> Self:
        """Delete keys from the call's global data."""
        value: str | list[str] = keys if isinstance(keys, str) else list(keys)
        return self.add_action(m.SwaigUnsetGlobalDataAction(unset_global_data=value))

    def set_metadata(self, data: JsonObject) -> Self:
        """Merge ``data`` into this tool's meta data."""
        return self.add_action(m.SwaigSetMetaDataAction(set_meta_data=dict(data)))

    def remove_metadata(self, keys: str | Sequence[str]) -> Self:
        """Delete keys from this tool's meta data."""
        value: str | list[str] = keys if isinstance(keys, str) else list(keys)
        return self.add_action(m.SwaigUnsetMetaDataAction(unset_meta_data=value))

    # --- audio -------------------------------------------------------------------------------
    def play_background_file(self, file: str, *, wait: bool = False) -> Self:
        """Play audio under the conversation; ``wait`` holds the agent until it ends."""
        return self.add_action(m.SwaigPlaybackBgAction(playback_bg=m.SwaigPlaybackBg(file=file, wait=wait)))

    def stop_background_file(self) -> Self:
        """Stop the background audio."""
        return self.add_action(m.SwaigStopPlaybackBgAction(stop_playback_bg=True))

    # --- SWML --------------------------------------------------------------------------------
    def swml(self, document: Document | CallingSection | m.CallingSwml, *, transfer: bool = False) -> Self:
        """Run a SWML document; ``transfer=True`` ends the AI session and hands the call over."""
        if isinstance(document, m.CallingSwml):
            swml = document
        elif isinstance(document, CallingSection):
            swml = m.CallingSwml(version="1.0.0", sections={"main": list(document.methods)})
        else:
            swml = from_dict(m.CallingSwml, document.to_dict())
        return self.add_action(m.SwaigSwmlAction(SWML=swml, transfer=True if transfer else None))

    execute_swml = swml

    def _verb(self, section: CallingSection, transfer: bool = False) -> Self:
        return self.swml(section, transfer=transfer)

    def connect(self, to: str, *, from_: str | None = None, final: bool = True) -> Self:
        """Transfer the call to a number or SIP address; ``final`` ends the AI session."""
        return self._verb(CallingSection().connect(to=to, from_=from_), transfer=final)

    def transfer(self, to: str, *, final: bool = True) -> Self:
        """Alias of ``connect``."""
        return self.connect(to, final=final)

    def swml_transfer(self, dest: str, *, final: bool = True, params: JsonObject | None = None) -> Self:
        """Hand the call to another SWML document (a section name or a URL serving SWML)."""
        return self._verb(CallingSection().transfer(dest=dest, params=params), transfer=final)

    def swml_user_event(self, event: JsonObject) -> Self:
        """Send a ``user_event`` to the client (e.g. a browser) on the call."""
        return self._verb(CallingSection().user_event(event=event))

    def pay(
        self,
        payment_connector_url: str,
        *,
        input_method: Literal["dtmf"] | None = None,
        status_url: str | None = None,
        payment_method: Literal["credit-card"] | None = None,
        timeout: int | None = None,
        max_attempts: int | None = None,
        security_code: bool | None = None,
        postal_code: bool | str | None = None,
        min_postal_code_length: int | None = None,
        token_type: Literal["one-time", "reusable"] | None = None,
        charge_amount: str | None = None,
        currency: str | None = None,
        language: str | None = None,
        voice: str | None = None,
        description: str | None = None,
        valid_card_types: str | None = None,
        parameters: Sequence[d.PayParameterDict | m.PayParameter] | None = None,
        prompts: Sequence[d.PayPromptDict | m.PayPrompt] | None = None,
        ai_response: str | None = _PAY_AI_RESPONSE,
    ) -> Self:
        """Collect a card payment over the call through a payment connector.

        Unset options take the platform's defaults. ``ai_response`` (a template reading
        ``${pay_result}``) is what the AI is told afterwards; ``None`` leaves it unset.
        """
        section = CallingSection()
        if ai_response is not None:
            section.set({"ai_response": ai_response})
        section.pay(
            payment_connector_url=payment_connector_url,
            input=input_method,
            status_url=status_url,
            payment_method=payment_method,
            timeout=timeout,
            max_attempts=max_attempts,
            security_code=security_code,
            postal_code=postal_code,
            min_postal_code_length=min_postal_code_length,
            token_type=token_type,
            charge_amount=charge_amount,
            currency=currency,
            language=language,
            voice=voice,
            description=description,
            valid_card_types=valid_card_types,
            parameters=parameters,
            prompts=prompts,
        )
        return self._verb(section)

    @staticmethod
    def create_payment_prompt(
        for_situation: str,
        actions: Sequence[d.PayPromptSayActionDict | d.PayPromptPlayActionDict],
        card_type: str | None = None,
        error_type: str | None = None,
    ) -> d.PayPromptDict:
        """A ``prompts`` entry for ``pay``: what to say or play in one situation of the payment."""
        prompt: d.PayPromptDict = {"for": for_situation, "actions": list(actions)}
        if card_type is not None:
            prompt["card_type"] = card_type
        if error_type is not None:
            prompt["error_type"] = error_type
        return prompt

    @staticmethod
    def create_payment_action(
        action_type: Literal["Say", "Play"], phrase: str
    ) -> d.PayPromptSayActionDict | d.PayPromptPlayActionDict:
        """One action of a payment prompt: ``Say`` text or ``Play`` an audio URL."""
        if action_type == "Say":
            return {"type": "Say", "phrase": phrase}
        if action_type == "Play":
            return {"type": "Play", "phrase": phrase}
        raise ValueError(f"payment action type must be 'Say' or 'Play', got {action_type!r}")

    @staticmethod
    def create_payment_parameter(name: str, value: str) -> d.PayParameterDict:
        """A custom name/value pair passed to the payment connector."""
        return {"name": name, "value": value}

    def sip_refer(self, to_uri: str) -> Self:
        """Send a SIP REFER to ``to_uri``."""
        return self._verb(CallingSection().sip_refer(to_uri=to_uri))

    def send_sms(
        self,
        *,
        to_number: str,
        from_number: str,
        body: str | None = None,
        media: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        region: str | None = None,
    ) -> Self:
        """Send a text (``body``) or media message during the call."""
        if body is None and not media:
            raise ValueError("send_sms needs a body or media")
        section = CallingSection().send_sms(
            to_number=to_number, from_number=from_number, body=body, media=media, tags=tags, region=region
        )
        return self._verb(section)

    def record_call(
        self,
        *,
        control_id: str | None = None,
        stereo: bool | None = None,
        format: Literal["wav", "mp3", "mp4"] | None = None,
        direction: Literal["speak", "listen", "both"] | None = None,
        beep: bool | None = None,
        status_url: str | None = None,
    ) -> Self:
        """Start recording the call in the background."""
        section = CallingSection().record_call(
            control_id=control_id,
            stereo=stereo,
            format=format,
            direction=direction,
            beep=beep,
            status_url=status_url,
        )
        return self._verb(section)

    def stop_record_call(self, control_id: str | None = None) -> Self:
        """Stop a background recording."""
        return self._verb(CallingSection().stop_record_call(control_id=control_id))

    def tap(
        self,
        uri: str,
        *,
        control_id: str | None = None,
        direction: Literal["speak", "listen", "both"] | None = None,
        codec: Literal["PCMU", "PCMA"] | None = None,
    ) -> Self:
        """Stream the call's audio to ``uri`` (RTP or WebSocket)."""
        return self._verb(
            CallingSection().tap(uri=uri, control_id=control_id, direction=direction, codec=codec)
        )

    def stop_tap(self, control_id: str | None = None) -> Self:
        """Stop a tap."""
        return self._verb(CallingSection().stop_tap(control_id=control_id))

    def join_room(self, name: str) -> Self:
        """Join a video room."""
        return self._verb(CallingSection().join_room(name=name))

    def join_conference(self, name: str, *, muted: bool | None = None) -> Self:
        """Join an audio conference."""
        return self._verb(CallingSection().join_conference(name=name, muted=muted))

    # --- RPC commands (through an ``execute_rpc`` SWML verb) ---------------------------------
    def execute_rpc(
        self,
        method: str,
        params: JsonObject | None = None,
        *,
        call_id: str | None = None,
        node_id: str | None = None,
    ) -> Self:
        """Run a calling RPC command (``dial``, ``ai_message``, ``ai_unhold``...) on this or another call."""
        if not method:
            raise ValueError("execute_rpc needs a method name")
        section = CallingSection().execute_rpc(
            method=method, call_id=call_id or None, node_id=node_id or None, params=params or None
        )
        return self._verb(section)

    def rpc_dial(self, to_number: str, from_number: str, dest_swml: str, device_type: str = "phone") -> Self:
        """Dial out to ``to_number``; the answered leg runs the SWML served at ``dest_swml``."""
        device: JsonObject = {
            "type": device_type,
            "params": {"to_number": to_number, "from_number": from_number},
        }
        return self.execute_rpc("dial", {"devices": device, "dest_swml": dest_swml})

    def rpc_ai_message(
        self,
        call_id: str,
        message_text: str | None = None,
        *,
        role: str = "system",
        global_data: JsonObject | None = None,
    ) -> Self:
        """Give the AI agent on another call a message and/or merge ``global_data`` into its data."""
        params: JsonObject = {}
        if message_text is not None:
            params["role"] = role
            params["message_text"] = message_text
        if global_data is not None:
            params["global_data"] = dict(global_data)
        if not params:
            raise ValueError("rpc_ai_message needs message_text, global_data, or both")
        return self.execute_rpc("ai_message", params, call_id=call_id)

    def rpc_ai_global_data(self, call_id: str, data: JsonObject) -> Self:
        """Merge ``data`` into another call's global data, without a conversation turn."""
        return self.rpc_ai_message(call_id, global_data=data)

    def rpc_ai_unhold(self, call_id: str) -> Self:
        """Take another call off hold."""
        return self.execute_rpc("ai_unhold", call_id=call_id)

    def transfer_action(self, dest: str, *, summarize: bool = False) -> Self:
        """End the AI session and transfer the call with the platform's ``transfer`` action.

        ``summarize`` keeps a summary of the conversation for the transfer.
        """
        if not dest:
            raise ValueError("transfer_action needs a destination")
        value: str | m.SwaigTransfer = m.SwaigTransfer(dest=dest, summarize=True) if summarize else dest
        return self.add_action(m.SwaigTransferAction(transfer=value))

    def user_event(self, event: JsonObject) -> Self:
        """Send ``event`` to the client on the call directly (``swml_user_event`` does it through SWML)."""
        return self.add_action(m.SwaigUserEventAction(user_event=dict(event)))

    # --- output ------------------------------------------------------------------------------
    def to_dict(self) -> JsonObject:
        """The SWAIG answer: ``{"response": ..., "action": [...], "post_process": ...}``."""
        response = self.response
        if isinstance(response, str):
            out: JsonObject = {"response": response or "Action completed."}
        else:
            out = {"response": cast(JsonObject, to_dict(response))}
        if self.actions:
            out["action"] = [cast(JsonObject, to_dict(a)) for a in self.actions]
        if self.post_process:
            out["post_process"] = True
        return out

    def __repr__(self) -> str:
        return f"FunctionResult({self.response!r}, actions={len(self.actions)})"


def _non_negative(what: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a whole number >= 0, got {value!r}")
    return value


def _pom(sections: Sequence[d.PomSectionDict | m.PomSection] | None, what: str) -> list[m.PomSection] | None:
    if not sections:
        return None
    return [load_PomSection(s, f"$.{what}[{i}]") for i, s in enumerate(sections)]
