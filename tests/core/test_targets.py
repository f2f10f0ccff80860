"""Per-question targets: `%% target: 90 %%` in a question's section, `target_seconds` in a
file's front matter, and `check`'s "too long to say" honouring them (the tree's over-time
colour: tests/ui/test_tree_targets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.check import check_notebook
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.speech import SpeakingRates
from rehearse.core.targets import own_target, parse_target, question_target
from tests.conftest import write_note

# 자기소개 takes about 0:44 to say (200 syllables at 270 a minute).
LONG = "안녕하세요 " * 40 + "\n"
NOTE = (
    "---\n"
    "company: 예시전자\n"
    "target_seconds: 40\n"
    "---\n"
    "# 인성\n"
    "## 자기소개\n"
    "%% target: 1:30 %%\n" + LONG + "## 지원 동기\n" + LONG + "## 다른 말로\n"
    "%% same as below %%\n"
    "## 장단점\n"
    "%% target: 50초 %%\n"
    "끈기입니다.\n"
    "## 메모만\n"
    "%% 60초 안에 끝낼 것 %%\n"
    "짧게.\n"
)


def note_of(tmp_path: Path, text: str = NOTE) -> NoteFile:
    path = write_note(tmp_path / "노트", "인성.md", text)
    note = open_notebook(path.parent).get(path)
    assert isinstance(note, NoteFile)
    return note


def section(note: NoteFile, title: str) -> Section:
    found = note.find_by_heading_path(("인성", title))
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90.0),
        ("90", 90.0),
        ("90s", 90.0),
        ("90 seconds", 90.0),
        ("90초", 90.0),
        ("1:30", 90.0),
        (" 2:00 ", 120.0),
        (45.5, 45.5),
        (5, None),  # out of range (10-600)
        (601, None),
        ("1:75", None),
        ("아주 길게", None),
        (True, None),
        (None, None),
        ([90], None),
    ],
)
def test_target_values(value: object, seconds: float | None) -> None:
    assert parse_target(value) == seconds


def test_a_question_s_comment_wins_over_its_file_s_front_matter(tmp_path: Path) -> None:
    note = note_of(tmp_path)
    assert question_target(note, section(note, "자기소개"), 60.0) == 90.0  # its comment
    assert question_target(note, section(note, "지원 동기"), 60.0) == 40.0  # the file's
    assert question_target(note, section(note, "다른 말로"), 60.0) == 50.0  # the shared answer's
    assert question_target(note, section(note, "메모만"), 60.0) == 40.0  # a comment, no target
    plain = note_of(tmp_path / "plain", NOTE.replace("target_seconds: 40\n", ""))
    assert own_target(plain, section(plain, "지원 동기")) is None
    assert question_target(plain, section(plain, "지원 동기"), 60.0) == 60.0  # the default


def test_broken_front_matter_gives_no_target_and_no_error(tmp_path: Path) -> None:
    text = NOTE.replace("target_seconds: 40\n", "target_seconds: [40\nother: &a *a\n")
    note = note_of(tmp_path, text)
    assert question_target(note, section(note, "지원 동기"), 60.0) == 60.0


def test_check_says_too_long_against_each_question_s_target(tmp_path: Path) -> None:
    note = note_of(tmp_path)
    notebook = open_notebook(note.path.parent)
    too_long = [f for f in check_notebook(notebook, SpeakingRates(), 90.0) if "too-long" in f.kinds]
    # 0:44: over the file's 40 s, inside 자기소개's own 1:30 (and inside --target 90).
    assert [(f.title, f.message) for f in too_long] == [
        ("지원 동기", "'지원 동기' takes about 0:44 to say, over the 0:40 target")
    ]
