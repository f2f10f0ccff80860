"""Bytes from the terminal that are not UTF-8 (a binary file pasted, a terminal set to
another encoding) come in as U+FFFD: Textual's input thread decodes them strictly, and
one such byte ended the app with a traceback."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import partial


def _replacing(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    return partial(codecs.getincrementaldecoder(encoding), errors="replace")


def read_undecodable_input_as_replacement() -> None:
    """Once, before the app runs (the driver's input thread makes its decoder then)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # not a POSIX terminal: another driver, another decoder
        return
    if getattr(linux_driver, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
        linux_driver.getincrementaldecoder = _replacing
