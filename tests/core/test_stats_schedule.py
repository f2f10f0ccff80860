"""`rehearse stats` with graded mock rounds (due, weakest, grades), damaged logs, the day chart."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.stats import CHART_WIDTH, day_chart, recent_days
from tests.conftest import write_note

NOTE = "면접.md"
NOTE_TEXT = """\
# 인성
## 자기소개
안녕하세요, 백엔드 개발자 김하늘입니다.
## 지원 동기
사용자가 매일 쓰는 서비스를 더 빠르게 만들고 싶었습니다.
# 기술
## 카프카란?
분산 로그입니다.
## 인덱스란?
행을 빠르게 찾는 자료구조입니다.
"""
INTRO = ("인성", "자기소개")
MOTIVE = ("인성", "지원 동기")
KAFKA = ("기술", "카프카란?")
INDEX = ("기술", "인덱스란?")
DAY = 86400.0


def name(path: tuple[str, ...]) -> str:
    return " › ".join([NOTE, *path])


def mock(question: tuple[str, ...], grade: int, at: float, spoken: float = 40.0) -> Rehearsal:
    return Rehearsal(NOTE, question, "mock", 60.0, spoken, True, at, grade=grade)


def notes_with(tmp_path: Path, records: list[Rehearsal]) -> tuple[Path, RehearsalLog]:
    folder = tmp_path / "노트"
    write_note(folder, NOTE, NOTE_TEXT)
    log = RehearsalLog(folder / ".rehearse" / "history.jsonl")
    assert RehearsalLog.for_notes(folder).path == log.path
    for record in records:
        log.append(record)
    return folder, log


def graded_log(now: float) -> list[Rehearsal]:
    return [
        mock(INTRO, 1, now - 3 * DAY, spoken=52.0),  # again: due a minute later, long since
        mock(MOTIVE, 2, now - 3 * DAY, spoken=45.0),  # hard: due minutes later, long since
        mock(KAFKA, 4, now - 1 * DAY, spoken=20.0),  # easy: not due for days
    ]


def block(out: str, title: str) -> list[str]:
    """The indented lines under a `title` line of the stats report."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    found = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        found.append(line)
    return found


