"""`rehearse search QUERY [PATH] [--json] [--limit N]`: ranked lines for scripts, no Textual."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from rehearse.cli import main
from tests.conftest import REPO, write_note

LINE = re.compile(
    r"^(?P<score>[ \d]{3}\.\d)  (?P<title>.+?)  (?P<file>\S+):(?P<line>\d+)"
    r"(?:  \(answer: (?P<snippet>.*?)\))?(?:  \(searched as (?P<reading>.*)\))?$"
)
JSON_FIELDS = {
    "title", "file", "line", "path", "score", "match", "spans", "snippet", "searched_as"
}  # fmt: skip


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "면접 노트"
    write_note(
        folder,
        "01-인성.md",
        "---\ntags: [면접]\n---\n"  # lines 1-3
        "# 인성 면접\n\n"  # 4
        "## 자기소개\n\n"  # 6
        "결제 시스템을 4년 동안 만든 백엔드 개발자입니다.\n\n"
        "### 1분 자기소개\n\n"  # 10
        "짧게 말하면 결제 실패율을 절반으로 줄였습니다.\n\n"
        "## 지원 동기\n\n"  # 14
        "정산 시스템 재설계 글을 읽고 지원했습니다. 자기소개에서 말한 결제 경험을 살리겠습니다.\n",
    )
    write_note(
        folder,
        "기술/02-백엔드.md",
        "## 스프링 빈의 생명주기는?\n\n생성, 주입, 초기화, 소멸 순서입니다.\n\n"
        "## 메시지 큐를 쓰는 이유\n\n새벽 장애 때 롤백 절차를 밟은 경험이 있습니다.\n",
    )
    write_note(
        folder,
        "03-english.md",
        "## Message Queue\n\nDecouples producers from consumers.\n\n"
        "## Object Oriented Programming\n\nEncapsulation and polymorphism.\n\n"
        "## C++ Memory Management\n\nRAII and smart pointers.\n",
    )
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def lines_of(out: str) -> list[re.Match[str]]:
    rows = out.splitlines()
    matches = [LINE.match(row) for row in rows]
    assert all(matches), rows
    return [m for m in matches if m is not None]


def records_of(out: str) -> list[dict[str, Any]]:
    records = json.loads(out)
    assert isinstance(records, list)
    return records


# --- text output ----------------------------------------------------------------------------


def test_initials_query_prints_ranked_lines(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    code, out, err = run(capsys, "ㅈㄱㅅㄱ", str(notes))
    assert code == 0
    assert err == ""
    rows = lines_of(out)
    assert [(r["title"], r["file"], r["line"]) for r in rows] == [
        ("자기소개", "01-인성.md", "6"),
        ("1분 자기소개", "01-인성.md", "10"),
    ]
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert "\x1b" not in out, "plain text for pipes, like fzf --filter"


def test_answer_hits_are_marked_as_answers(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, "결제", str(notes))
    assert code == 0
    rows = lines_of(out)
    assert {r["title"] for r in rows} == {"자기소개", "1분 자기소개", "지원 동기"}
    assert all(r["snippet"] and "결제" in r["snippet"] for r in rows)


def test_title_hits_before_answer_hits(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    _, out, _ = run(capsys, "자기소개", str(notes))
    rows = [(r["title"], r["snippet"] is not None) for r in lines_of(out)]
    assert rows == [("자기소개", False), ("1분 자기소개", False), ("지원 동기", True)]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("슾", "스프링 빈의 생명주기는?"),
        ("메시지큐를", "메시지 큐를 쓰는 이유"),
        ("1분자기소개", "1분 자기소개"),
        ("자기소게", "자기소개"),
        ("queue message", "Message Queue"),
        ("oop", "Object Oriented Programming"),
        ("c++", "C++ Memory Management"),
    ],
)
def test_each_kind_of_query_from_the_command_line(
    capsys: pytest.CaptureFixture[str], notes: Path, query: str, title: str
) -> None:
    code, out, _ = run(capsys, query, str(notes))
    assert code == 0
    assert lines_of(out)[0]["title"] == title


def test_nfd_query_from_a_mac_terminal(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, unicodedata.normalize("NFD", "지원 동기"), str(notes))
    assert code == 0
    assert lines_of(out)[0]["title"] == "지원 동기"


def test_limit(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, "ㅈ", str(notes), "--limit", "1")
    assert code == 0
    assert len(lines_of(out)) == 1
    _, out, _ = run(capsys, "ㅈ", str(notes))
    assert len(lines_of(out)) > 1


def test_single_file_path(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, "ㅅ", str(notes / "기술" / "02-백엔드.md"))
    assert code == 0
    rows = lines_of(out)
    assert {r["file"] for r in rows} == {"02-백엔드.md"}
    assert rows[0]["title"] == "스프링 빈의 생명주기는?"


# --- JSON -----------------------------------------------------------------------------------


def test_json_records(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, "ㅈㄱㅅㄱ", str(notes), "--json")
    assert code == 0
    assert "자기소개" in out, "Korean written as is, not as \\u escapes"
    records = records_of(out)
    assert [set(record) for record in records] == [JSON_FIELDS, JSON_FIELDS]
    first, second = records
    assert first == {
        "title": "자기소개",
        "file": "01-인성.md",
        "line": 6,
        "path": ["인성 면접"],
        "score": first["score"],
        "match": "initials",
        "spans": [[0, 4]],
        "snippet": "",
        "searched_as": "",
    }
    assert second["path"] == ["인성 면접", "자기소개"]
    assert second["title"][slice(*second["spans"][0])] == "자기소개"
    assert first["score"] >= second["score"]


def test_json_spans_are_offsets_into_the_title(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    _, out, _ = run(capsys, "queue message", str(notes), "--json")
    [record, *_] = records_of(out)
    assert record["match"] == "all_words"
    assert [record["title"][a:b] for a, b in record["spans"]] == ["Message", "Queue"]
    _, out, _ = run(capsys, "빈의 생명죽", str(notes), "--json")
    [record] = records_of(out)
    assert [record["title"][a:b] for a, b in record["spans"]] == ["빈의", "생명주기"]


def test_json_answer_hit(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, _ = run(capsys, "롤백 절차", str(notes), "--json")
    assert code == 0
    [record] = records_of(out)
    assert record["title"] == "메시지 큐를 쓰는 이유"
    assert record["file"] == "기술/02-백엔드.md"
    assert record["match"] == "answer"
    assert "롤백 절차" in record["snippet"]
    # Spans of an answer hit are into its snippet: every word of the query found there.
    assert [record["snippet"][a:b] for a, b in record["spans"]] == ["롤백", "절차"]
    assert record["searched_as"] == ""


def test_an_answer_hit_is_searched_as_the_word_it_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Not the term's first name (자바스크립트) but the word the answer holds: JS, JavaScript."""
    write_note(
        tmp_path,
        "n.md",
        "## 질문 둘\n\n저는 JS와 TypeScript를 씁니다.\n\n"
        "## 언어 경험\n\nc++과 JavaScript를 써 봤습니다.\n",
    )
    _, out, _ = run(capsys, "javascript", str(tmp_path))
    assert "(answer: 저는 JS와 TypeScript를 씁니다.)  (searched as JS)" in out
    _, out, _ = run(capsys, "js", str(tmp_path), "--json")
    by_title = {record["title"]: record for record in records_of(out)}
    found = by_title["언어 경험"]
    assert found["searched_as"] == "JavaScript"
    assert [found["snippet"][a:b] for a, b in found["spans"]] == ["JavaScript"]
    typed = by_title["질문 둘"]
    assert typed["searched_as"] == ""
    assert [typed["snippet"][a:b] for a, b in typed["spans"]] == ["JS"]


