"""ReceptionistAgent: greets callers, notes who they are and why they call, and transfers them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypedDict, Unpack

from signalwire_typed_gen._runtime import JsonObject

from ..agent import AgentBase
from ..function_result import FunctionResult
from ..tools import SwaigRequest
from .common import AgentOptions

__all__ = ["Department", "ReceptionistAgent"]


class Department(TypedDict):
    """Where a caller can be transferred: its name, what it handles and its number (or SIP address)."""

    name: str
    description: str
    number: str


_POST_PROMPT = (
    'Return a JSON summary of the conversation: {"caller_name": NAME, "reason": REASON, '
    '"department": DEPARTMENT_TRANSFERRED_TO, "satisfaction": "high/medium/low"}'
)


class ReceptionistAgent(AgentBase):
    """Tools: ``collect_caller_info`` (name and reason) and ``transfer_call`` (to a department)."""

    def __init__(
        self,
        departments: Sequence[Department],
        *,
        greeting: str = "Thank you for calling. How can I help you today?",
        voice: str = "rime.spore",
        name: str = "receptionist",
        route: str = "/receptionist",
        **options: Unpack[AgentOptions],
    ) -> None:
        super().__init__(name, route, **options)
        if not departments:
            raise ValueError("ReceptionistAgent needs at least one department")
        for i, dept in enumerate(departments, 1):
            for field in ("name", "description", "number"):
                if not isinstance(dept.get(field), str) or not dept.get(field):
                    raise ValueError(f"ReceptionistAgent: department {i} needs a non-empty string {field!r}")
        names = [d["name"] for d in departments]
        if len(set(names)) != len(names):
            raise ValueError("ReceptionistAgent: department names must be unique")
        self.departments = {d["name"]: d for d in departments}
        self.greeting = greeting
        self.set_global_data(
            {
                "departments": [
                    {"name": d["name"], "description": d["description"], "number": d["number"]}
                    for d in departments
                ],
                "caller_info": {},
            },
        )
        self.prompt_add_section(
            "Personality",
            "You are a friendly and professional receptionist who speaks clearly, efficiently and warmly.",
        )
        self.prompt_add_section(
            "Goal",
            "Greet callers, collect their basic information and transfer them to the right department.",
        )
        self.prompt_add_section(
            "Instructions",
            bullets=[
                f"Begin by greeting the caller with: '{greeting}'",
                "Collect their name and a brief description of what they need.",
                "Use the collect_caller_info function once you have their name and reason for calling.",
                "Use the transfer_call function to transfer them to the right department.",
                "Before transferring, confirm the department with the caller.",
                "If the request does not clearly match a department, ask follow-up questions.",
            ],
        )
        self.prompt_add_section(
            "Available Departments", bullets=[f"{d['name']}: {d['description']}" for d in departments]
        )
        self.set_post_prompt(_POST_PROMPT)
        self.set_params(end_of_speech_timeout=700, speech_event_timeout=1000, transfer_summary=True)
        self.add_language("English", "en-US", voice)
        self.define_tool(
            "transfer_call",
            "Transfer the caller to the appropriate department",
            self._transfer_call,
            parameters={
                "type": "object",
                "properties": {
                    "department": {
                        "type": "string",
                        "description": "The department to transfer to",
                        "enum": names,
                    }
                },
                "required": ["department"],
            },
        )

    @AgentBase.tool(name="collect_caller_info", description="Collect the caller's information for routing")
    def collect_caller_info(
        self,
        name: Annotated[str, "The caller's name"],
        reason: Annotated[str, "The reason for the call"],
    ) -> FunctionResult:
        result = FunctionResult(f"Thank you, {name}. I've noted that you're calling about {reason}.")
        return result.update_global_data({"caller_info": {"name": name, "reason": reason}})

    def _transfer_call(self, request: SwaigRequest, department: str) -> FunctionResult:
        target = self.departments.get(department)
        if target is None:
            known = ", ".join(self.departments)
            return FunctionResult(f"Sorry, there is no {department!r} department. Departments: {known}.")
        info = request.global_data.get("caller_info")
        caller: JsonObject = info if isinstance(info, dict) else {}
        who = caller.get("name")
        result = FunctionResult(
            f"I'll transfer you to our {department} department now. "
            f"Thank you for calling, {who if isinstance(who, str) and who else 'the caller'}!",
            post_process=True,
        )
        return result.connect(target["number"], final=True)
