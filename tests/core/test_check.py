"""`rehearse check`: the notes linter, on fixture notes including broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.check import MARKER_HINT, Finding, check_notebook, looks_like_question
from rehearse.core.notebook import open_notebook
from rehearse.core.questions import QuestionRules
from tests.conftest import write_note
from tests.core.boilerplate import make_boilerplate_notes

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
    assert [(f.kinds[0], f.file, f.line, f.title) for f in findings] == [
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
    assert out.out.splitlines()[1] == (
        "기술.md:5: empty: '레디스' has no answer yet (if it is another wording of the question "
        "below, write %% same as below %% in it)"
    )
    assert "4 findings in 5 questions" in out.err

    assert main(["check", str(notes), "--json", "--target", "120"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in records} == {"no-answer", "empty", "duplicate"}
    assert set(records[0]) == {"kind", "kinds", "file", "line", "title", "message"}
    assert records[0]["kinds"] == [records[0]["kind"]]


def test_clean_notes_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_broken_input_gets_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "cp949.md", "## 자기소개\n".encode("cp949"))
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.startswith(
        "cp949.md:1: unreadable: cannot be read: not UTF-8 but CP949/EUC-KR (Korean) text"
    )
    assert main(["check", str(tmp_path / "없는 폴더")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rehearse: no such file or folder") and "Traceback" not in err


# -- a linter worth running on boilerplate-heavy notes ------------------------------------------


def lines_of(findings: list[Finding]) -> list[str]:
    return [str(finding) for finding in findings]


def test_boilerplate_is_not_reported_and_real_problems_are(tmp_path: Path) -> None:
    findings = check_notebook(open_notebook(make_boilerplate_notes(tmp_path)))
    assert lines_of(findings) == [
        "README.md:16: empty, duplicate: '면접 팁' has no answer yet; "
        "'면접 팁' is also at README.md:12",
        "README.md:18: empty: '캐시란 무엇인가요?' has no answer yet",
        "정리.md:3: duplicate: 'TCP와 UDP의 차이는?' is also at README.md:8",
        "정리.md:7: too-long: '자기소개' takes about 1:51 to say, over the 1:30 target",
    ]


def test_the_same_sub_heading_under_different_questions_is_no_duplicate(tmp_path: Path) -> None:
    write_note(tmp_path, "a.md", "## 카프카\n분산 로그\n### 장점\n빠름\n### 단점\n복잡함\n")
    write_note(tmp_path, "b.md", "## 레디스\n캐시\n### 장점\n빠름\n")
    assert check_notebook(open_notebook(tmp_path)) == []


def test_the_same_title_under_the_same_parent_is_a_duplicate(tmp_path: Path) -> None:
    write_note(tmp_path, "a.md", "## 카프카\n분산 로그\n### 장점\n빠름\n### 장점 \n확장성\n")
    assert lines_of(check_notebook(open_notebook(tmp_path))) == [
        "a.md:5: duplicate: '장점' is also at a.md:3"
    ]


def test_the_same_question_in_two_files_is_a_duplicate(tmp_path: Path) -> None:
    write_note(tmp_path, "인성.md", "# 인성\n## 지원 동기?\n성장하고 싶습니다.\n")
    write_note(tmp_path, "기술.md", "# 기술\n## 지원동기\n기술 때문입니다.\n")
    assert lines_of(check_notebook(open_notebook(tmp_path))) == [
        "인성.md:2: duplicate: '지원 동기?' is also at 기술.md:2"
    ]


def test_one_line_gets_one_finding_with_all_its_kinds(tmp_path: Path) -> None:
    write_note(tmp_path, "a.md", "# 기술\n## code\n## code\n")
    findings = check_notebook(open_notebook(tmp_path), rules=QuestionRules(ignore=()))
    assert lines_of(findings) == [
        "a.md:2: empty: 'code' has no answer yet",
        "a.md:3: empty, duplicate: 'code' has no answer yet; 'code' is also at a.md:2",
    ]
    assert len({(f.file, f.line) for f in findings}) == len(findings)


def test_same_as_below_is_not_empty_and_empty_questions_hear_of_it(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "인성.md",
        "## 카카오에 지원한 이유\n%% same as below %%\n"
        "## 꼭 우리회사여야 하는 이유\n기술 문화가 좋아서입니다.\n"
        "## 본질에 집중해본 경험\n"
        "## 인생을 사는데 즐거움을 무엇으로 찾는지?\n운동입니다.\n"
        "## 마지막 질문\n%% same as below %%\n",
    )
    assert lines_of(check_notebook(open_notebook(tmp_path))) == [
        "인성.md:5: empty: '본질에 집중해본 경험' has no answer yet" + MARKER_HINT,
        "인성.md:8: empty: '마지막 질문' is marked same as below, but the question below has no "
        "answer",
    ]


def test_links_only_is_not_an_answer(tmp_path: Path) -> None:
    write_note(tmp_path, "a.md", "## 캐시 전략\n- [블로그](https://example.com)\n")
    assert lines_of(check_notebook(open_notebook(tmp_path))) == [
        "a.md:1: empty: '캐시 전략' has only links, no answer to say yet"
    ]


def test_the_ignore_list_comes_from_the_config(
    tmp_path: Path, isolated_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "a.md", "## 카프카\n분산 로그\n## 면접 후기\n## 참고 자료\n")
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == ["a.md:3: empty: '면접 후기' has no answer yet"]
    isolated_config.write_text("ignore: [면접 후기]\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1  # 참고 자료 is no longer ignored
    assert capsys.readouterr().out.splitlines() == ["a.md:4: empty: '참고 자료' has no answer yet"]
    isolated_config.write_text("ignore: 면접 후기\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "'ignore' should be a list of heading patterns" in err and "Traceback" not in err


def test_utf16_notes_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "윈도우.md", "## 자기소개\n안녕하세요\n".encode("utf-16"))
    write_note(tmp_path, "bom 없음.md", "## 지원 동기\nhello\n".encode("utf-16-le"))
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "bom 없음.md:1: unreadable: cannot be read: UTF-16 text: save it as UTF-8",
        "윈도우.md:1: unreadable: cannot be read: UTF-16 text: save it as UTF-8",
    ]


def test_one_finding_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n")
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().endswith("1 finding in 1 question")


@pytest.mark.parametrize("value", ["0", "-5", "9", "601", "abc", "1:61"])
def test_a_target_out_of_range_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(tmp_path), "--target", value])
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.endswith(
        f"argument --target: {value!r} is not a target: seconds from 10 to 600, or m:ss"
    )


def test_a_target_reads_like_a_questions_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    assert main(["check", str(tmp_path), "--target", "1:30"]) == 0
