"""Keystroke -> search results painted, 10k questions, in a pseudo-terminal.

    .venv/bin/python benchmarks/bench_search_paint.py
    .venv/bin/python benchmarks/bench_search_paint.py --trials 40 --questions 10000

The installed `rehearse` runs in a 120x36 pty (TERM=xterm-256color, empty config) on
benchmarks/corpus.py's notes plus one note of marker questions `측정 표지 zq042`, each
with its own answer `표지 답변 zq042`. For each trial the search box (Ctrl+K) is
cleared (Ctrl+U, then its placeholder shown) and given `zq04`; once the preview shows
that query's first hit (`표지 답변 zq040`), the key `2` is written and the clock runs
from its bytes until the output holds the preview of `zq042`, painted in the frame of
its row: the frame that answers the key.

Beside it, in the same run and by the same steps, a bare Textual app: an Input, an
OptionList and a Static, refilled on every keystroke with the first 50 titles that
contain the query (a plain substring scan of the same titles). The ratio is rehearse's
median over the bare app's. One warm-up trial each is not counted. Nothing is asserted.
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
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.results import figure  # noqa: E402
from benchmarks.screen import environment  # noqa: E402

BINARY = Path(sys.executable).parent / "rehearse"
COLUMNS, ROWS = 120, 36
GIVE_UP_AFTER = 30.0
TARGET_MEDIAN_MS = 50.0
MARKERS = 200
CTRL_K, CTRL_U = b"\x0b", b"\x15"
PLACEHOLDER = "Search questions"  # in the empty search box of both apps

BARE_APP = """
import sys
from textual.app import App
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, Static

titles, answers = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    title, answer = line.rstrip("\\n").split("\\t")
    titles.append(title)
    answers.append(answer)


class Bare(App):
    BINDINGS = [("ctrl+k", "open", "Search")]

    def compose(self):
        with Vertical():
            yield Input(id="q", placeholder="Search questions")
            yield OptionList(id="results")
            yield Static(id="preview")
        yield Footer()

    def on_input_changed(self, event):
        self.call_after_refresh(self.refill, event.value)

    def refill(self, query):
        found = [i for i, title in enumerate(titles) if query and query in title][:50]
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options([titles[i] for i in found])
        if found:
            results.highlighted = 0
        self.query_one(Static).update(answers[found[0]] if found else "")

    def action_open(self):
        self.query_one(Input).focus()


Bare().run()
"""


class Terminal:
    """A child process in a pty, and everything it has written."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.seen = bytearray()

    def press(self, keys: bytes) -> int:
        """Write `keys`; return where the output stood, to look for what answers them."""
        mark = len(self.seen)
        os.write(self.fd, keys)
        return mark

    def wait_for(
        self, needles: Sequence[str], after: int, within: float | None = None
    ) -> float | None:
        """The time when every needle has appeared in the output written since `after`."""
        wanted = [needle.encode("utf-8") for needle in needles]
        deadline = time.perf_counter() + (GIVE_UP_AFTER if within is None else within)
        while time.perf_counter() < deadline:
            if all(self.seen.find(needle, after) != -1 for needle in wanted):
                return time.perf_counter()
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return None
                if not chunk:
                    return None
                self.seen += chunk
        return None

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def marker(number: int) -> tuple[str, str]:
    return f"측정 표지 zq{number:03d}", f"표지 답변 zq{number:03d}"


def trial_numbers(count: int) -> list[int]:
    """Markers whose last digit is not 0: the query without it shows the ...0 one first."""
    numbers = [n for n in range(1, MARKERS) if n % 10]
    return [numbers[i % len(numbers)] for i in range(count)]


