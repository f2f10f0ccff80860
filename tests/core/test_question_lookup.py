"""A question named from the shell: by title, breadcrumb or FILE:LINE."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.notebook import open_notebook
from rehearse.core.question_lookup import find_questions
from tests.conftest import write_note

DUP = "# A\n## 자기소개\n짧게.\n# B\n## 자기소개\n길게 말합니다.\n### 꼬리 질문\n왜요?\n"


def _names(folder: Path, wanted: str) -> list[str]:
    return [f"{f.where} {f.path}" for f in find_questions(open_notebook(folder), wanted)]


def test_titles_breadcrumbs_and_places(tmp_path: Path) -> None:
    write_note(tmp_path, "dup.md", DUP)
    write_note(tmp_path, "기술/네트워크.md", "## TCP/IP란?\n계층입니다.\n## A > B\n비교.\n")
    assert _names(tmp_path, "자기  소개") == []  # spacing inside a word is a different title
    assert _names(tmp_path, " 자기소개 ") == ["dup.md:2 A › 자기소개", "dup.md:5 B › 자기소개"]
    for wanted in (
        "B › 자기소개",
        "b > 자기소개",
        "B/자기소개",
        "dup.md › B › 자기소개",
        "dup › B › 자기소개",
    ):
        assert _names(tmp_path, wanted) == ["dup.md:5 B › 자기소개"], wanted
    assert _names(tmp_path, "자기소개 › 꼬리 질문") == ["dup.md:7 B › 자기소개 › 꼬리 질문"]
    assert _names(tmp_path, "dup.md:5") == ["dup.md:5 B › 자기소개"]
    assert _names(tmp_path, "dup.md:6") == ["dup.md:5 B › 자기소개"]  # a line of its answer
    assert _names(tmp_path, "dup.md:8") == ["dup.md:7 B › 자기소개 › 꼬리 질문"]
    assert _names(tmp_path, "dup.md:1") == ["dup.md:1 A"]  # a heading, as by its title
    assert _names(tmp_path, "dup.md:99") == [] and _names(tmp_path, "없는.md:2") == []
    # A title holding a separator is a title first.
    assert _names(tmp_path, "TCP/IP란?") == ["기술/네트워크.md:1 TCP/IP란?"]
    assert _names(tmp_path, "A > B") == ["기술/네트워크.md:3 A > B"]
    assert _names(tmp_path, "네트워크.md:3") == ["기술/네트워크.md:3 A > B"]
    assert _names(tmp_path, "기술/네트워크.md:1") == ["기술/네트워크.md:1 TCP/IP란?"]