def test_json_nothing_found_is_an_empty_list_and_exit_1(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    code, out, _ = run(capsys, "뷁뛟쀍", str(notes), "--json")
    assert code == 1
    assert records_of(out) == []


# --- exit codes -----------------------------------------------------------------------------


def test_nothing_found_exits_1_with_no_output(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    assert run(capsys, "zxqvj", str(notes)) == (1, "", "")


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "자기소개", str(tmp_path / "없는 폴더"))
    assert code == 2
    assert out == ""
    assert "없는 폴더" in err


def test_limit_below_one_exits_2(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    code, out, err = run(capsys, "자기소개", str(notes), "--limit", "0")
    assert (code, out) == (2, "")
    assert "--limit" in err


def test_missing_query_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["search"])
    assert raised.value.code == 2
    assert "query" in capsys.readouterr().err


# --- the installed command, in a fresh interpreter ------------------------------------------


def test_installed_rehearse_search_prints_korean(notes: Path) -> None:
    command = Path(sys.executable).parent / "rehearse"
    result = subprocess.run(
        [str(command), "search", "ㅈㄱㅅㄱ", str(notes), "--limit", "1"],
        capture_output=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8").split("  ")[1] == "자기소개"
    missing = subprocess.run(
        [str(command), "search", "zxqvj", str(notes)], capture_output=True, check=False
    )
    assert (missing.returncode, missing.stdout) == (1, b"")


def test_installed_rehearse_search_never_imports_textual(notes: Path) -> None:
    command = Path(sys.executable).parent / "rehearse"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", str(command), "search", "ㅈㄱㅅㄱ", str(notes)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "rehearse.core.search" in imported
    assert "rapidfuzz" in imported
    assert not {name for name in imported if name.split(".")[0] in ("textual", "rich")}


def test_search_leaves_textual_out_of_sys_modules(notes: Path) -> None:
    probe = (
        "import contextlib, io, sys\n"
        "from rehearse.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['search', 'ㅈㄱㅅㄱ', {str(notes)!r}, '--json'])\n"
        "assert code == 0, code\n"
        "assert '자기소개' in out.getvalue()\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = set(result.stdout.split())
    assert "rehearse.core.search" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
