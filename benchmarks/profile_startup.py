"""Where the time to the first full frame goes: pyinstrument over `rehearse`, in a pty.

    .venv/bin/python benchmarks/profile_startup.py /tmp/notes-10k [--idle] [--out FILE]

Runs `python -m pyinstrument -m rehearse PATH` in bench_startup's 120x36 pty, and
quits it (Ctrl+Q) at the first full frame, or with --idle once the process has gone
idle after it (the search index built). Prints pyinstrument's text report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import rehearse_full  # noqa: E402
from benchmarks.screen import Terminal, environment, wait_idle  # noqa: E402
from rehearse.core.notebook import find_note_paths  # noqa: E402

CTRL_Q = b"\x11"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--idle", action="store_true", help="quit once idle, not at the frame")
    parser.add_argument("--out", type=Path, help="write the report here too")
    args = parser.parse_args()
    path = args.path.resolve()
    first = (find_note_paths(path)[0] if path.is_dir() else path).name
    with tempfile.TemporaryDirectory(prefix="rehearse-profile-") as tmp:
        report = Path(tmp) / "profile.txt"
        argv = [sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(report),
                "-m", "rehearse", str(path)]  # fmt: skip
        terminal = Terminal(argv, environment(Path(tmp)))
        try:
            if terminal.wait_until(rehearse_full(first), within=120) is None:
                sys.exit(f"no full frame: {terminal.tail!r}")
            if args.idle:
                wait_idle(terminal)
            terminal.press(CTRL_Q)
            while terminal.alive:
                terminal.read(0.5)
        finally:
            terminal.close()
        text = report.read_text(encoding="utf-8")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
