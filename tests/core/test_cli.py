"""`rehearse list`: the outline as text or JSON, and clear messages for bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rehearse.cli import main
from tests.conftest import REPO, write_note

KEYS = {"file", "line", "level", "title", "path", "kind", "chars", "estimate_s", "target_s"}

INTRO = "---\n회사: 예시\n---\n## 자기소개\n안녕하세요, **백엔드** 개발자입니다.\n"
KAFKA = (
    "# 기술\n"
    "## 카프카란?\n"
    "분산 로그입니다.\n"
    "%% 꼬리 질문 대비 %%\n"
    "### *파티션*이란? ##\n"
    "```\n# 코드 주석\n```\n"
    "순서를 보장하는 단위\n"
)


def make_notes(folder: Path) -> Path:
    write_note(folder, "자기소개.md", INTRO)
    write_note(folder, "기술/카프카.md", KAFKA.replace("\n", "\r\n"))
    write_note(folder, ".obsidian/app.md", "# 숨김\n")
    return folder


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(["list", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_list_json_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_notes(tmp_path)
    code, records, err = run_json(capsys, str(tmp_path))
    assert code == 0
    assert err == ""
    assert all(set(record) == KEYS for record in records)
    assert all(isinstance(record.pop("estimate_s"), float) for record in records)  # own test
    assert records == [  # the tree's order: a folder's folders before its files
        {
            "file": "기술/카프카.md",
            "line": 1,
            "level": 1,
            "title": "기술",
            "path": [],
            "kind": "category",
            "chars": 0,
            "target_s": None,  # not a question
        },
        {
            "file": "기술/카프카.md",
            "line": 2,
            "level": 2,
            "title": "카프카란?",
            "path": ["기술"],
            "kind": "answer",
            "chars": len("분산로그입니다."),
            "target_s": 60.0,
        },
        {
            "file": "기술/카프카.md",
            "line": 5,
            "level": 3,
            "title": "파티션이란?",
            "path": ["기술", "카프카란?"],
            "kind": "answer",
            "chars": len("#코드주석순서를보장하는단위"),
            "target_s": 60.0,
        },
        {
            "file": "자기소개.md",
            "line": 4,
            "level": 2,
            "title": "자기소개",
            "path": [],
            "kind": "answer",
            "chars": len("안녕하세요,백엔드개발자입니다."),
            "target_s": 60.0,  # the config's target_seconds
        },
    ]


TARGETS = (
    "---\n"
    "target_seconds: 1:30\n"
    "---\n"
    "## 자기소개\n"
    "%% target: 45 %%\n"
    "안녕하세요, 백엔드 개발자 김하늘입니다.\n"
    "## 지원 동기\n"
    "성장하고 싶습니다.\n"
    "## 준비 중\n"
    "%% target: 5 %%\n"
)


def test_list_json_gives_each_question_its_own_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "목표.md", TARGETS)
    write_note(tmp_path, "기본.md", "## 장단점\n끈기입니다.\n")
    code, records, _ = run_json(capsys, str(tmp_path))
    assert code == 0
    assert [(r["title"], r["target_s"]) for r in records] == [
        ("장단점", 60.0),  # the config's
        ("자기소개", 45.0),  # its own comment
        ("지원 동기", 90.0),  # its file's front matter
        ("준비 중", 90.0),  # 5 s is out of range (10-600): the file's stands
    ]


def test_list_json_keeps_korean_unescaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "질문.md", "## 동시성 문제\n")
    assert main(["list", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"title": "동시성 문제"' in out
    assert "\\u" not in out


def test_list_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_notes(tmp_path)
    code, records, err = run_json(capsys, str(tmp_path / "기술" / "카프카.md"))
    assert code == 0
    assert err == ""
    assert {record["file"] for record in records} == {"카프카.md"}
    assert [record["title"] for record in records] == ["기술", "카프카란?", "파티션이란?"]


def test_list_text_outline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_notes(tmp_path)
    write_note(tmp_path, "빈 질문.md", "## 아직 답 없음\n")
    assert main(["list", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "기술/카프카.md",
        "  기술",
        "    카프카란?  [8 chars]",
        "      파티션이란?  [14 chars]",
        "빈 질문.md",
        "  아직 답 없음  [empty]",
        "자기소개.md",
        "  자기소개  [16 chars]",
    ]


def test_list_missing_path_exits_2_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "없는 폴더"
    code = main(["list", str(missing), "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("rehearse: ")
    assert str(missing) in captured.err
    assert "Traceback" not in captured.err


def test_list_reports_unreadable_and_lists_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_notes(tmp_path)
    write_note(tmp_path, "옛날/윈도우 노트.md", "## 지원 동기\n열심히 하겠습니다\n".encode("cp949"))
    code, records, err = run_json(capsys, str(tmp_path))
    assert code == 0
    assert err.startswith("rehearse: 옛날/윈도우 노트.md: unreadable: not UTF-8")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert [record["title"] for record in records] == [
        "기술",
        "카프카란?",
        "파티션이란?",
        "자기소개",
    ]


def test_list_text_marks_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "깨진.md", b"## \x00\x01")
    write_note(tmp_path, "좋은.md", "## 좋은 질문\n답\n")
    assert main(["list", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "깨진.md  [unreadable: binary file (contains NUL bytes)]",
        "좋은.md",
        "  좋은 질문  [1 chars]",
    ]
    assert "깨진.md: unreadable: binary" in captured.err


def test_list_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, err = run_json(capsys, str(tmp_path))
    assert code == 0
    assert records == []
    assert err.startswith("rehearse: no Markdown notes")


def test_list_reports_config_problems_and_still_lists(
    tmp_path: Path, isolated_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_config.write_text("theme: 어두운\n글꼴: 굴림\n", encoding="utf-8")
    write_note(tmp_path, "질문.md", "## 자기소개\n")
    code, records, err = run_json(capsys, str(tmp_path))
    assert code == 0
    assert [record["title"] for record in records] == ["자기소개"]
    assert err.startswith(f"rehearse: {isolated_config}:2: unknown key '글꼴'")


def test_installed_binary_lists_json(tmp_path: Path) -> None:
    make_notes(tmp_path)
    binary = REPO / ".venv" / "bin" / "rehearse"
    assert binary.exists()
    result = subprocess.run(
        [str(binary), "list", "--json", str(tmp_path)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    records = json.loads(result.stdout.decode("utf-8"))
    assert all(set(record) == KEYS for record in records)
    assert [(r["file"], r["line"], r["title"]) for r in records] == [
        ("기술/카프카.md", 1, "기술"),
        ("기술/카프카.md", 2, "카프카란?"),
        ("기술/카프카.md", 5, "파티션이란?"),
        ("자기소개.md", 4, "자기소개"),
    ]


def test_installed_binary_missing_path(tmp_path: Path) -> None:
    binary = REPO / ".venv" / "bin" / "rehearse"
    result = subprocess.run(
        [str(binary), "list", str(tmp_path / "없음")],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert err.startswith("rehearse: no such file or folder")
    assert "Traceback" not in err


def test_list_json_gives_the_speaking_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = "가" * 270 + "\n%% 읽지 않는 메모 %%\n```\n# 코드도 읽지 않습니다\n```\n"
    (tmp_path / "n.md").write_text(f"## 자기소개\n{answer}", encoding="utf-8")
    assert main(["list", str(tmp_path), "--json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["estimate_s"] == 60.0  # 270 syllables at 270 a minute


def test_list_json_says_what_counts_as_an_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(
        tmp_path,
        "알고리즘.md",
        "## 이분 탐색\n반씩 줄여 찾습니다.\n### 구현\n```java\nint mid = (lo + hi) / 2;\n```\n"
        "### Code\n```java\nreturn mid;\n```\n"
        "## 지원 동기\n%% same as below %%\n## 왜 우리 회사인가\n" + "가" * 27 + "\n",
    )
    code, records, _ = run_json(capsys, str(tmp_path))
    assert code == 0
    assert [(r["title"], r["kind"], r["chars"] > 0, r["estimate_s"]) for r in records] == [
        ("이분 탐색", "answer", True, 1.8),
        ("구현", "code-only", True, 0.0),  # characters in the tree, nothing to say aloud
        ("Code", "ignored", True, 0.0),
        ("지원 동기", "same-as-below", False, 6.0),  # the answer below it, said
        ("왜 우리 회사인가", "answer", True, 6.0),
    ]
    assert records[3]["answer_line"] == 13
    assert "answer_line" not in records[4]
