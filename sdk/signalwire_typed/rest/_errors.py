"""Exceptions raised by the REST clients; none of them carries credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from signalwire_typed_gen._runtime import JsonValue

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "FieldError",
    "NotFoundError",
    "RateLimitError",
    "ValidationError",
]


class APIError(Exception):
    """Base of every error the REST client raises for a request it sent or tried to send."""

    def __init__(self, message: str, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The server could not be reached (after the retries allowed)."""


class APITimeoutError(APIConnectionError):
    """The request timed out (after the retries allowed)."""


class APIStatusError(APIError):
    """The server answered with an error status.

    ``status_code``, ``body`` (the decoded JSON or text), ``request_id`` (the server's
    X-Request-Id, if any) and the raw ``response`` say what happened.
    """

    def __init__(self, message: str, response: httpx.Response, body: JsonValue) -> None:
        super().__init__(message, response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.request_id = response.headers.get("x-request-id")


class AuthenticationError(APIStatusError):
    """401 or 403: the project id or token is wrong, or lacks the permission."""


class NotFoundError(APIStatusError):
    """404: no such resource."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the wait the server asked for, in seconds."""

    def __init__(self, message: str, response: httpx.Response, body: JsonValue) -> None:
        super().__init__(message, response, body)
        self.retry_after = retry_after_seconds(response)


class FieldError:
    """One problem the server found in a request (a 422 ``errors`` item)."""

    __slots__ = ("attribute", "code", "message", "type", "url")

    def __init__(self, item: dict[str, JsonValue]) -> None:
        self.type = _text(item.get("type"))
        self.code = _text(item.get("code"))
        self.message = _text(item.get("message"))
        attribute = item.get("attribute")
        self.attribute = attribute if isinstance(attribute, str) else None
        self.url = _text(item.get("url"))

    def __repr__(self) -> str:
        return f"FieldError(attribute={self.attribute!r}, code={self.code!r}, message={self.message!r})"


class ValidationError(APIStatusError):
    """422: the server refused the request's fields; ``errors`` lists each problem."""

    def __init__(self, message: str, response: httpx.Response, body: JsonValue) -> None:
        super().__init__(message, response, body)
        items = body.get("errors") if isinstance(body, dict) else None
        self.errors = [FieldError(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _text(v: JsonValue) -> str:
    return v if isinstance(v, str) else ""


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The Retry-After header as seconds (a number or an HTTP date), or None."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    import datetime

    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


def status_error(response: httpx.Response, body: JsonValue) -> APIStatusError:
    """The typed exception for an error answer, with a message naming the request and the reason."""
    request = response.request
    reason = _reason(body) or response.reason_phrase
    message = f"{request.method} {request.url.path} failed with {response.status_code}: {reason}"
    status = response.status_code
    cls: type[APIStatusError]
    if status in (401, 403):
        cls = AuthenticationError
    elif status == 404:
        cls = NotFoundError
    elif status == 422:
        cls = ValidationError
    elif status == 429:
        cls = RateLimitError
    else:
        cls = APIStatusError
    return cls(message, response, body)


def _reason(body: JsonValue) -> str:
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            parts = []
            for e in errors:
                if isinstance(e, dict):
                    where = e.get("attribute")
                    text = _text(e.get("message")) or _text(e.get("code"))
                    parts.append(f"{where}: {text}" if isinstance(where, str) and where else text)
            return "; ".join(parts)
        error = body.get("error")
        if isinstance(error, str):
            return error
    if isinstance(body, str):
        return body[:200]
    return ""
