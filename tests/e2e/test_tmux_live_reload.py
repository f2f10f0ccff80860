"""End to end: another program saves a note while the installed `rehearse` shows it in tmux.

The tmux plumbing (one private server per test on its own `-L` socket, killed in
teardown; screen reads with `capture-pane -p`; every wait a bounded poll) is the one
tests/e2e/test_tmux.py uses. The other program is a shell: it writes a temp file
beside the note and `mv`s it over the note, the way Obsidian and vim save.
"""

from __future__ import annotations

import subprocess
import time
from functools import partial
from pathlib import Path

import pytest

from rehearse.core.notes import parse_note
from rehearse.core.speech import SpeakingRates, format_duration
from tests.e2e.test_tmux import (
    POLL,
    TIMEOUT,
    Screen,
    Terminal,
    crumb,
    open_question,
)

pytestmark = pytest.mark.e2e

NOTE = "기술-면접.md"
OTHER = "인성-면접.md"
PROBE = "준비.md"  # written by the shell until rehearse lists it: the watcher is armed
ATTEMPTS = int(TIMEOUT)  # probe writes, each followed by up to a second of polling
QUESTION = [NOTE, "기술", "캐시 전략은 어떻게 세우나요?"]

BODY = "자주 읽히는 데이터는 레디스에 두고 만료 시간을 짧게 잡습니다."
NOTE_TEXT = f"""\
---
company: 예시 회사
---
# 기술

## 캐시 전략은 어떻게 세우나요?

{BODY}
%% 캐시 무효화 이야기는 물어보면 하기 %%

## 메시지 큐를 쓰는 이유는?

서비스 사이의 결합을 느슨하게 만들기 위해서입니다.
"""
OTHER_TEXT = """\
## 자기소개

안녕하세요, 백엔드 개발자 김하늘입니다.
"""
# What the other program writes, one after the other.
THEIR_BODIES = [
    "읽기가 많은 데이터만 캐시에 올리고, 쓰기가 일어나면 바로 지웁니다.",
    "캐시 적중률을 먼저 재고, 적중률이 낮은 키는 캐시하지 않습니다.",
]


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / NOTE).write_bytes(NOTE_TEXT.encode("utf-8"))
    (folder / OTHER).write_bytes(OTHER_TEXT.encode("utf-8"))
    return folder


def save_from_the_shell(path: Path, data: bytes) -> None:
    """Another program saves `path`: a temp file in the same folder, renamed over the note."""
    temp = path.with_name(f".{path.name}.swp-new")
    subprocess.run(
        ["sh", "-c", 'cat > "$1" && mv -f "$1" "$2"', "sh", str(temp), str(path)],
        input=data,
        check=True,
        timeout=10,
    )


def watcher_ready(terminal: Terminal, notes: Path) -> None:
    """Wait until rehearse watches the folder: a note the shell adds appears in the tree.

    A save made before the watch is set up is never reported, so the probe note is
    written again each time a short wait for it runs out (bounded in all).
    """
    probe = notes / PROBE
    for attempt in range(ATTEMPTS):
        save_from_the_shell(probe, f"## 준비 {attempt}\n".encode())
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            if terminal.screen().tree_has(f"{PROBE}  1"):
                return
            time.sleep(POLL)
    raise AssertionError(f"rehearse never listed {PROBE}:\n{terminal.screen().text}")


def shows_only(screen: Screen, new: str, old: str) -> bool:
    return new in screen.editor and old not in screen.editor


def count_label(data: bytes) -> str:
    """The tree row of the question as it should read for `data`: the title, then how long
    its answer takes to say."""
    note = parse_note(Path(NOTE), data)
    section = note.find_by_heading_path(tuple(QUESTION[1:]))
    assert section is not None
    seconds = note.spoken_length(section).seconds(SpeakingRates())
    return f"{QUESTION[-1]}  {format_duration(seconds)}"


def test_an_atomic_save_by_another_program_shows_up_in_the_editor(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    note = notes / NOTE
    terminal.start(notes, empty_config)
    terminal.wait_for(
        "the tree to list both notes",
        lambda s: any(NOTE in row for row in s.tree) and any(OTHER in row for row in s.tree),
    )
    watcher_ready(terminal, notes)
    screen = open_question(terminal, QUESTION)
    assert screen.editor_title == crumb(*QUESTION), screen.text
    assert BODY in screen.editor, screen.text
    assert "saved" in screen.editor[1], screen.text
    assert screen.tree_has(count_label(NOTE_TEXT.encode("utf-8"))), screen.text

    previous = BODY
    for body in THEIR_BODIES:
        data = NOTE_TEXT.replace(BODY, body).encode("utf-8")
        save_from_the_shell(note, data)
        screen = terminal.wait_for(
            f"the editor to show {body!r}", partial(shows_only, new=body, old=previous)
        )
        assert screen.editor_title == crumb(*QUESTION), screen.text
        assert "%% 캐시 무효화 이야기는 물어보면 하기 %%" in screen.editor, screen.text
        assert "메시지 큐" not in "\n".join(screen.editor[1:]), screen.text  # still one section
        assert "conflict" not in screen.text and "unsaved" not in screen.editor[1], screen.text
        label = count_label(data)  # the question's row in the tree: its new speaking time
        terminal.wait_for(f"the tree row {label!r}", partial(Screen.tree_has, label=label))
        assert note.read_bytes() == data  # rehearse wrote nothing back
        previous = body

    # Nothing of the user's is unsaved: ctrl+q quits at once and leaves the other program's file.
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0
    assert note.read_bytes() == NOTE_TEXT.replace(BODY, THEIR_BODIES[-1]).encode("utf-8")
    assert sorted(p.name for p in notes.iterdir()) == sorted([NOTE, OTHER, PROBE])
