"""End to end, on the installed binary: keys that reach the app together (a fast typist,
a slow link) act as if typed one by one, whichever widget each one moves the focus to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_tmux import Screen, Terminal, walk_to
from tests.e2e.test_tmux_edit_safety import start_with_note

pytestmark = pytest.mark.e2e

NOTE = "# 인성\n\n## 자기소개\n안녕하세요.\n\n### 1분 자기소개\n짧게.\n\n## 지원 동기\n성장.\n"


@pytest.fixture
def note(tmp_path: Path, empty_config: Path, terminal: Terminal) -> Path:
    return start_with_note(terminal, tmp_path, empty_config, NOTE)


def saved(terminal: Terminal, path: Path, expected: str) -> None:
    terminal.keys("C-s")
    terminal.wait_for("the save", lambda s: path.read_text(encoding="utf-8") == expected)


def editing(screen: Screen, text: str) -> bool:
    return any(text in row for row in screen.editor) and "unsaved" in screen.editor[1]


def prompting(screen: Screen) -> bool:
    return " to:" in screen.text or "New question," in screen.text


def settled_without_prompt(terminal: Terminal, note: Path) -> Screen:
    """Once the burst has acted (a prompt up, or the note written), close a prompt left
    open by keys it never got; the screen once none shows."""
    screen = terminal.wait_for(
        "a prompt, or the note written", lambda s: prompting(s) or note.read_text("utf-8") != NOTE
    )
    if prompting(screen):
        terminal.keys("Escape")
    return terminal.wait_for("no prompt", lambda s: not prompting(s))


@pytest.mark.parametrize(
    ("burst", "typed"),
    [(["r", "C-u", "가나다", "Enter"], "가나다"), (["n", "장단점", "Enter"], "장단점")],
)
def test_keys_typed_behind_a_prompt_key_never_land_in_an_answer(
    terminal: Terminal, note: Path, burst: list[str], typed: str
) -> None:
    """The prompt's box takes the focus only once it is up: the keys typed in the same
    instant are dropped (README), never held back to land after later ones (`n 장단점
    Enter` made a question `점` with `장단` in its answer)."""
    walk_to(terminal, ["면접.md", "인성", "지원 동기"])
    terminal.keys(*burst)
    settled_without_prompt(terminal, note)
    assert terminal.exited() is None
    for line in note.read_text("utf-8").splitlines():
        if any(part in line for part in (typed[:2], typed[1:])):
            assert line.startswith("#"), line  # only ever in a heading it names


def test_space_then_down_goes_into_the_rows_it_opened(terminal: Terminal, note: Path) -> None:
    walk_to(terminal, ["면접.md", "인성", "자기소개"])  # never expanded
    terminal.keys("Space", "Down", "Enter", "글")
    terminal.wait_for("the typed text", lambda s: editing(s, "글짧게."))
    saved(terminal, note, NOTE.replace("짧게.", "글짧게."))


def test_keys_behind_escape_are_the_tree_s(terminal: Terminal, note: Path) -> None:
    walk_to(terminal, ["면접.md", "인성", "자기소개"])
    terminal.keys("Enter", "가")
    terminal.wait_for("the first text", lambda s: editing(s, "가안녕하세요."))
    terminal.keys("Escape", "Down", "Down", "Enter", "나")  # back to the tree, two rows on
    screen = terminal.wait_for("the second text", lambda s: editing(s, "나성장."))
    assert screen.editor_title.endswith("지원 동기"), screen.text
    saved(terminal, note, NOTE.replace("\n성장.", "\n나성장."))  # Ctrl+S: the open section
    assert "가" not in note.read_text("utf-8")  # 자기소개's text is still only in the editor


def test_a_query_typed_with_ctrl_k_and_enter_opens_its_question(
    terminal: Terminal, note: Path
) -> None:
    terminal.keys("C-k", "ㅈㅇㄷㄱ", "Enter")
    screen = terminal.wait_for("the question", lambda s: s.editor_title.endswith("지원 동기"))
    assert "Search questions" not in screen.text, screen.text  # the search box is closed


def test_a_second_rename_typed_behind_the_first_is_no_crash(terminal: Terminal, note: Path) -> None:
    """The second Enter reached the first prompt after it had answered: the app ended with
    a ScreenStackError."""
    walk_to(terminal, ["면접.md", "인성", "지원 동기"])
    terminal.keys("r", "C-u", "가나", "Enter", "r", "C-u", "다라", "Enter")
    settled_without_prompt(terminal, note)
    assert terminal.exited() is None


def test_a_search_closed_before_its_answer_hits_came_is_no_crash(
    terminal: Terminal, note: Path
) -> None:
    """`성장` is found in an answer only: those hits came a frame after Enter had closed
    the search, and the app ended with NoMatches."""
    terminal.keys("C-k", "성장", "Enter")
    screen = terminal.wait_for("the question", lambda s: s.editor_title.endswith("지원 동기"))
    assert terminal.exited() is None, screen.text
    terminal.keys("Up")  # still answering keys
    terminal.wait_for("the tree", lambda s: not s.editor_title.endswith("지원 동기"))
