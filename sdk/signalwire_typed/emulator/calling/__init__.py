"""Calling: the ``calling.*`` methods, their long-running actions, and outbound legs."""
