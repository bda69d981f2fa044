"""Example agents, each a module with a ``create_agent()`` (or ``create_server()``) factory."""
