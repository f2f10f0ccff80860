"""Start to the first full frame of the installed `rehearse`, beside a bare Textual app.

    .venv/bin/python benchmarks/bench_startup.py
    .venv/bin/python benchmarks/bench_startup.py --runs 7 --cases answers,10k-note

Each case starts the venv's `rehearse` in a 120x36 pty (TERM=xterm-256color, no user
config or data) and emulates the terminal (pyte) on what it writes. "First full
frame" is the moment the screen holds the whole first screen: the footer (the last
thing drawn: its keys and `^p palette` on the bottom row), the question tree's rows
and the editor showing the first note's first question (its breadcrumb and `saved`).
The bare app (a Tree of 30 leaves and a Footer: the floor any Textual app pays) is
timed the same way in each round, so every figure is also a ratio. Right at that
frame a Down key is written; "key answered" is the time until the screen changes.
Then the process is left until it is idle (the search index built), and its RSS
(and peak RSS) is read.

Cases: answers (the shipped answers), 10k-files (10k questions in 100 files, 16 MB),
1k-note (one note of 1k questions, 2 MB), 10k-note (one note of 10k, 20 MB). One
warm-up round; median of the rest. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.results import figure  # noqa: E402
from benchmarks.screen import Terminal, environment, proc_status_mb, wait_idle  # noqa: E402

BINARY = Path(sys.executable).parent / "rehearse"
SHIPPED = ROOT / "answers"
DOWN = b"\x1b[B"
TARGET_RSS_MB = 100.0
EDITOR_BORDER = "▕"
BREADCRUMB = " › "

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Tree


class Bare(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self):
        tree = Tree("notes")
        for number in range(1, 31):
            tree.root.add_leaf(f"leaf {number}")
        tree.root.expand()
        yield tree
        yield Footer()


Bare().run()
"""


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    argv: list[str]
    full: Callable[[pyte.Screen], bool]  # the whole first screen is drawn
    ratio_target: float | None  # of the bare app's first frame
    memory: bool = False  # report RSS after indexing


@dataclass
class Run:
    frame: float | None = None  # s from spawn to the first full frame
    key: float | None = None  # s from Down (written at that frame) to the screen changing
    rss: float = float("nan")  # MB once idle
    peak: float = float("nan")


def footer_drawn(screen: pyte.Screen) -> bool:
    bottom = screen.display[-1]
    return "Quit" in bottom and "palette" in bottom


def rehearse_full(first_file: str) -> Callable[[pyte.Screen], bool]:
    """The footer, the tree's rows, and the editor showing a question of `first_file`."""

    def test(screen: pyte.Screen) -> bool:
        if not footer_drawn(screen):
            return False
        body = [line for line in screen.display[1:-1] if EDITOR_BORDER in line]
        tree = [line.split(EDITOR_BORDER)[0].strip() for line in body]
        editor = " ".join(line.split(EDITOR_BORDER, 1)[1].strip() for line in body[:4])
        return (
            sum(1 for row in tree if row) >= 3
            and f"{first_file}{BREADCRUMB}" in editor
            and "saved" in editor
        )

    return test


def bare_full(screen: pyte.Screen) -> bool:
    return footer_drawn(screen) and any("leaf 30" in line for line in screen.display)


def _snapshot(screen: pyte.Screen) -> list[tuple[tuple[str, str, str, bool], ...]]:
    return [
        tuple((c.data, c.fg, c.bg, c.reverse) for c in screen.buffer[y].values())
        for y in range(screen.lines)
    ]


