"""A module imported on first use: keeps ``from signalwire_typed.relay import RelayClient`` light."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LazyModule"]


class LazyModule:
    """Stands in for module ``path`` as the global ``name`` of ``namespace``; the first attribute
    read imports the module and puts it in its place, so later reads cost nothing extra."""

    def __init__(self, path: str, name: str, namespace: dict[str, Any]) -> None:
        self._path = path
        self._name = name
        self._namespace = namespace

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self._path)
        self._namespace[self._name] = module
        return getattr(module, attribute)
