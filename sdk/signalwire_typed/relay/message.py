"""An SMS/MMS message: received (``messaging.receive``) or sent and followed through ``messaging.state``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from ._tasks import call_handler

if TYPE_CHECKING:
    from signalwire_typed_gen.relay.events import MessagingStateEvent

__all__ = ["TERMINAL_STATES", "Message"]

TERMINAL_STATES: Final = frozenset({"delivered", "undelivered", "failed"})
"""States after which a message changes no more."""


def _str_list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class Message:
    """One message. Outbound: ``await message.wait()`` returns the event of its final state."""

    def __init__(
        self,
        *,
        message_id: str,
        context: str,
        direction: str,
        from_number: str,
        to_number: str,
        body: str | None = None,
        media: list[str] | None = None,
        segments: int | None = None,
        state: str,
        reason: str | None = None,
        tags: list[str] | None = None,
    ) -> None:
        self.message_id = message_id
        self.context = context
        self.direction = direction
        """``inbound`` or ``outbound``."""
        self.from_number = from_number
        self.to_number = to_number
        self.body = body
        self.media: list[str] = media or []
        self.segments = segments
        self.state = state
        """``queued``, ``initiated``, ``sent``, ``delivered``, ``undelivered``, ``failed`` or ``received``."""
        self.reason = reason
        """Why delivery failed, when it did."""
        self.tags: list[str] = tags or []
        self._listeners: list[Callable[[MessagingStateEvent], object]] = []
        self._done: asyncio.Future[MessagingStateEvent] = asyncio.get_running_loop().create_future()

    @classmethod
    def _from_params(cls, params: Mapping[str, object], *, direction: str = "inbound") -> Message:
        def text(key: str) -> str | None:
            value = params.get(key)
            return value if isinstance(value, str) else None

        segments = params.get("segments")
        return cls(
            message_id=text("message_id") or "",
            context=text("context") or "",
            direction=text("direction") or direction,
            from_number=text("from_number") or "",
            to_number=text("to_number") or "",
            body=text("body"),
            media=_str_list(params.get("media")),
            segments=segments if isinstance(segments, int) else None,
            state=text("message_state") or "received",
            reason=text("reason"),
            tags=_str_list(params.get("tags")),
        )

    @property
    def completed(self) -> bool:
        """True once the message reached a final state (delivered, undelivered or failed)."""
        return self._done.done()

    is_done = completed

    @property
    def result(self) -> MessagingStateEvent | None:
        """The event of the final state, or None before it."""
        return self._done.result() if self._done.done() else None

    def on(self, handler: Callable[[MessagingStateEvent], object]) -> None:
        """Call ``handler`` with every state change of this message (it may be async)."""
        self._listeners.append(handler)

    async def wait(self, timeout: float | None = None) -> MessagingStateEvent:
        """Wait for a final state; its event (check ``message.state`` for the outcome)."""
        if timeout is None:
            return await asyncio.shield(self._done)
        async with asyncio.timeout(timeout):
            return await asyncio.shield(self._done)

    def _state_changed(self, event: MessagingStateEvent, params: Mapping[str, object]) -> None:
        state = params.get("message_state")
        if isinstance(state, str):
            self.state = state
        reason = params.get("reason")
        if isinstance(reason, str):
            self.reason = reason
        segments = params.get("segments")
        if isinstance(segments, int):
            self.segments = segments
        for handler in list(self._listeners):
            call_handler(handler, event, f"message {self.message_id} state handler")
        if self.state in TERMINAL_STATES and not self._done.done():
            self._done.set_result(event)

    def __repr__(self) -> str:
        return (
            f"Message(id={self.message_id!r}, direction={self.direction!r}, state={self.state!r}, "
            f"from={self.from_number!r}, to={self.to_number!r})"
        )
