"""A program in a pseudo-terminal, and the screen it has drawn (pyte emulates the terminal).

The benchmarks read what a user would see: `Terminal.wait_until(test)` reads the
program's output, feeds it to a 120x36 terminal emulator, and returns the moment
the chunk that made `test(screen)` true was read (before it was fed, so the
emulator's own cost is not counted).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

COLUMNS, ROWS = 120, 36
GIVE_UP_AFTER = 30.0  # seconds for anything to show up


def environment(folder: Path) -> dict[str, str]:
    """The environment of a program under test: a plain xterm, no user config or data."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "TMUX")) and key not in ("COLUMNS", "LINES")
    }
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        REHEARSE_CONFIG=str(folder / "config.yaml"),  # never created unless a bench writes it
        REHEARSE_DATA=str(folder / "data"),  # nor the user's recovery journal
    )
    return env


class Terminal:
    """A child process in a pty, with the screen it has drawn so far."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self.tail = b""  # the last bytes read, to show when something never appears
        self.alive = True

    def press(self, keys: bytes) -> float:
        """Write `keys`; the moment they were written."""
        os.write(self.fd, keys)
        return time.perf_counter()

    def read(self, timeout: float) -> float | None:
        """Read and feed one chunk; the moment it was read, None if nothing came."""
        if not self.alive:
            return None
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # the child is gone
            chunk = b""
        now = time.perf_counter()
        if not chunk:
            self.alive = False
            return None
        self.tail = (self.tail + chunk)[-600:]
        self._stream.feed(chunk)
        return now

    def wait_until(
        self, test: Callable[[pyte.Screen], bool], within: float = GIVE_UP_AFTER
    ) -> float | None:
        """The moment the output first made `test` true; None if it did not within `within`."""
        if test(self.screen):
            return time.perf_counter()
        deadline = time.perf_counter() + within
        while self.alive and time.perf_counter() < deadline:
            when = self.read(min(0.05, max(0.0, deadline - time.perf_counter())))
            if when is not None and test(self.screen):
                return when
        return None

    def drain(self, quiet: float) -> None:
        """Read until nothing has come for `quiet` seconds."""
        while self.read(quiet) is not None:
            pass

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def proc_status_mb(pid: int, field: str) -> float:
    """A memory figure of /proc/PID/status (VmRSS, VmHWM) in MB (10^6 bytes)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(terminal: Terminal, quiet: float = 0.5, within: float = 60.0) -> float:
    """Read the output until the process used no CPU for `quiet` seconds; how long it took."""
    start = time.perf_counter()
    last = cpu_seconds(terminal.pid)
    calm_since = time.perf_counter()
    while time.perf_counter() - start < within:
        terminal.read(0.05)
        now = cpu_seconds(terminal.pid)
        if now - last > 0.011:  # more than a clock tick of work
            last, calm_since = now, time.perf_counter()
        elif time.perf_counter() - calm_since >= quiet:
            break
    return time.perf_counter() - start
