"""Rebuilding the review schedule from the rehearsal log: what F6, F7 and `rehearse stats` pay.

    .venv/bin/python benchmarks/bench_schedule.py
    .venv/bin/python benchmarks/bench_schedule.py --questions 10000 --reviews 50000

A generated corpus (benchmarks/corpus.py) and a seeded log: `--reviews` graded mock
rounds spread over 180 days across a third of the questions, plus as many teleprompter
runs. Then a tenth of the reviewed headings are renamed in the notes (a word added to
the title, answer untouched), so identity has to find them again by answer digest or
by title similarity. Printed: reading the log, listing the answered questions,
resolving identities (`Schedule`, what the tree's last-rehearsed marks need), then
replaying every card through fsrs and ordering everything for a mock interview, and
the whole `progress()` behind F7 and `rehearse stats`. Medians of
`--repeat` runs, in ms. There is no target in GUIDE §4 for this; a frame is 16 ms and
anything under ~200 ms opens without a visible wait. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import answer_digest, answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.schedule import Order, Schedule, as_datetime
from rehearse.core.stats import progress

DAY = 86400.0


def timed(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def write_log(folder: Path, reviews: int, seed: int) -> tuple[int, int]:
    """Graded rounds and teleprompter runs; returns (records, renamed headings)."""
    rng = random.Random(seed)
    notebook = open_notebook(folder)
    questions = answered_questions(notebook)
    reviewed = rng.sample(questions, max(1, len(questions) // 3))
    now = time.time()
    log = RehearsalLog.for_notes(folder)
    lines = []
    for number in range(reviews * 2):
        question = rng.choice(reviewed)
        graded = number % 2 == 0
        lines.append(
            Rehearsal(
                question.file,
                question.heading_path,
                "mock" if graded else "teleprompter",
                60.0,
                round(rng.uniform(20, 100), 1),
                True,
                now - rng.uniform(0, 180) * DAY,
                rng.choice((1, 2, 3, 3, 3, 4)) if graded else None,
                answer_digest(question.note, question.section),
            )
        )
    log.path.parent.mkdir(parents=True, exist_ok=True)
    with log.path.open("w", encoding="utf-8") as handle:  # one write: this is set-up
        for record in lines:
            handle.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
    renamed = 0
    for question in rng.sample(reviewed, len(reviewed) // 10):
        path = folder / question.file
        text = path.read_text(encoding="utf-8")
        heading = "#" * question.section.level + " " + question.title
        new_text = text.replace(heading + "\n", heading + " (다시)\n", 1)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            renamed += 1
    return len(lines), renamed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "notes"
        generate(folder, questions=args.questions, files=args.files)
        records_written, renamed = write_log(folder, args.reviews, seed=7)
        notebook = open_notebook(folder)
        log = RehearsalLog.for_notes(folder)
        read_ms, records = timed(log.read, args.repeat)
        first_list_ms, _ = timed(lambda: answered_questions(notebook), 1)  # reads every answer
        list_ms, questions = timed(lambda: answered_questions(notebook), args.repeat)
        assert isinstance(records, list) and isinstance(questions, list)
        history_ms, schedule = timed(lambda: Schedule(questions, records), args.repeat)
        assert isinstance(schedule, Schedule)
        now = as_datetime(time.time())
        order_ms, _ = timed(
            lambda: Schedule(questions, records).order(questions, Order.SCHEDULED, now),
            args.repeat,
        )
        progress_ms, _ = timed(lambda: progress(questions, records), args.repeat)
        graded = sum(1 for state in schedule.states.values() if state.card is not None)
        print(
            f"{len(questions)} answered questions in {args.files} files, "
            f"{records_written} records ({graded} questions with a card), {renamed} renamed"
        )
        print(f"  read the log                          {read_ms:8.1f} ms")
        print(f"  answered questions, first time        {first_list_ms:8.1f} ms")
        print(f"  answered questions, again             {list_ms:8.1f} ms")
        print(f"  history by question (identities)      {history_ms:8.1f} ms  (tree marks)")
        print(f"  + replay every card, order them       {order_ms:8.1f} ms  (F6)")
        print(f"  progress() with due and weakest       {progress_ms:8.1f} ms  (F7, stats)")
        print(f"  records not matched        {schedule.unmatched:8d} (renamed and lost)")


if __name__ == "__main__":
    main()
