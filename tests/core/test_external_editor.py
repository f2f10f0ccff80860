"""The command `e` runs: the user's editor at the question's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.external_editor import EditorError, editor_command, program_path

NOTE = Path("/노트/면접 준비/기술.md")


@pytest.mark.parametrize(
    "editor", ["vi", "vim", "nvim", "nano", "emacs", "micro", "hx", "helix", "kak"]
)
def test_line_first_editors(editor: str) -> None:
    assert editor_command(NOTE, 42, {"EDITOR": editor}) == [editor, "+42", str(NOTE)]


def test_visual_wins_over_editor_and_vi_is_the_fallback() -> None:
    assert editor_command(NOTE, 3, {"VISUAL": "nvim", "EDITOR": "nano"})[0] == "nvim"
    assert editor_command(NOTE, 3, {"VISUAL": "  ", "EDITOR": "nano"})[0] == "nano"
    assert editor_command(NOTE, 3, {}) == ["vi", "+3", str(NOTE)]


def test_vs_code_goes_to_the_line_and_arguments_are_kept() -> None:
    assert editor_command(NOTE, 7, {"EDITOR": "code -w"}) == [
        "code",
        "-w",
        "--goto",
        f"{NOTE}:7",
    ]


def test_paths_and_arguments_are_split_like_a_shell() -> None:
    env = {"VISUAL": "'/opt/my editors/vim' -u NONE"}
    assert editor_command(NOTE, 1, env) == ["/opt/my editors/vim", "-u", "NONE", "+1", str(NOTE)]
    assert editor_command(NOTE, 5, {"EDITOR": "/usr/bin/emacsclient -t"})[-2:] == ["+5", str(NOTE)]


def test_other_editors_just_get_the_file() -> None:
    assert editor_command(NOTE, 9, {"EDITOR": "gedit --new-window"}) == [
        "gedit",
        "--new-window",
        str(NOTE),
    ]


def test_line_zero_becomes_line_one() -> None:
    assert editor_command(NOTE, 0, {"EDITOR": "vim"})[1] == "+1"


@pytest.mark.parametrize("value", ["vim '", '""'])
def test_an_unusable_variable_gets_a_message(value: str) -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR"):
        editor_command(NOTE, 1, {"EDITOR": value})


def test_program_path_finds_the_editor_or_says_it_cannot_start(tmp_path: Path) -> None:
    script = tmp_path / "편집기"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    assert program_path("편집기", str(tmp_path)) == str(script)
    with pytest.raises(FileNotFoundError, match="no such program"):
        program_path("/nonexistent/editor")
    plain = tmp_path / "메모.txt"
    plain.write_text("편집기가 아닙니다\n", encoding="utf-8")
    with pytest.raises(PermissionError, match="not a program"):
        program_path(str(plain))
