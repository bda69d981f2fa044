"""Agents used by the tests (a module so the CLI can load them by ``module:attr``)."""

from __future__ import annotations

import enum
from typing import Annotated, Literal, TypedDict

import attrs
from signalwire_typed.agents import AgentBase, DataMap, FunctionResult, SwaigRequest
from signalwire_typed_gen._runtime import JsonObject, JsonValue


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.define
class Address:
    street: str
    zip_code: int
    unit: str | None = None


class Window(TypedDict):
    start: int
    end: int


SUMMARIES: list[tuple[JsonValue, JsonObject]] = []
STARTS: list[str | None] = []


class ShopAgent(AgentBase):
    """An agent using every feature."""

    @AgentBase.tool(description="Look up the weather", fillers={"en-US": ["Checking"]})
    def weather(
        self,
        city: Annotated[str, "City name"],
        units: Literal["c", "f"] = "c",
        days: int = 1,
    ) -> FunctionResult:
        return FunctionResult(f"{city}: sunny for {days} day(s), units {units}").say("Here you go")

    @AgentBase.tool()
    def order(
        self,
        items: list[str],
        color: Color,
        address: Address,
        window: Window,
        rush: bool = False,
        tip: float | None = None,
    ) -> FunctionResult:
        """Place an order.

        Args:
            items: What to order.
            color: Wrapping colour.
        """
        assert isinstance(color, Color) and isinstance(address, Address)
        return FunctionResult(
            f"{len(items)} items, {color.value}, {address.street} {address.zip_code}, "
            f"{window['start']}-{window['end']}, rush={rush}, tip={tip!r}"
        ).update_global_data({"ordered": True})

    @AgentBase.tool(description="Who is calling", secure=False)
    async def whoami(self, request: SwaigRequest) -> str:
        return f"call {request.call_id} global {request.global_data.get('tier')}"

    @AgentBase.tool(description="Always fails")
    def broken(self) -> FunctionResult:
        raise RuntimeError("secret internal detail")

    def on_summary(self, summary: JsonValue, raw: JsonObject) -> None:
        SUMMARIES.append((summary, raw))

    def on_call_start(self, request: SwaigRequest) -> FunctionResult | None:
        STARTS.append(request.call_id)
        return FunctionResult("started").say("Welcome!")


def build_shop(route: str = "/shop") -> ShopAgent:
    agent = ShopAgent("shop", route=route, basic_auth=("user", "pass"), record_call=True)
    agent.prompt_add_section(
        "Role", "You sell things.", bullets=["Be brief", "Be kind"], numbered_bullets=True
    )
    agent.prompt_add_subsection("Role", "Tone", "Friendly")
    agent.prompt_add_to_section("Rules", bullet="Never lie")
    agent.set_post_prompt("Summarise the call as JSON")
    agent.set_prompt_llm_params(temperature=0.3, top_p=0.9)
    agent.set_post_prompt_llm_params(temperature=0.1)
    agent.add_language("English", "en-US", "rime.spore", speech_fillers=["um"], function_fillers=["one sec"])
    agent.add_language("French", "fr-FR", "fr-FR-Neural2-B", engine="gcloud")
    agent.add_hints(["SignalWire", "SWAIG"])
    agent.add_pattern_hint("swig", "swig", "SWAIG", ignore_case=True)
    agent.add_pronunciation("API", "A P I", ignore_case=True)
    agent.set_params(end_of_speech_timeout=600, ai_model="gpt-4.1-mini", wait_for_user=False)
    agent.set_param("brand_new_param", 3)
    agent.set_global_data({"tier": "gold"})
    agent.update_global_data({"region": "eu"})
    agent.set_native_functions(["check_time", "wait_seconds"])
    agent.add_internal_filler("next_step", "en-US", ["Moving on"])
    agent.add_function_include("https://tools.example.com/swaig", ["lookup"], {"k": 1})
    agent.enable_debug_events()
    agent.add_pre_answer_verb({"play": {"url": "ring:us"}})
    agent.add_post_answer_verb({"sleep": 100})
    agent.add_post_ai_verb({"hangup": {}})
    agent.add_skill("math")
    agent.add_skill("datetime")
    agent.register_swaig_function(
        DataMap("joke")
        .description("Tell a joke")
        .parameter("topic", "string", "Topic", required=True, enum=["cats", "dogs"])
        .webhook("GET", "https://jokes.example.com/?t=${enc:args.topic}")
        .output(FunctionResult("${response.joke}"))
        .fallback_output(FunctionResult("No joke today"))
    )
    contexts = agent.define_contexts()
    default = contexts.add_context("default")
    default.add_step("greet").set_text("Greet the caller").set_valid_steps(["next"]).set_functions(
        ["weather"]
    )
    default.add_step("help").add_section("Task", "Help").set_step_criteria("done").set_valid_contexts(
        ["billing"]
    )
    billing = contexts.add_context("billing").set_isolated().set_enter_fillers({"en-US": ["Billing now"]})
    billing.add_step("pay").set_text("Take payment").set_end()
    return agent


shop = build_shop()
