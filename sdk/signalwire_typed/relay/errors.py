"""Exceptions of the RELAY client: each names what failed and why."""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ConnectionLostError",
    "RelayError",
    "RequestError",
    "RequestTimeoutError",
]


class RelayError(Exception):
    """Base of every error the RELAY client raises."""


class RequestError(RelayError):
    """The server answered a request with an error: a non-2xx ``code`` or a JSON-RPC error.

    ``method`` is the request (``calling.play``), ``code`` the server's code as text ("404",
    or "-32601" for a JSON-RPC error), ``message`` its explanation.
    """

    def __init__(self, method: str, code: str, message: str) -> None:
        super().__init__(f"{method} failed with code {code}: {message}")
        self.method = method
        self.code = code
        self.message = message


class AuthenticationError(RequestError):
    """``signalwire.connect`` was refused: the credentials are wrong or expired."""


class RequestTimeoutError(RelayError, TimeoutError):
    """No answer to a request within the execute timeout (the connection may be half-open)."""

    def __init__(self, method: str, timeout: float) -> None:
        super().__init__(f"{method} got no answer within {timeout:g}s")
        self.method = method
        self.timeout = timeout


class ConnectionLostError(RelayError, ConnectionError):
    """The connection dropped while a request was in flight; the server may or may not have run it."""

    def __init__(self, method: str) -> None:
        super().__init__(f"connection lost while {method} was in flight; it may or may not have run")
        self.method = method
