"""End to end, on the installed binary: a nested folder of notes in a real terminal.

Folders are nodes and stay open, selected and in order while another program adds and
removes notes; `n` adds a Korean question through the safe save path; `e` hands the
terminal to the user's editor (a fake one that records its arguments and appends a
line) and what it wrote shows up with the selection kept, and an editor that cannot
start leaves the app usable with a message; the highlighted row is never
painted in one colour on itself in 256 colours.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from rich.color import Color

from tests.e2e.test_tmux import SESSION, Screen, Terminal, cell_width, crumb, down_to
from tests.ui.test_cursor_contrast import contrast

pytestmark = pytest.mark.e2e

PROCESS = (
    "## 프로세스란?\n실행 중인 프로그램입니다.\n\n## 스레드란?\n프로세스 안의 실행 흐름입니다.\n"
)


def nested(folder: Path) -> Path:
    (folder / "CS" / "운영체제").mkdir(parents=True)
    (folder / "CS" / "운영체제" / "프로세스.md").write_text(PROCESS, encoding="utf-8")
    (folder / "인성").mkdir()
    (folder / "인성" / "자기소개.md").write_text("## 자기소개\n안녕하세요.\n", encoding="utf-8")
    return folder


def tree_rows(screen: Screen) -> list[str]:
    return [row.strip() for row in screen.tree if row.strip()]


def start(terminal: Terminal, notes: Path, config: Path) -> Screen:
    terminal.start(notes, config)
    first = crumb("CS/운영체제/프로세스.md", "프로세스란?")
    return terminal.wait_for(
        "the nested folders and the first question",
        lambda s: s.editor_title == first and any("CS/" in row for row in s.tree),
    )


def test_a_nested_folder_keeps_its_place_and_n_adds_a_korean_question(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = nested(tmp_path / "notes")
    screen = start(terminal, notes, empty_config)
    rows = tree_rows(screen)
    assert rows[0].endswith("CS/") and rows[1].endswith("운영체제/"), screen.text
    assert "프로세스.md" in rows[2] and "2 questions" in rows[2], screen.text
    assert any(row.endswith("인성/") for row in rows), screen.text  # folders are nodes

    down_to(terminal, crumb("CS/운영체제/프로세스.md", "스레드란?"))
    # Another program adds a note and takes it away again: nothing moves.
    (notes / "zz-new.md").write_text("# x\n", encoding="utf-8")
    terminal.wait_for("the new note", lambda s: s.tree_has("zz-new.md"))
    before = terminal.screen()
    (notes / "zz-new.md").unlink()
    after = terminal.wait_for("the note gone", lambda s: not s.tree_has("zz-new.md"))
    assert [r for r in tree_rows(before) if "zz-new" not in r] == tree_rows(after), after.text
    assert after.editor_title == crumb("CS/운영체제/프로세스.md", "스레드란?"), after.text

    terminal.keys("n")
    terminal.wait_for("the prompt", lambda s: "New question, after ‘스레드란?’" in s.text)
    terminal.type("컨텍스트 스위칭이란?")
    terminal.keys("Enter")
    note = notes / "CS" / "운영체제" / "프로세스.md"
    terminal.wait_for(
        "the new question open",
        lambda s: s.editor_title == crumb("CS/운영체제/프로세스.md", "컨텍스트 스위칭이란?"),
    )
    assert note.read_text(encoding="utf-8") == PROCESS + "## 컨텍스트 스위칭이란?\n"
    terminal.type("레지스터를 저장하고 바꿉니다.")
    terminal.keys("C-s")
    terminal.wait_for(
        "the answer saved",
        lambda s: note.read_text(encoding="utf-8").endswith(
            "## 컨텍스트 스위칭이란?\n레지스터를 저장하고 바꿉니다."
        ),
    )
    screen = terminal.wait_for("the tree row", lambda s: s.tree_has("컨텍스트 스위칭이란?"))
    assert "컨텍스트 스위칭이란?" in screen.text


def test_a_folder_renamed_by_a_shell_keeps_its_place_and_the_selection(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = nested(tmp_path / "notes")
    start(terminal, notes, empty_config)
    before = down_to(terminal, crumb("CS/운영체제/프로세스.md", "스레드란?"))
    (notes / "CS" / "운영체제").rename(notes / "CS" / "운영체제 심화")
    moved = crumb("CS/운영체제 심화/프로세스.md", "스레드란?")
    after = terminal.wait_for(
        "the renamed folder", lambda s: s.tree_has("▾ 운영체제 심화/") and s.editor_title == moved
    )
    assert not any("unreadable" in row for row in after.tree), after.text
    renamed = [row.replace("운영체제/", "운영체제 심화/") for row in tree_rows(before)]
    assert tree_rows(after) == renamed, after.text  # open, in place, nothing else moved
    terminal.keys("Up")  # the cursor is still on 스레드란?, under the new name
    terminal.wait_for(
        "the question above",
        lambda s: s.editor_title == crumb("CS/운영체제 심화/프로세스.md", "프로세스란?"),
    )


TITLES = (
    "# 기술\n## 다음 질문\n다음 답변.\n"
    "## 아주 긴 질문 제목은 트리의 폭보다 길어서 말줄임표로 잘립니다\n답.\n"
)


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 36)])
def test_a_tree_title_is_cut_only_when_it_does_not_fit(
    terminal: Terminal, tmp_path: Path, empty_config: Path, width: int, height: int
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "t.md").write_text(TITLES, encoding="utf-8")
    terminal.start(notes, empty_config)
    terminal.tmux("resize-window", "-t", SESSION, "-x", str(width), "-y", str(height))
    screen = terminal.wait_for(
        "the titles at the new width",
        lambda s: len(s.lines) == height and s.tree_has("0:01") and s.tree_has("기술"),
    )
    border = screen.border_columns()
    assert len(border) == 1, screen.text
    short = next((row for row in screen.tree if "다음" in row), "")
    assert "다음 질문  0:01" in short, screen.text  # 9 cells, room for them: never cut
    long = next((row for row in screen.tree if "아주" in row), "")
    assert "…" in long, screen.text
    # A cut title uses every cell up to the thin scrollbar's column before the border (but
    # one, when the next syllable is two cells wide).
    assert cell_width(long.rstrip()) >= border.pop() - 2, screen.text


EMOJI = (
    "# 가족 👨\u200d👩\u200d👧\u200d👦 이야기\n"
    "## 좋아요 👍🏽 받은 일\n답변입니다.\n"
    "## 개발자 👩\u200d💻 ❤️ 의 하루\n답변입니다.\n"
)


def test_joined_emoji_show_whole_and_never_push_the_border(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "이모지.md").write_text(EMOJI, encoding="utf-8")
    terminal.start(notes, empty_config)
    screen = terminal.wait_for("the emoji titles", lambda s: s.tree_has("받은"))
    text = "\n".join(screen.tree)
    # Whole (tmux keeps at most 21 bytes of a cell, so the 25-byte family comes back cut).
    assert "👩\u200d💻" in text and "가족 👨\u200d👩\u200d👧" in text, screen.text
    assert "좋아요 👍 받은 일" in text and "❤" in text, screen.text  # no skin tone, no VS16
    assert len(screen.border_columns()) == 1, screen.text  # the border stays straight


FAKE_EDITOR = """#!/bin/sh
# A stand-in for vim: records its arguments, then appends a line to the file it was given.
printf '%s\\n' "$@" > "{args}"
printf '%s\\n' '편집기에서 덧붙인 줄' >> "$2"
"""


def test_e_opens_the_users_editor_at_the_line_and_shows_what_it_wrote(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = nested(tmp_path / "notes")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    args = tmp_path / "editor-args"
    editor = bin_dir / "vim"
    editor.write_text(FAKE_EDITOR.format(args=args), encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    terminal.env["VISUAL"] = str(editor)
    start(terminal, notes, empty_config)
    where = crumb("CS/운영체제/프로세스.md", "스레드란?")
    down_to(terminal, where)

    terminal.keys("e")
    screen = terminal.wait_for(
        "the line the editor wrote, in the open section",
        lambda s: any("편집기에서 덧붙인 줄" in row for row in s.editor),
    )
    note = notes / "CS" / "운영체제" / "프로세스.md"
    assert args.read_text(encoding="utf-8").splitlines() == ["+4", str(note)]
    assert note.read_text(encoding="utf-8") == PROCESS + "편집기에서 덧붙인 줄\n"
    assert screen.editor_title == where, screen.text  # the selection is kept
    assert "ctrl+k Search" in screen.footer or "^k Search" in screen.footer, screen.text
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0


def test_e_with_an_editor_that_cannot_start_comes_back_with_a_message(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = nested(tmp_path / "notes")
    terminal.env["VISUAL"] = ""
    terminal.env["EDITOR"] = str(tmp_path / "없는" / "editor")
    start(terminal, notes, empty_config)
    terminal.keys("e")
    screen = terminal.wait_for("the message", lambda s: "Could not start" in s.text)
    assert "no such program" in screen.text, screen.text
    # The app has the terminal back: keys reach it and Ctrl+Q quits.
    down_to(terminal, crumb("CS/운영체제/프로세스.md", "스레드란?"))
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def test_the_highlighted_row_is_not_one_colour_on_itself_in_256_colours(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = nested(tmp_path / "notes")
    terminal.env.pop("COLORTERM", None)  # 256 colours, as TERM=xterm-256color says
    start(terminal, notes, empty_config)  # the cursor on the first question
    file_row = "CS/운영체제/프로세스.md"
    for label, key in (("프로세스란?", None), ("프로세스.md", "Up")):
        if key is not None:
            terminal.keys(key)
            terminal.wait_for("the file row", lambda s: s.editor_title == file_row)
        painted = terminal.tmux("capture-pane", "-p", "-e", "-t", "e2e").splitlines()
        row = next(line for line in painted if label in SGR.sub("", line).split("▕")[0])
        colours = cursor_colours(row, label)
        assert colours is not None, repr(row)
        foreground, background = colours
        assert foreground != background, repr(row)
        ratio = contrast(xterm(foreground), xterm(background))
        assert ratio >= 4.5, f"{label}: {ratio:.2f}:1 in {row!r}"


def xterm(code: str) -> tuple[int, int, int]:
    """The colour a 256-colour terminal shows for `code` (xterm's palette, as rich has it)."""
    triplet = Color.from_ansi(int(code)).get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def cursor_colours(row: str, label: str) -> tuple[str, str] | None:
    """The 256-colour foreground and background in force where `label` starts on `row`."""
    foreground = background = ""
    position = 0
    plain = ""
    for match in SGR.finditer(row):
        plain += row[position : match.start()]
        if label in plain:
            break
        codes = match.group(1).split(";")
        for index, code in enumerate(codes):
            if code == "38" and codes[index + 1 : index + 2] == ["5"]:
                foreground = codes[index + 2]
            elif code == "48" and codes[index + 1 : index + 2] == ["5"]:
                background = codes[index + 2]
        position = match.end()
    return (foreground, background) if foreground and background else None
