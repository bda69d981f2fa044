"""What every prefab shares: the AgentBase options it passes through."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypedDict

from ..agent import NativeFunction

__all__ = ["AgentOptions"]


class AgentOptions(TypedDict, total=False):
    """AgentBase keyword arguments a prefab passes on unchanged."""

    host: str
    port: int | None
    basic_auth: tuple[str, str] | None
    auto_answer: bool
    record_call: bool
    record_format: Literal["wav", "mp3", "mp4"]
    record_stereo: bool
    token_expiry_secs: int
    max_body_bytes: int
    native_functions: Sequence[NativeFunction]
    signing_key: str | None
    trust_proxy_for_signature: bool