def stats(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["stats", str(folder), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- due, weakest and grades ------------------------------------------------------------------


def test_graded_rounds_give_due_weakest_and_grades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = notes_with(tmp_path, graded_log(time.time()))
    code, out, err = stats(folder, capsys)
    assert code == 0, err
    assert "Traceback" not in err
    # The grades' counts are on the first line (they had a `Grades:` line of their own before).
    assert (
        out.splitlines()[0] == "3 rehearsals, 1:57 spoken; graded 1 again, 1 hard, 0 good, 1 easy"
    )
    assert "Due for review: 2" in out.splitlines()
    # The least remembered first: the again-graded question before the hard one.
    assert block(out, "Due for review:") == [f"  {name(INTRO)}", f"  {name(MOTIVE)}"]
    assert block(out, "Weakest:") == [
        f"  {name(INTRO)}  again, 0:52 / 1:00",
        f"  {name(MOTIVE)}  hard, 0:45 / 1:00",
    ]
    assert block(out, "Never rehearsed:") == [f"  {name(INDEX)}"]
    assert f"{NOTE} › 기술: 1/2 rehearsed" in out


def test_an_again_grade_is_due_only_once_its_time_has_come(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    folder, log = notes_with(tmp_path, [mock(INTRO, 1, now - 5.0)])  # due in a minute
    code, out, _ = stats(folder, capsys)
    assert code == 0
    assert out.splitlines()[0] == "1 rehearsal, 0:40 spoken; graded 1 again, 0 hard, 0 good, 0 easy"
    assert "Due for review: 0" in out.splitlines()
    assert block(out, "Weakest:") == [f"  {name(INTRO)}  again, 0:40 / 1:00"]

    log.append(mock(KAFKA, 1, now - 2 * DAY))
    code, out, _ = stats(folder, capsys)
    assert "Due for review: 1" in out.splitlines()
    assert block(out, "Due for review:") == [f"  {name(KAFKA)}"]


def test_a_later_good_grade_takes_a_question_out_of_the_weakest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    folder, _ = notes_with(
        tmp_path, [mock(INTRO, 1, now - 3 * DAY), mock(INTRO, 4, now - 2 * DAY, spoken=30.0)]
    )
    _, out, _ = stats(folder, capsys)
    assert "Weakest:" not in out
    assert "Due for review: 0" in out.splitlines()
    assert out.splitlines()[0].endswith("; graded 1 again, 0 hard, 0 good, 1 easy")


def test_teleprompter_runs_alone_print_no_grades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Rehearsal(NOTE, INTRO, "teleprompter", 60.0, 30.0, True, time.time() - DAY)
    folder, _ = notes_with(tmp_path, [run])
    _, out, _ = stats(folder, capsys)
    assert out.splitlines()[0] == "1 rehearsal, 0:30 spoken"  # no grades to count
    assert "graded" not in out and "Weakest:" not in out
    assert "Due for review: 0" in out.splitlines()


def test_json_has_due_weakest_and_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = notes_with(tmp_path, graded_log(time.time()))
    code, out, _ = stats(folder, capsys, "--json")
    assert code == 0
    data = json.loads(out)
    intro = {"file": NOTE, "heading_path": list(INTRO)}
    motive = {"file": NOTE, "heading_path": list(MOTIVE)}
    assert data["due"] == [intro, motive]
    assert data["weakest"] == [
        {**intro, "grade": 1, "spoken_s": 52.0, "target_s": 60.0},
        {**motive, "grade": 2, "spoken_s": 45.0, "target_s": 60.0},
    ]
    assert data["graded"] == {"again": 1, "hard": 1, "good": 0, "easy": 1}
    assert data["rehearsals"] == 3


# --- damaged logs -----------------------------------------------------------------------------


def test_a_torn_last_line_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, log = notes_with(tmp_path, graded_log(time.time()))
    with log.path.open("ab") as handle:
        handle.write('{"file": "면접.md", "heading_path": ["인성", "자'.encode())
    code, out, err = stats(folder, capsys)
    assert code == 0, err
    assert out.startswith("3 rehearsals, 1:57 spoken; graded 1 again, 1 hard, 0 good, 1 easy\n")

    log.append(mock(INDEX, 3, time.time() - DAY))  # a record after the torn line is not lost
    code, out, _ = stats(folder, capsys)
    assert out.startswith("4 rehearsals, 2:37 spoken; graded 1 again, 1 hard, 1 good, 1 easy\n")


GARBAGE = [
    b"garbage \xed\x95\x9c\xea\xb8\x80",
    b"\xff\xfe\x00\x01",
    b"",
    b"{}",
    b"[1, 2, 3]",
    b"null",
    b'"\xec\x9e\x90\xea\xb8\xb0\xec\x86\x8c\xea\xb0\x9c"',
    b'{"file": "\xeb\xa9\xb4\xec\xa0\x91.md", "heading_path": 3}',
    b'{"file": "x.md", "heading_path": ["a"], "mode": "mock", "target_s": 60, '
    b'"spoken_s": 1, "finished": true, "at": 1, "grade": 9}',
    b'{"file": "x.md", "heading_path": ["a"], "mode": "mock", "target_s": 60, '
    b'"spoken_s": 1, "finished": true, "at": 1, "grade": "3"}',
    b'{"file": "x.md", "heading_path": ["a"], "mode": "mock", '
    b'"target_s": "\xec\x9c\xa1\xec\x8b\xad", '
    b'"spoken_s": 1, "finished": true, "at": 1}',
]


def test_garbage_lines_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, log = notes_with(tmp_path, [])
    log.path.parent.mkdir(parents=True)
    good = graded_log(time.time())
    log.path.write_bytes(b"\n".join(GARBAGE) + b"\n")
    for record in good:
        log.append(record)
    with log.path.open("ab") as handle:
        handle.write(b"\n".join(GARBAGE) + b"\n")
    assert len(log.read()) == 3
    code, out, err = stats(folder, capsys)
    assert code == 0, err
    assert "Traceback" not in err
    assert out.startswith("3 rehearsals, 1:57 spoken")
    assert block(out, "Due for review:") == [f"  {name(INTRO)}", f"  {name(MOTIVE)}"]


def test_a_line_with_a_time_that_is_not_a_number_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's json reads NaN; a record at NaN is no rehearsal and must not crash the report."""
    folder, log = notes_with(tmp_path, graded_log(time.time()))
    with log.path.open("ab") as handle:
        handle.write(
            json.dumps(
                {
                    "file": NOTE,
                    "heading_path": list(KAFKA),
                    "mode": "mock",
                    "target_s": 60.0,
                    "spoken_s": 30.0,
                    "finished": True,
                    "at": float("nan"),
                    "grade": 1,
                },
                ensure_ascii=False,
            ).encode()
            + b"\n"
        )
    code, out, err = stats(folder, capsys)
    assert "Traceback" not in err
    assert code == 0, err
    assert out.startswith("3 rehearsals")


def test_a_log_that_is_a_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, log = notes_with(tmp_path, [])
    log.path.mkdir(parents=True)  # a folder where the log goes
    code, out, err = stats(folder, capsys)
    assert code == 2
    assert err.startswith("rehearse: cannot read the rehearsal log")
    assert str(log.path) in err
    assert "Traceback" not in err
    assert out == ""


def test_notes_that_do_not_exist_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "없는 노트"
    code, out, err = stats(missing, capsys)
    assert code == 2
    assert err.startswith("rehearse: no such file or folder")
    assert "없는 노트" in err
    assert "Traceback" not in err
    assert out == ""
    assert not missing.exists()  # looking never creates it


# --- the day chart ----------------------------------------------------------------------------


def noon(year: int, month: int, day: int) -> float:
    return time.mktime((year, month, day, 12, 0, 0, 0, 0, -1))


def bar(line: str) -> int:
    return line.count("█")


def test_day_chart_has_fourteen_days_scaled_to_the_busiest() -> None:
    per_day = {
        "2026-11-01": (9, 900.0),  # before the fortnight: not shown, not the scale
        "2026-11-08": (2, 100.0),
        "2026-11-15": (4, 200.0),
        "2026-11-20": (1, 45.0),
    }
    lines = day_chart(per_day, noon(2026, 11, 20))
    assert len(lines) == 14
    assert [line[:5] for line in lines] == [f"11-{day:02d}" for day in range(7, 21)]
    by_day = {line[:5]: line for line in lines}
    assert bar(by_day["11-15"]) == CHART_WIDTH  # the busiest shown day fills the width
    assert bar(by_day["11-08"]) == CHART_WIDTH // 2
    assert bar(by_day["11-20"]) == round(CHART_WIDTH / 4)
    assert by_day["11-15"].split()[-2:] == ["4", "3:20"]
    assert by_day["11-08"].split()[-2:] == ["2", "1:40"]
    # Empty days are there, with no bar and no time.
    empty = by_day["11-07"]
    assert bar(empty) == 0
    assert empty.split() == ["11-07", "0"]
    assert sum(1 for line in lines if bar(line) == 0) == 11
    # The counts line up in one column (right-aligned after the bar's full width).
    count_column = slice(6 + CHART_WIDTH + 1, 6 + CHART_WIDTH + 4)
    assert [line[count_column] for line in lines] == [
        "  0",
        "  2",
        "  0",
        "  0",
        "  0",
        "  0",
        "  0",
        "  0",
        "  4",
        "  0",
        "  0",
        "  0",
        "  0",
        "  1",
    ]


def test_day_chart_with_nothing_recent_is_all_empty() -> None:
    lines = day_chart({"2026-01-01": (3, 90.0)}, noon(2026, 11, 20))
    assert len(lines) == 14
    assert all(bar(line) == 0 and line.split()[-1] == "0" for line in lines)


def test_recent_days_cross_a_month_boundary() -> None:
    per_day = {"2026-02-28": (2, 120.0), "2026-03-01": (1, 30.0)}
    shown = recent_days(per_day, noon(2026, 3, 2), days=5)
    assert shown == [
        ("2026-02-26", 0, 0.0),
        ("2026-02-27", 0, 0.0),
        ("2026-02-28", 2, 120.0),
        ("2026-03-01", 1, 30.0),
        ("2026-03-02", 0, 0.0),
    ]
    assert [day for day, _, _ in recent_days({}, noon(2028, 3, 1), days=3)] == [
        "2028-02-28",
        "2028-02-29",  # a leap year
        "2028-03-01",
    ]
    assert [day for day, _, _ in recent_days({}, noon(2027, 1, 1), days=2)] == [
        "2026-12-31",
        "2027-01-01",
    ]


def test_stats_chart_counts_todays_korean_rehearsals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    folder, _ = notes_with(tmp_path, [mock(INTRO, 3, now - 60.0), mock(KAFKA, 2, now - 30.0)])
    _, out, _ = stats(folder, capsys)
    chart = [line for line in out.splitlines() if line.startswith("  ") and "█" in line]
    assert len(chart) == 1
    assert chart[0].strip().startswith(time.strftime("%m-%d", time.localtime(now)))
    assert bar(chart[0]) == CHART_WIDTH
    assert chart[0].split()[-2:] == ["2", "1:20"]
