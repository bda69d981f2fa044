"""Signature tests reuse the agents' live-server fixtures (uvicorn on 127.0.0.1) and per-test timeout."""

from __future__ import annotations

from ..agents.conftest import LiveServer, _per_test_timeout, call_url, client, function_url, serve

__all__ = ["LiveServer", "_per_test_timeout", "call_url", "client", "function_url", "serve"]