def run_trials(terminal: Terminal, ready: str, opened: str | None, trials: int) -> list[float]:
    """`ready`: on the first frame; `opened`: on screen once Ctrl+K opened search."""
    if terminal.wait_for([ready], 0) is None:
        raise SystemExit(f"no first frame (waited for {ready!r}): {bytes(terminal.seen[-300:])!r}")
    if opened is not None:
        mark = terminal.press(CTRL_K)
        if terminal.wait_for([opened], mark) is None:
            raise SystemExit(f"Ctrl+K never showed {opened!r}")
    timings: list[float] = []
    for number in [trial_numbers(1)[0], *trial_numbers(trials)]:  # the first is a warm-up
        query = f"zq{number:03d}"
        first = marker(number - number % 10)[1]
        # Ctrl+U and the keys after it in one write lose the keys: clear, and wait for the
        # empty box to show its placeholder (a box already empty shows nothing new).
        mark = terminal.press(CTRL_U)
        terminal.wait_for([PLACEHOLDER], mark, within=None if timings else 1.0)
        mark = terminal.press(query[:-1].encode())
        if terminal.wait_for([first], mark) is None:
            tail = bytes(terminal.seen[-600:]).decode("utf-8", "replace")
            raise SystemExit(f"{query[:-1]!r} never showed {first!r}; last output: {tail!r}")
        _, answer = marker(number)
        start = time.perf_counter()
        mark = terminal.press(query[-1].encode())
        # The preview is painted in the frame of the rows it belongs to; unlike a row, whose
        # title has the match highlighted, it reaches the terminal as one run of text.
        painted = terminal.wait_for([answer], mark)
        if painted is None:
            raise SystemExit(f"{query!r} never painted {answer!r}")
        timings.append((painted - start) * 1000)
    return timings[1:]


def write_markers(folder: Path) -> None:
    lines = ["# 측정\n"]
    for number in range(MARKERS):
        title, answer = marker(number)
        lines.append(f"\n## {title}\n\n{answer}\n")
    (folder / "zz-markers.md").write_text("".join(lines), encoding="utf-8")


def titles_file(notes: Path, target: Path) -> None:
    from rehearse.core.notebook import open_notebook

    rows = []
    for note in open_notebook(notes).readable:
        for section in note.questions:
            answer = " ".join(note.answer_text(section).split())[:200]
            rows.append(f"{section.title}\t{answer}\n")
    target.write_text("".join(rows), encoding="utf-8")


def report(label: str, timings: Sequence[float]) -> float:
    median = statistics.median(timings)
    print(
        f"{label}: median {median:.1f} ms, min {min(timings):.1f} ms, max {max(timings):.1f} ms "
        f"({len(timings)} keystrokes)"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    if not BINARY.is_file():
        sys.exit(f"rehearse is not installed beside this Python: {BINARY} (run `make test`)")
    with tempfile.TemporaryDirectory(prefix="rehearse-paint-") as tmp:
        folder = Path(tmp)
        corpus = generate(folder / "notes", questions=args.questions, files=100)
        write_markers(corpus.root)
        env = environment(folder)
        print(
            f"{args.questions:,} questions in {len(corpus.files) + 1} files "
            f"({corpus.total_bytes / 1e6:.1f} MB) plus {MARKERS} markers; "
            f"{COLUMNS}x{ROWS} pty, TERM=xterm-256color"
        )
        app = Terminal([str(BINARY), str(corpus.root)], env)
        try:
            mine = run_trials(app, corpus.first_file, PLACEHOLDER, args.trials)
        finally:
            app.close()
        titles = folder / "titles.tsv"
        titles_file(corpus.root, titles)
        script = folder / "bare.py"
        script.write_text(BARE_APP, encoding="utf-8")
        bare_app = Terminal([sys.executable, str(script), str(titles)], env)
        try:
            bare = run_trials(bare_app, "Search", None, args.trials)
        finally:
            bare_app.close()
    ours = report("rehearse: keystroke -> results painted", mine)
    floor = report("bare Textual app, same steps", bare)
    figure(
        f"keystroke -> search results painted, {args.questions:,} questions (median)",
        ours,
        "ms",
        f"<= {TARGET_MEDIAN_MS:.0f} ms median",
        bare=floor,
        meets=ours <= TARGET_MEDIAN_MS,
    )
    verdict = "meets" if ours <= TARGET_MEDIAN_MS else "MISSES"
    print(
        f"ratio {ours / floor:.1f}x the bare app; target median <= {TARGET_MEDIAN_MS:.0f} ms "
        f"-> {verdict}"
    )


if __name__ == "__main__":
    main()
