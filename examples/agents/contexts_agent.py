"""Contexts and steps: a structured conversation that moves from greeting to booking to billing.

The greeting gathers the party size and time one question at a time (answers land in
``global_data.booking``); entering billing swaps the system prompt and condenses the history.
"""

from __future__ import annotations

from signalwire_typed import AgentBase, FunctionResult


def book_table(people: int, time: str) -> FunctionResult:
    """Book a table.

    Args:
        people: How many guests.
        time: When, as HH:MM.
    """
    return FunctionResult(f"Booked a table for {people} at {time}.").change_step("confirm")


def create_agent() -> AgentBase:
    agent = AgentBase("bistro", route="/bistro", basic_auth=("demo", "demo-password"))
    agent.prompt_add_section("Role", "You take reservations for a small bistro.")
    agent.define_tool("book_table", "Book a table", book_table)
    contexts = agent.define_contexts()
    default = contexts.add_context("default")
    (
        default.add_step("greet")
        .set_text("Greet the caller, then ask the booking questions.")
        .set_valid_steps(["book"])
        .set_gather_info(output_key="booking", completion_action="book", prompt="Be warm and brief.")
        .add_gather_question("people", "How many people?", type="integer")
        .add_gather_question("time", "What time, as HH:MM?", confirm=True)
    )
    default.add_step("book").add_section("Task", "Book the table with book_table.").set_functions(
        ["book_table"]
    ).set_step_criteria("The table is booked")
    default.add_step("confirm").set_text("Confirm the booking.").set_valid_contexts(["billing"])
    billing = (
        contexts.add_context("billing")
        .set_isolated()
        .set_enter_fillers({"en-US": ["Let me get billing"]})
        .set_system_prompt("You explain the bistro's deposit policy, nothing else.")
        .set_consolidate()
    )
    billing.add_step("deposit").set_text("Explain the deposit policy.").set_end()
    return agent


if __name__ == "__main__":
    create_agent().run(host="127.0.0.1", port=3000)
