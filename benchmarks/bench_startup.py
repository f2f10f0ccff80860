"""Start to first painted frame of the installed `rehearse` binary, in a pseudo-terminal.

    .venv/bin/python benchmarks/bench_startup.py
    .venv/bin/python benchmarks/bench_startup.py --runs 11

For the shipped answers (answers/) and for a generated corpus of 10k questions in 100
files, it starts the venv's `rehearse` in a 120x36 pty (TERM=xterm-256color; empty
REHEARSE_CONFIG and REHEARSE_DATA locations), reads what it writes until the first
note's name (the first row the question tree paints) appears in the byte stream, and
takes that moment as the first painted frame. It then reads peak RSS (VmHWM in
/proc/PID/status) and kills the process. One warm-up run is not counted; median and
min of the rest are printed beside the targets of GUIDE §4. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402

BINARY = Path(sys.executable).parent / "rehearse"
SHIPPED = ROOT / "answers"
COLUMNS, ROWS = 120, 36
GIVE_UP_AFTER = 30.0  # seconds without the marker: report a failed run
TARGET_SHIPPED_S = 0.6
TARGET_10K_S = 1.0
TARGET_RSS_MB = 150.0


@dataclass(frozen=True)
class Run:
    seconds: float | None  # None: the marker never appeared
    peak_rss_mb: float
    tail: bytes  # the last bytes read, for a failed run


def _environment(config: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "TMUX")) and key not in ("COLUMNS", "LINES")
    }
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        REHEARSE_CONFIG=str(config),  # never created: no user config is read
        REHEARSE_DATA=str(config.parent / "data"),  # nor the user's recovery journal
    )
    return env


def _peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_once(notes: Path, marker: str, config: Path) -> Run:
    env = _environment(config)
    argv = [str(BINARY), str(notes)]
    needle = marker.encode("utf-8")
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: size the terminal, then become rehearse
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = bytearray()
    found: float | None = None
    try:
        deadline = started + GIVE_UP_AFTER
        while found is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child is gone
                break
            if not chunk:
                break
            search_from = max(0, len(seen) - len(needle))
            seen += chunk
            if seen.find(needle, search_from) != -1:
                found = time.perf_counter() - started
        peak = _peak_rss_mb(pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)
    return Run(found, peak, bytes(seen[-400:]))


def measure(label: str, notes: Path, marker: str, runs: int, target: float) -> list[Run]:
    with tempfile.TemporaryDirectory(prefix="rehearse-config-") as folder:
        config = Path(folder) / "config.yaml"
        start_once(notes, marker, config)  # warm-up: page cache, .pyc files
        results = [start_once(notes, marker, config) for _ in range(runs)]
    times = [run.seconds for run in results if run.seconds is not None]
    failed = len(results) - len(times)
    if failed:
        print(f"{label}: {failed} of {runs} runs never painted {marker!r}; last output:")
        print(f"  {results[-1].tail!r}")
    if times:
        rss = [run.peak_rss_mb for run in results]
        print(
            f"{label}: first frame median {statistics.median(times):.3f} s,"
            f" min {min(times):.3f} s ({len(times)} runs)   target <= {target:.1f} s;"
            f" peak RSS median {statistics.median(rss):.0f} MB"
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not BINARY.is_file():
        sys.exit(f"rehearse is not installed beside this Python: {BINARY} (run `make test`)")

    print(f"binary: {BINARY}  terminal: {COLUMNS}x{ROWS} pty, TERM=xterm-256color")
    shipped_marker = sorted(p.name for p in SHIPPED.glob("*.md"))[0]
    measure(
        f"shipped answers ({len(list(SHIPPED.glob('*.md')))} files)",
        SHIPPED,
        shipped_marker,
        args.runs,
        TARGET_SHIPPED_S,
    )
    with tempfile.TemporaryDirectory(prefix="rehearse-bench-") as tmp:
        corpus = generate(Path(tmp) / "notes", questions=10_000, files=100)
        results = measure(
            f"10k questions in 100 files ({corpus.total_bytes / 1e6:.1f} MB)",
            corpus.root,
            corpus.first_file,
            args.runs,
            TARGET_10K_S,
        )
    peaks = [run.peak_rss_mb for run in results if run.seconds is not None]
    if peaks:
        print(
            f"peak RSS at 10k questions, at first frame: max {max(peaks):.0f} MB"
            f"   target <= {TARGET_RSS_MB:.0f} MB"
        )


if __name__ == "__main__":
    main()
