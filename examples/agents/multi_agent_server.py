"""Several agents on one server, by route, with SIP user names routed to them."""

from __future__ import annotations

from signalwire_typed import AgentBase, AgentServer, FunctionResult


def make_agent(name: str, route: str, role: str) -> AgentBase:
    agent = AgentBase(name, route=route, basic_auth=("demo", "demo-password"))
    agent.prompt_add_section("Role", role)

    def transfer_to_human() -> FunctionResult:
        return FunctionResult("Transferring you to a person.").connect("+15551230000")

    agent.define_tool("transfer_to_human", "Transfer the caller to a person", transfer_to_human)
    return agent


def create_server() -> AgentServer:
    server = AgentServer(host="127.0.0.1", port=3000)
    server.register(make_agent("sales", "/sales", "You sell our products."))
    server.register(make_agent("support", "/support", "You fix problems."))
    server.setup_sip_routing("/sip")
    server.register_sip_username("helpdesk", "/support")
    return server


if __name__ == "__main__":
    create_server().run()
