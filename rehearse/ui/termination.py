"""Ending on SIGTERM (a `kill`) or SIGHUP (the terminal closed): the app records what was
typed and exits, and the process ends even when the app cannot.

The handlers are plain signal handlers, not the event loop's: after a hangup the loop can
be stuck writing to the closed terminal (Textual's writer thread dies on the first write
and the writes queue up behind it), and then nothing it would run ever runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

TEARDOWN_LIMIT = 10.0  # seconds from the signal to the end of the process, whatever happens
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def end_now(code: int) -> None:
    os._exit(code)  # no clean-up left to wait for: the journal was written, or cannot be


def terminal_open() -> bool:
    stream = sys.__stderr__  # what Textual's Linux driver writes the screen to
    return stream is not None and os.isatty(stream.fileno())


class Termination:
    def __init__(self, terminated: Callable[[int], None]) -> None:
        self._terminated = terminated  # run in the event loop: record, then exit
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            watchdog = threading.Timer(TEARDOWN_LIMIT, end_now, (128 + signum,))
            watchdog.daemon = True
            watchdog.start()
            loop.call_soon_threadsafe(self._terminated, signum)

        for signum in ENDING_SIGNALS:
            self._previous[signum] = signal.signal(signum, on_signal)
        # Textual takes the terminal back on SIGCONT, and a closed terminal sends SIGHUP then
        # SIGCONT (tmux kill-server, a terminal window closed): that started a writer thread
        # which died on its first write, and the shutdown then waited on it for ever.
        resume = signal.getsignal(signal.SIGCONT)
        if callable(resume):

            def on_continue(signum: int, frame: FrameType | None) -> None:
                if terminal_open():
                    resume(signum, frame)

            self._previous[signal.SIGCONT] = signal.signal(signal.SIGCONT, on_continue)

    def restore(self) -> None:
        """The handlers as they were: the app is on its way out."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
