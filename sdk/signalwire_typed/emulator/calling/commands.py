"""Every ``calling.*`` method, registered by the modules of this package; imported for that."""

from __future__ import annotations

from . import features, lifecycle, media_commands
from .far_end import deliver_digits, deliver_speech, end_call
from .registry import HANDLERS

__all__ = [
    "HANDLERS",
    "deliver_digits",
    "deliver_speech",
    "end_call",
    "features",
    "lifecycle",
    "media_commands",
]
