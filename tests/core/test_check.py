"""`rehearse check`: the notes linter, on fixture notes including broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.check import check_notebook, looks_like_question
from rehearse.core.notebook import open_notebook
from tests.conftest import write_note

NOTES = (
    "# 기술\n"
    "## 카프카란 무엇인가요?\n"  # a question with sub-questions only
    "### 파티션\n토픽을 나누어 병렬로 처리합니다.\n"
    "## 레디스\n"  # empty leaf
    "## 자기소개\n" + "가" * 400 + "\n"  # 400 syllables: about 89 s
    "## 긴 답변\n" + "나" * 450 + "\n%% " + "다" * 500 + " %%\n"  # 100 s; the comment is not said
)
OTHER = "## 자기 소개\n안녕하세요.\n"  # the same question as 자기소개, spaced differently


def make(tmp_path: Path) -> Path:
    write_note(tmp_path, "기술.md", NOTES)
    write_note(tmp_path, "인성.md", OTHER)
    return tmp_path


def test_findings_name_the_file_line_and_kind(tmp_path: Path) -> None:
    findings = check_notebook(open_notebook(make(tmp_path)))
    assert [(f.kind, f.file, f.line, f.title) for f in findings] == [
        ("no-answer", "기술.md", 2, "카프카란 무엇인가요?"),
        ("empty", "기술.md", 5, "레디스"),
        ("too-long", "기술.md", 8, "긴 답변"),
        ("duplicate", "인성.md", 1, "자기 소개"),
    ]
    assert "1:40" in findings[2].message and "1:30" in findings[2].message
    assert "기술.md:6" in findings[3].message


def test_the_target_is_adjustable(tmp_path: Path) -> None:
    findings = check_notebook(open_notebook(make(tmp_path)), target_seconds=60)
    assert [f.title for f in findings if f.kind == "too-long"] == ["자기소개", "긴 답변"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("카프카란 무엇인가요?", True), ("왜 우리 회사인가", True), ("장단점은 무엇입니까", True),
     ("Why this company?", True), ("기술", False), ("Behavioral", False)],
)  # fmt: skip
def test_question_like_titles(title: str, expected: bool) -> None:
    assert looks_like_question(title) is expected


def test_cli_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = make(tmp_path)
    assert main(["check", str(notes)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[1] == "기술.md:5: empty: '레디스' has no answer yet"
    assert "4 finding(s)" in out.err

    assert main(["check", str(notes), "--json", "--target", "120"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in records} == {"no-answer", "empty", "duplicate"}
    assert set(records[0]) == {"kind", "file", "line", "title", "message"}


def test_clean_notes_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_broken_input_gets_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "cp949.md", "## 자기소개\n".encode("cp949"))
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.startswith("cp949.md:1: unreadable: cannot be read: not UTF-8")
    assert main(["check", str(tmp_path / "없는 폴더")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rehearse: no such file or folder") and "Traceback" not in err
