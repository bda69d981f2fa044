"""signalwire-typed: a fully typed, code-generated Python SDK for SignalWire.

Everything is imported lazily, so ``import signalwire_typed`` loads only what you then use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from signalwire_typed_gen._runtime import ValidationError

from ._lazy import lazy_getattr

if TYPE_CHECKING:
    from .agents import AgentBase, AgentServer, DataMap, FunctionResult
    from .relay import RelayClient
    from .rest import AsyncRestClient, RestClient
    from .swml import Document, MessagingDocument

__version__ = "0.1.0"
__all__ = [
    "AgentBase",
    "AgentServer",
    "AsyncRestClient",
    "DataMap",
    "Document",
    "FunctionResult",
    "MessagingDocument",
    "RelayClient",
    "RestClient",
    "ValidationError",
    "__version__",
]

_LAZY = {
    "AgentBase": ".agents",
    "AgentServer": ".agents",
    "AsyncRestClient": ".rest",
    "DataMap": ".agents",
    "Document": ".swml",
    "FunctionResult": ".agents",
    "MessagingDocument": ".swml",
    "RelayClient": ".relay",
    "RestClient": ".rest",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
