"""The progress charts' figures (30 days of minutes and grades, one question's runs) and
`rehearse stats` saying how many it leaves out."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.progress_charts import (
    chart_caption,
    chart_days,
    history_caption,
    question_runs,
)
from rehearse.core.refs import QuestionId
from rehearse.core.stats import Progress, progress
from rehearse.core.stats_report import LISTED
from tests.conftest import write_note

DAY = 86400.0
NOTE = "면접.md"
INTRO = ("인성", "자기소개")
KAFKA = ("기술", "카프카란?")
TEXT = "# 인성\n## 자기소개\n안녕하세요.\n# 기술\n## 카프카란?\n분산 로그입니다.\n"


def noon(year: int, month: int, day: int) -> float:
    return time.mktime((year, month, day, 12, 0, 0, 0, 0, -1))


def run(question: tuple[str, ...], at: float, spoken: float, grade: int | None = None) -> Rehearsal:
    mode = "teleprompter" if grade is None else "mock"
    return Rehearsal(NOTE, question, mode, 60.0, spoken, spoken <= 60, at, grade=grade)


def figures(tmp_path: Path, records: list[Rehearsal], now: float) -> Progress:
    write_note(tmp_path, NOTE, TEXT)
    return progress(answered_questions(open_notebook(tmp_path)), records, now)


def test_thirty_days_of_minutes_and_grades(tmp_path: Path) -> None:
    today = noon(2026, 3, 2)
    records = [
        run(INTRO, today - 1 * DAY, 90.0),  # 03-01: a teleprompter run of 1:30
        run(KAFKA, today - 1 * DAY + 60, 30.0, grade=1),  # and an again
        run(KAFKA, today - 29 * DAY, 40.0, grade=4),  # 02-01: the first of the 30 days
        run(INTRO, today - 30 * DAY, 50.0, grade=3),  # 01-31: before them, left out
        run(INTRO, today, 20.0, grade=3),  # today, good
    ]
    days = chart_days(figures(tmp_path, records, today), today)
    assert len(days) == 30
    assert (days[0].day, days[-2].day, days[-1].day) == ("2026-02-01", "2026-03-01", "2026-03-02")
    by_day = {day.day: day for day in days}
    assert by_day["2026-03-01"].minutes == 2.0  # 90 + 30 s
    assert by_day["2026-03-01"].grades == (1, 0, 0, 0)  # again, hard, good, easy
    assert by_day["2026-02-01"].grades == (0, 0, 0, 1)
    assert by_day["2026-03-02"].grades == (0, 0, 1, 0)
    assert sum(day.rehearsals for day in days) == 4
    assert chart_caption(days) == "3:00 spoken on 3 days; 3 graded"


def test_a_question_s_history_against_its_targets(tmp_path: Path) -> None:
    today = noon(2026, 3, 2)
    records = [run(INTRO, today - n * DAY, 50.0 + 10 * n) for n in range(25, -1, -1)]
    records.append(run(INTRO, today + 60, 42.0, grade=2))
    records.append(run(INTRO, today + 120, 60.0, grade=1))  # cut off by the clock
    records[-1] = replace(records[-1], finished=False)
    runs = question_runs(figures(tmp_path, records, today), QuestionId(NOTE, INTRO))
    assert len(runs) == 20  # the latest twenty, oldest first
    assert [run.seconds for run in runs[-4:]] == [60.0, 50.0, 42.0, 60.0]
    # 70 s is over 60; a mock round the clock cut off at 1:00 is over too.
    assert [run.over for run in runs[-5:]] == [True, False, False, False, True]
    assert history_caption(runs) == "20 runs, 17 over; the latest 1:00 of 1:00, again"
    assert history_caption([]) == "never rehearsed"


def many_questions(folder: Path, count: int) -> None:
    body = "".join(f"## 질문 {n}\n답 {n}입니다.\n" for n in range(count))
    write_note(folder, NOTE, "# 인성\n" + body)


def test_stats_says_how_many_it_leaves_out_and_all_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many_questions(tmp_path, 67)
    log = RehearsalLog(tmp_path / ".rehearse" / "history.jsonl")
    log.append(Rehearsal(NOTE, ("인성", "질문 0"), "teleprompter", 60, 30, True, time.time()))
    assert main(["stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("Never rehearsed: 66")
    listed = out[start + 1 : start + 1 + LISTED + 1]
    assert listed[-1] == f"  … {66 - LISTED} more (--all lists them all)"
    assert all(line.startswith(f"  {NOTE} › 인성 › 질문 ") for line in listed[:-1])
    title = out.index("Rehearsals per day, last 14 days (one bar a day, the busiest day full):")
    header, today = out[title + 1], out[title + 15]
    assert header == "  day   rehearsals         n  spoken"
    assert today.endswith("1  0:30")  # the columns line up under the header
    assert header.index("n  spoken") == today.index("1  0:30")

    assert main(["stats", str(tmp_path), "--all"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("Never rehearsed: 66")
    assert out[start + 66] == f"  {NOTE} › 인성 › 질문 66"
    assert not any("more (--all" in line for line in out)
