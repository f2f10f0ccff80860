"""Questions read aloud with espeak-ng, when it is installed; without it, silence."""

from __future__ import annotations

import shutil
import subprocess

from rehearse.core.hangul import has_hangul

VOICE_COMMAND = "espeak-ng"


def language_of(text: str) -> str:
    return "ko" if has_hangul(text) else "en"


def speak_command(text: str) -> list[str] | None:
    executable = shutil.which(VOICE_COMMAND)
    if executable is None:
        return None
    return [executable, "-v", language_of(text), "--", text]


def speak(text: str) -> subprocess.Popen[bytes] | None:
    """Start reading `text` aloud without waiting; None when there is no voice to do it."""
    command = speak_command(text)
    if command is None:
        return None
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None
