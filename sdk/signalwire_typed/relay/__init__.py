"""RELAY: SignalWire's realtime calling and messaging API over one WebSocket, fully typed.

    from signalwire_typed.relay import RelayClient

    client = RelayClient(project="...", token="...", contexts=["office"])

    @client.on_call
    async def on_call(call):
        await call.answer()
        action = await call.play_tts("Hello!")
        await action.wait()
        await call.hangup()

    client.run()

Everything here loads on first use: ``import signalwire_typed.relay`` alone costs almost nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

if TYPE_CHECKING:
    from .actions import (
        Action,
        AIAction,
        CallEndedError,
        CollectAction,
        DetectAction,
        FaxAction,
        PayAction,
        PlayAction,
        PlayAndCollectAction,
        RecordAction,
        StreamAction,
        TapAction,
        TranscribeAction,
    )
    from .call import Call
    from .client import DialError, RelayClient
    from .errors import (
        AuthenticationError,
        ConnectionLostError,
        RelayError,
        RequestError,
        RequestTimeoutError,
    )
    from .message import Message

__all__ = [
    "AIAction",
    "Action",
    "AuthenticationError",
    "Call",
    "CallEndedError",
    "CollectAction",
    "ConnectionLostError",
    "DetectAction",
    "DialError",
    "FaxAction",
    "Message",
    "PayAction",
    "PlayAction",
    "PlayAndCollectAction",
    "RecordAction",
    "RelayClient",
    "RelayError",
    "RequestError",
    "RequestTimeoutError",
    "StreamAction",
    "TapAction",
    "TranscribeAction",
]

_LAZY = {
    **dict.fromkeys(
        [
            "AIAction",
            "Action",
            "CallEndedError",
            "CollectAction",
            "DetectAction",
            "FaxAction",
            "PayAction",
            "PlayAction",
            "PlayAndCollectAction",
            "RecordAction",
            "StreamAction",
            "TapAction",
            "TranscribeAction",
        ],
        ".actions",
    ),
    "Call": ".call",
    "DialError": ".client",
    "RelayClient": ".client",
    "Message": ".message",
    **dict.fromkeys(
        ["AuthenticationError", "ConnectionLostError", "RelayError", "RequestError", "RequestTimeoutError"],
        ".errors",
    ),
}


__getattr__ = lazy_getattr(__name__, _LAZY)
