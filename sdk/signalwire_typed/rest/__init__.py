"""The typed SignalWire REST client, sync and async.

``from signalwire_typed.rest import RestClient`` loads the transport only; each namespace
(``client.fabric``, ``client.calling``, ``client.phone_numbers``...) loads on first use.
"""

from __future__ import annotations

from signalwire_typed_gen.rest._rt import NOT_GIVEN, AsyncPager, NotGiven, SyncPager

from ._client import AsyncRestClient, RestClient
from ._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    FieldError,
    NotFoundError,
    RateLimitError,
    ValidationError,
)

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AsyncRestClient",
    "AuthenticationError",
    "FieldError",
    "NotFoundError",
    "NotGiven",
    "RateLimitError",
    "RestClient",
    "SyncPager",
    "ValidationError",
]
