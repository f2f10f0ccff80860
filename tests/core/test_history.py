"""The rehearsal log: JSON lines, torn lines skipped, beside the notes or in the data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rehearse.core.history import (
    LOG_FOLDER,
    LOG_NAME,
    Rehearsal,
    RehearsalLog,
    log_path,
    record_now,
)

INTRO = ("면접 준비", "자기소개")
MOTIVE = ("면접 준비", "지원 동기", "왜 우리 회사인가요?")


def rehearsal(
    heading_path: tuple[str, ...] = INTRO,
    at: float = 1_700_000_000.0,
    file: str = "면접/공통 질문.md",
    mode: str = "teleprompter",
) -> Rehearsal:
    return Rehearsal(
        file=file,
        heading_path=heading_path,
        mode=mode,
        target_s=60.0,
        spoken_s=58.4,
        finished=True,
        at=at,
    )


def test_reading_a_missing_log_is_empty(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "없음" / LOG_NAME)
    assert log.read() == []
    assert not log.path.parent.exists()


def test_append_and_read_round_trip_with_korean_headings(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "기록" / LOG_NAME)
    first = rehearsal(INTRO, 1_700_000_000.0)
    second = Rehearsal("면접/기술.md", MOTIVE, "mock", 90.0, 97.3, False, 1_700_000_100.5)
    log.append(first)
    log.append(second)
    assert log.read() == [first, second]
    raw = log.path.read_bytes()
    assert raw.endswith(b"\n")
    assert len(raw.splitlines()) == 2
    assert "자기소개".encode() in raw  # written as UTF-8, not \u escapes
    assert json.loads(raw.splitlines()[1])["heading_path"] == list(MOTIVE)


def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / LOG_NAME)
    first = rehearsal(INTRO, 1.0)
    second = rehearsal(MOTIVE, 2.0)
    log.append(first)
    log.append(second)
    whole = json.dumps(
        {
            "file": "면접.md",
            "heading_path": ["면접 준비", "마지막 질문"],
            "mode": "mock",
            "target_s": 60.0,
            "spoken_s": 12.0,
            "finished": False,
            "at": 3.0,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    with log.path.open("ab") as handle:
        handle.write(whole[: len(whole) // 2])  # a crash mid-append: no newline
    assert log.read() == [first, second]


def test_append_after_a_torn_line_starts_a_fresh_line(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / LOG_NAME)
    first = rehearsal(INTRO, 1.0)
    log.append(first)
    with log.path.open("ab") as handle:
        handle.write('{"file": "면접.md", "heading_path": ["면접 준비", "자기'.encode())
    third = rehearsal(MOTIVE, 3.0)
    log.append(third)
    assert log.read() == [first, third]
    lines = log.path.read_bytes().splitlines()
    assert len(lines) == 3
    assert json.loads(lines[2])["heading_path"] == list(MOTIVE)
    assert [r.question for r in log.read()] == [
        ("면접/공통 질문.md", INTRO),
        ("면접/공통 질문.md", MOTIVE),
    ]


def test_foreign_lines_are_skipped(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / LOG_NAME)
    log.path.write_text('not json\n{"file": "a.md"}\n[]\n\n', encoding="utf-8")
    record = rehearsal()
    log.append(record)
    assert log.read() == [record]


def test_mock_records_keep_grade_digest_and_earlier_names(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / LOG_NAME)
    graded = record_now(
        "면접.md",
        MOTIVE,
        "mock",
        90.0,
        61.04,
        True,
        grade=2,
        answer_digest="a1b2c3",
        was=(("면접.md", ("면접 준비", "지원동기")),),
    )
    log.append(graded)
    log.append(rehearsal())
    assert log.read() == [graded, rehearsal()]
    first, second = (json.loads(line) for line in log.path.read_bytes().splitlines())
    assert first["grade"] == 2 and first["was"] == [["면접.md", ["면접 준비", "지원동기"]]]
    assert "grade" not in second and "was" not in second  # teleprompter lines stay short


def test_question_is_file_and_heading_path() -> None:
    assert rehearsal().question == ("면접/공통 질문.md", INTRO)


def test_record_now_rounds_the_spoken_time() -> None:
    record = record_now("면접.md", INTRO, "mock", 60.0, 41.26, True)
    assert record.spoken_s == 41.3
    assert record.heading_path == INTRO
    assert record.at > 0.0


def test_log_lives_beside_the_notes_when_writable(tmp_path: Path) -> None:
    notes = tmp_path / "면접 노트"
    notes.mkdir()
    path = log_path(notes)
    assert path == notes / LOG_FOLDER / LOG_NAME
    assert path == notes / ".rehearse" / "history.jsonl"
    assert not path.parent.exists()  # looking does not litter the notes folder
    log = RehearsalLog.for_notes(notes)
    log.append(rehearsal())
    assert path.parent.is_dir()
    assert RehearsalLog(notes / ".rehearse" / "history.jsonl").read() == [rehearsal()]


def test_log_falls_back_to_the_data_folder_when_rehearse_folder_cannot_be_made(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "면접 노트"
    notes.mkdir()
    (notes / LOG_FOLDER).write_text("파일입니다", encoding="utf-8")  # mkdir cannot succeed
    path = log_path(notes)
    data = Path(os.environ["REHEARSE_DATA"])
    assert path.parent == data / "history"
    assert path.suffix == ".jsonl"
    assert log_path(notes) == path  # stable for the same notes folder
    other = tmp_path / "다른 노트"
    other.mkdir()
    (other / LOG_FOLDER).write_text("", encoding="utf-8")
    assert log_path(other) != path  # one log per notes folder
    log = RehearsalLog.for_notes(notes)
    assert log.path == path
    log.append(rehearsal())
    assert RehearsalLog(path).read() == [rehearsal()]
    assert (notes / LOG_FOLDER).read_text(encoding="utf-8") == "파일입니다"


MOCK_LINE = {
    "file": "면접.md",
    "heading_path": list(INTRO),
    "mode": "mock",
    "target_s": 60.0,
    "spoken_s": 12.0,
    "finished": True,
    "at": 3.0,
}


@pytest.mark.parametrize(
    "foreign",
    [
        json.dumps({**MOCK_LINE, "grade": 7}),
        json.dumps({**MOCK_LINE, "grade": "good"}),
        json.dumps({**MOCK_LINE, "was": [["x"]]}),
        json.dumps({**MOCK_LINE, "was": [["면접.md", []]]}),
        json.dumps({**MOCK_LINE, "heading_path": []}),
        json.dumps({**MOCK_LINE, "heading_path": ""}),
        json.dumps({**MOCK_LINE, "heading_path": "자기소개"}),
        json.dumps({**MOCK_LINE, "spoken_s": 10**400}),
        json.dumps({**MOCK_LINE, "at": float("nan")}),
        "[" * 100_000,  # nested too deep for the parser
    ],
    ids=lambda line: line[:40],
)
def test_valid_json_of_the_wrong_shape_is_skipped(tmp_path: Path, foreign: str) -> None:
    log = RehearsalLog(tmp_path / LOG_NAME)
    good = json.dumps({**MOCK_LINE, "grade": 3}, ensure_ascii=False)
    log.path.write_text(f"{foreign}\n{good}\n", encoding="utf-8")
    [record] = log.read()
    assert record.grade == 3 and record.heading_path == INTRO
