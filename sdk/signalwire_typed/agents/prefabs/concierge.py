"""ConciergeAgent: a venue's virtual concierge (services, amenities, hours, availability, directions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, TypedDict, Unpack

from signalwire_typed_gen._runtime import JsonValue

from ..agent import AgentBase
from ..function_result import FunctionResult
from .common import AgentOptions

__all__ = ["Amenity", "ConciergeAgent"]


class Amenity(TypedDict, total=False):
    """Facts about an amenity; ``location`` is used for directions, every key is told to the AI
    (any other string fields may be given as a plain ``dict[str, str]``)."""

    hours: str
    location: str
    description: str


_POST_PROMPT = (
    'Return a JSON summary of this interaction: {"topic": MAIN_TOPIC, "service_requested": '
    'SERVICE_OR_null, "questions_answered": [...], "follow_up_needed": true/false}'
)


class ConciergeAgent(AgentBase):
    """Tools: ``check_availability`` (a service at a date and time) and ``get_directions`` (to an amenity)."""

    def __init__(
        self,
        venue_name: str,
        services: Sequence[str],
        amenities: Mapping[str, Amenity | Mapping[str, str]],
        *,
        hours_of_operation: Mapping[str, str] | None = None,
        special_instructions: Sequence[str] = (),
        welcome_message: str | None = None,
        name: str = "concierge",
        route: str = "/concierge",
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        if not venue_name:
            raise ValueError("ConciergeAgent needs a venue_name")
        if isinstance(services, str):
            raise TypeError("ConciergeAgent services must be a list of names, not one string")
        self.venue_name = venue_name
        self.services = list(services)
        self.amenities: dict[str, dict[str, str]] = {
            k: {f: v for f, v in a.items() if isinstance(v, str)} for k, a in amenities.items()
        }
        self.hours_of_operation = dict(hours_of_operation or {"default": "9 AM - 5 PM"})
        self.prompt_add_section(
            "Personality", f"You are a professional and helpful virtual concierge for {venue_name}."
        )
        self.prompt_add_section(
            "Goal", "Help users with information, recommendations and bookings, with exceptional service."
        )
        self.prompt_add_section(
            "Instructions",
            bullets=[
                "Be warm and welcoming but professional.",
                "Give accurate information about amenities, services and opening hours.",
                "Offer to help with reservations and bookings when appropriate.",
                "Answer concisely with specific details.",
                *special_instructions,
            ],
        )
        self.prompt_add_section("Available Services", f"The services available: {', '.join(self.services)}")
        self.prompt_add_section(
            "Amenities",
            "About the amenities:",
            subsections=[
                {"title": k.title(), "body": "\n".join(f"{f.title()}: {v}" for f, v in details.items())}
                for k, details in self.amenities.items()
            ],
        )
        self.prompt_add_section(
            "Hours of Operation", "\n".join(f"{k.title()}: {v}" for k, v in self.hours_of_operation.items())
        )
        self.set_post_prompt(_POST_PROMPT)
        self.add_hints([venue_name, *self.services, *self.amenities])
        self.set_params(
            wait_for_user=False, end_of_speech_timeout=1000, ai_volume=5, local_tz="America/New_York"
        )
        if welcome_message:
            self.set_params(static_greeting=welcome_message, static_greeting_no_barge=True)
        self.set_global_data(
            {
                "venue_name": venue_name,
                "services": list(self.services),
                "amenities": {k: dict[str, JsonValue](v) for k, v in self.amenities.items()},
                "hours": dict(self.hours_of_operation),
            }
        )
        self.set_native_functions(["check_time"])

    @AgentBase.tool(
        name="check_availability", description="Check availability for a service on a specific date and time"
    )
    def check_availability(
        self,
        service: Annotated[str, "The service to check (e.g. spa, restaurant)"],
        date: Annotated[str, "The date to check (YYYY-MM-DD)"],
        time: Annotated[str, "The time to check (HH:MM, 24-hour)"],
    ) -> FunctionResult:
        wanted = service.lower().strip()
        if wanted in (s.lower() for s in self.services):
            return FunctionResult(
                f"Yes, {wanted} is available on {date} at {time}. Would you like to make a reservation?"
            )
        return FunctionResult(
            f"I'm sorry, we don't offer {wanted} at {self.venue_name}. "
            f"Our available services are: {', '.join(self.services)}."
        )

    @AgentBase.tool(name="get_directions", description="Get directions to a specific location or amenity")
    def get_directions(
        self, location: Annotated[str, "The location or amenity to get directions to"]
    ) -> FunctionResult:
        wanted = location.lower().strip()
        amenity = next((v for k, v in self.amenities.items() if k.lower() == wanted), None)
        where = amenity.get("location") if amenity else None
        if where:
            return FunctionResult(
                f"The {wanted} is located at {where}. From the main entrance, follow the signs to {where}."
            )
        return FunctionResult(
            f"I don't have specific directions to {wanted}. The staff at the front desk can help you."
        )