def run_once(case: Case, env: dict[str, str]) -> Run:
    terminal = Terminal(case.argv, env)
    run = Run()
    try:
        drawn = terminal.wait_until(case.full)
        if drawn is None:
            print(f"  {case.name}: no full frame; last output {terminal.tail[-200:]!r}")
            return run
        run.frame = drawn - terminal.started
        before = _snapshot(terminal.screen)
        sent = terminal.press(DOWN)
        answered = terminal.wait_until(lambda screen: _snapshot(screen) != before, within=10)
        run.key = None if answered is None else max(0.0, answered - sent)
        if case.memory:
            wait_idle(terminal)
            run.rss = proc_status_mb(terminal.pid, "VmRSS")
            run.peak = proc_status_mb(terminal.pid, "VmHWM")
    finally:
        terminal.close()
    return run


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def build_cases(folder: Path, wanted: set[str]) -> list[Case]:
    cases: list[Case] = []
    rehearse = str(BINARY)
    if "answers" in wanted:
        first = sorted(p.name for p in SHIPPED.glob("*.md"))[0]
        cases.append(
            Case("answers", "shipped answers/", [rehearse, str(SHIPPED)], rehearse_full(first), 1.3)
        )
    sizes = {
        "10k-files": (10_000, 100, "10k questions in 100 files", 2.0, True),
        "1k-note": (1_000, 1, "one note of 1k questions", 2.0, False),
        "10k-note": (10_000, 1, "one note of 10k questions", 3.0, True),
    }
    for name, (questions, files, label, target, memory) in sizes.items():
        if name not in wanted:
            continue
        corpus = generate(folder / name, questions=questions, files=files)
        cases.append(
            Case(
                name,
                f"{label} ({corpus.total_bytes / 1e6:.0f} MB)",
                [rehearse, str(corpus.root)],
                rehearse_full(corpus.first_file),
                target,
                memory,
            )
        )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", default="answers,10k-files,1k-note,10k-note")
    args = parser.parse_args()
    if not BINARY.is_file():
        sys.exit(f"rehearse is not installed beside this Python: {BINARY} (run `make test`)")
    with tempfile.TemporaryDirectory(prefix="rehearse-startup-") as tmp:
        folder = Path(tmp)
        env = environment(folder)
        script = folder / "bare.py"
        script.write_text(BARE_APP, encoding="utf-8")
        bare = Case("bare", "bare Textual app", [sys.executable, str(script)], bare_full, None)
        cases = build_cases(folder, set(args.cases.split(",")))
        print(f"binary: {BINARY}; 120x36 pty, TERM=xterm-256color; {args.runs} rounds + warm-up")
        runs: dict[str, list[Run]] = {case.name: [] for case in [bare, *cases]}
        failed: set[str] = set()
        for round_number in range(args.runs + 1):
            for case in [bare, *cases]:
                if case.name in failed:
                    continue
                run = run_once(case, env)
                if run.frame is None:
                    failed.add(case.name)
                if round_number:  # the first round warms the page cache and .pyc files
                    runs[case.name].append(run)
    bare_frame = median([run.frame for run in runs["bare"]])
    bare_key = median([run.key for run in runs["bare"]])
    figure("first full frame, bare Textual app", bare_frame, "s", "the floor")
    for case in cases:
        frame = median([run.frame for run in runs[case.name]])
        target = case.ratio_target or 0
        meets = None if frame is None or not bare_frame else frame / bare_frame <= target
        if frame is None:
            meets = False
        figure(
            f"first full frame, {case.label}",
            frame,
            "s",
            f"<= {target:g}x bare",
            bare=bare_frame,
            meets=meets,
        )
        key = median([run.key for run in runs[case.name]])
        figure(
            f"key answered at the first frame, {case.label}",
            None if key is None else key * 1000,
            "ms",
            "answered from the first frame",
            bare=None if bare_key is None else bare_key * 1000,
            meets=key is not None and frame is not None,
        )
        if case.memory:
            rss = median([run.rss for run in runs[case.name] if run.frame is not None])
            peak = median([run.peak for run in runs[case.name] if run.frame is not None])
            figure(
                f"memory after indexing, {case.label}",
                rss,
                "MB",
                f"<= {TARGET_RSS_MB:.0f} MB RSS",
                meets=rss is not None and rss <= TARGET_RSS_MB,
                note=f"peak {peak:.0f} MB" if peak is not None else "",
            )


if __name__ == "__main__":
    main()
