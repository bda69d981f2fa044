"""Stand-in media the emulator serves for recording URLs: valid, silent audio."""

from __future__ import annotations

import struct

__all__ = ["silent_wav"]


def silent_wav(seconds: float, rate: int = 8000) -> bytes:
    """A mono 16-bit PCM WAV file of silence."""
    samples = max(0, int(seconds * rate))
    data = b"\x00\x00" * samples
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(data),
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        rate,
        rate * 2,
        2,
        16,
        b"data",
        len(data),
    )
    return header + data
