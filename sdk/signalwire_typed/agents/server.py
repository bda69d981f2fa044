"""AgentServer: several agents on one ASGI app, by route, with SIP user-name routing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .agent import AgentBase

if TYPE_CHECKING:
    from .app import AgentApp

__all__ = ["AgentServer"]


class AgentServer:
    """Hosts several agents, each at its own route, on one server."""

    def __init__(self, host: str = "0.0.0.0", port: int = 3000) -> None:
        self.host = host
        self.port = port
        # The web layer (and asyncio) loads when a server is made, not when the package is imported.
        from .app import AgentApp

        self._app: AgentApp = AgentApp([])

    def register(self, agent: AgentBase, route: str | None = None) -> AgentServer:
        """Serve ``agent`` at ``route`` (default: its own)."""
        if route is not None:
            if not route.startswith("/"):
                raise ValueError(f"route must start with '/', got {route!r}")
            agent.route = route.rstrip("/")
        self._app.add(agent)
        return self

    def get_agents(self) -> dict[str, AgentBase]:
        """Route to agent."""
        return {route or "/": agent for route, agent in self._app.agents.items()}

    def setup_sip_routing(self, route: str = "/sip", auto_map: bool = True) -> AgentServer:
        """Answer SWML requests at ``route`` with the agent named by the SIP user the call is for."""
        self._app.sip_route = route
        if auto_map:
            for agent_route in self._app.agents:
                if agent_route:
                    self._app.sip_users.setdefault(agent_route.strip("/").replace("/", "_"), agent_route)
        return self

    def register_sip_username(self, username: str, route: str) -> AgentServer:
        """Send calls for SIP user ``username`` to the agent at ``route``."""
        key = route.rstrip("/")
        if key not in self._app.agents:
            raise ValueError(f"no agent is registered at {route!r}")
        self._app.sip_users[username] = key
        return self

    @property
    def asgi_app(self) -> AgentApp:
        """All agents as one ASGI application."""
        return self._app

    def run(self, host: str | None = None, port: int | None = None) -> None:
        """Serve with uvicorn (blocks until stopped)."""
        import uvicorn

        for agent in self._app.agents.values():
            agent.auth  # noqa: B018 - resolve credentials before serving
        uvicorn.run(self._app, host=host or self.host, port=port or self.port, log_level="warning")
