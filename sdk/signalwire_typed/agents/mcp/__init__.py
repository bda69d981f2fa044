"""MCP: an agent's tools served to MCP clients (``agent.enable_mcp_server()``).

To let SignalWire use the tools of an external MCP server during a call, see
``AgentBase.add_mcp_server``.
"""

from __future__ import annotations

from .endpoint import SUPPORTED_PROTOCOL_VERSIONS, McpEndpoint

__all__ = ["SUPPORTED_PROTOCOL_VERSIONS", "McpEndpoint"]
