"""`rehearse stats`: progress from the rehearsal log, including a torn and a broken log."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.stats import progress
from tests.conftest import write_note

NOTE = (
    "# 인성\n## 자기소개\n안녕하세요.\n## 지원 동기\n성장하고 싶습니다.\n## 빈 질문\n"
    "# 기술\n## 카프카란?\n분산 로그입니다.\n"
)
DAY = time.mktime((2026, 11, 20, 12, 0, 0, 0, 0, -1))


def run(question: tuple[str, ...], spoken: float, target: float = 60.0, day: int = 0) -> Rehearsal:
    return Rehearsal("면접.md", question, "teleprompter", target, spoken, True, DAY + day * 86400)


def make(tmp_path: Path) -> tuple[Path, RehearsalLog]:
    write_note(tmp_path, "면접.md", NOTE)
    log = RehearsalLog.for_notes(tmp_path)
    for record in [
        run(("인성", "자기소개"), 50.0),
        run(("인성", "자기소개"), 70.0, day=1),  # the latest run went over time
        run(("기술", "카프카란?"), 30.0, day=1),
        run(("삭제된", "질문"), 10.0, day=1),  # a question no longer in the notes
    ]:
        log.append(record)
    with log.path.open("ab") as handle:
        handle.write(b'{"file": "\xeb\xa9\xb4')  # a torn last line
    return tmp_path, log


def test_progress_counts_days_time_and_what_is_left(tmp_path: Path) -> None:
    notes, log = make(tmp_path)
    figures = progress(answered_questions(open_notebook(notes)), log.read())
    assert figures.rehearsals == 4
    assert figures.seconds_spoken == 160.0
    assert list(figures.per_day.values()) == [(1, 50.0), (3, 110.0)]
    assert figures.never_rehearsed == [("면접.md", ("인성", "지원 동기"))]  # 빈 질문 has no answer
    assert figures.over_time == [(("면접.md", ("인성", "자기소개")), 70.0, 60.0)]
    assert figures.per_category == {"면접.md › 인성": (1, 2), "면접.md › 기술": (1, 1)}


def test_cli_prints_and_gives_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes, _ = make(tmp_path)
    assert main(["stats", str(notes)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 rehearsals, 2:40 spoken")
    assert "면접.md › 인성: 1/2 rehearsed" in out
    assert "면접.md › 인성 › 자기소개  1:10 / 1:00" in out
    assert "Never rehearsed: 1\n  면접.md › 인성 › 지원 동기" in out
    assert main(["stats", str(notes), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rehearsals"] == 4
    assert data["never_rehearsed"] == [{"file": "면접.md", "heading_path": ["인성", "지원 동기"]}]
    assert data["over_time"] == [
        {
            "file": "면접.md",
            "heading_path": ["인성", "자기소개"],
            "spoken_s": 70.0,
            "target_s": 60.0,
        }
    ]
    assert data["per_category"]["면접.md › 인성"] == {"rehearsed": 1, "questions": 2}
    assert sum(day["rehearsals"] for day in data["per_day"].values()) == 4


def test_a_broken_log_gets_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    (tmp_path / ".rehearse" / "history.jsonl").mkdir(parents=True)  # a folder where the log goes
    assert main(["stats", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rehearse: cannot read the rehearsal log") and "Traceback" not in err


def test_no_log_yet_is_zero_rehearsals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    assert main(["stats", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("0 rehearsals, 0:00 spoken")
    assert not (tmp_path / ".rehearse").exists()  # looking never creates the log folder
