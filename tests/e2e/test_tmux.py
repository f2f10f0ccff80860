"""End to end: the installed `rehearse` binary in a real terminal (tmux), read off the screen.

Every test runs its own tmux server (`tmux -L <unique socket>`, no user tmux.conf) at
120x36 and kills it afterwards. Readiness is always a poll with a timeout, never a fixed
sleep: of `capture-pane -p` until the expected text is on screen, of tmux's cursor
position (Textual keeps the terminal cursor on the editor's) before typing after a
movement key, and of a file the wrapping shell writes rehearse's exit status to. The
screen is split at the editor's left border (`▕`): left of it is the question tree,
right of it the editor. capture-pane keeps each Hangul syllable as one character;
`cell_width` counts it as the two columns it takes on screen.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BINARY = Path(sys.executable).parent / "rehearse"  # the venv's console script, as installed
TMUX = shutil.which("tmux") or "/usr/bin/tmux"
WIDTH, HEIGHT = 120, 36
TIMEOUT = 15.0  # seconds for any one thing to show up; generous for a slow CI machine
POLL = 0.05
SESSION = "e2e"
BORDER = "▕"  # the editor's left border, drawn on every body row
SEP = " › "  # breadcrumb separator

TECH = "기술-면접.md"
PERSONAL = "인성-면접.md"

TECH_TEXT = """\
---
company: 예시 회사
---
# 기술

## 데이터베이스 인덱스란?

인덱스는 행을 빠르게 찾는 자료구조입니다.
%% B-트리 이야기는 물어보면 하기 %%

| 구분 | 설명 |
| --- | --- |
| 클러스터드 | 물리적으로 정렬 |

## 트랜잭션 격리 수준

격리 수준은 동시에 실행되는 트랜잭션이 서로의 변경을 얼마나 볼 수 있는지 정합니다.
"""

PERSONAL_TEXT = """\
## 자기소개

안녕하세요, 백엔드 개발자 김하늘입니다.

## 지원 동기

사용자가 매일 쓰는 서비스를 더 빠르게 만들고 싶어서 지원했습니다.
"""

INDEX_BODY = "인덱스는 행을 빠르게 찾는 자료구조입니다."
INTRO_BODY = "안녕하세요, 백엔드 개발자 김하늘입니다."
ADDED = "추가 문장"


def cell_width(text: str) -> int:
    """Terminal columns `text` takes: Hangul and other wide characters take two; as tmux
    draws them, a character after a zero-width joiner joins the emoji before it (👩‍💻: two)
    and a variation selector takes none."""
    width = 0
    joined = False
    for char in text:
        if char == "\u200d":
            joined = True
            continue
        follows, joined = joined and unicodedata.category(char) == "So", False
        if follows or unicodedata.combining(char) or char in "\ufe0e\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


@dataclass(frozen=True)
class Screen:
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def tree(self) -> list[str]:
        """The question tree: each body row left of the editor border."""
        return [line.split(BORDER, 1)[0].rstrip() for line in self.lines if BORDER in line]

    @property
    def editor(self) -> list[str]:
        """The editor pane: each body row right of the border (title, status, then the text)."""
        return [line.split(BORDER, 1)[1].strip() for line in self.lines if BORDER in line]

    @property
    def editor_title(self) -> str:
        return self.editor[0] if self.editor else ""

    @property
    def footer(self) -> str:
        return self.lines[-1] if self.lines else ""

    def tree_has(self, label: str) -> bool:
        """A tree row shows `label` as a whole title (guides, icons, marks or counts around it)."""
        pattern = re.compile(rf"(?:^|\s){re.escape(label)}(?:\s|$)")
        return any(pattern.search(row) for row in self.tree)

    def locate(self, text: str) -> tuple[int, int]:
        """The cell (column, row) where `text` starts in the editor pane; fails if not there."""
        for row, line in enumerate(self.lines):
            if BORDER in line:
                border = line.index(BORDER)
                column = line.find(text, border)
                if column != -1:
                    return cell_width(line[:column]), row
        raise AssertionError(f"{text!r} is not in the editor; the screen was:\n{self.text}")

    def border_columns(self) -> set[int]:
        """The terminal column of the editor border on every row that has one."""
        return {cell_width(line.split(BORDER, 1)[0]) for line in self.lines if BORDER in line}


class Terminal:
    """One tmux server running one pane with the rehearse binary in it."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"rehearse-e2e-{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self.workdir = workdir
        self.conf = workdir / "tmux.conf"
        # remain-on-exit keeps the last screen after rehearse exits, for the failure messages.
        self.conf.write_text("set-option -g remain-on-exit on\nset-option -g status off\n")
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TMUX", "TEXTUAL")) and key not in ("COLUMNS", "LINES")
        }
        self.env["LANG"] = "C.UTF-8"
        self.exit_file = workdir / "exit-status"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX, "-u", "-L", self.socket, "-f", str(self.conf), *args],
            env=self.env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"tmux {' '.join(args)} failed ({result.returncode}): "
                f"{result.stderr.decode('utf-8', 'replace')}"
            )
        return result.stdout.decode("utf-8")

    def start(self, notes: Path, config: Path, *options: str) -> None:
        data = self.workdir / "xdg"
        command = [
            "env",
            "TERM=xterm-256color",
            "LANG=C.UTF-8",
            f"REHEARSE_CONFIG={config}",
            f"REHEARSE_DATA={data / 'rehearse'}",  # the recovery journal stays in tmp_path
            f"XDG_DATA_HOME={data / 'data'}",
            f"XDG_STATE_HOME={data / 'state'}",
            f"XDG_CACHE_HOME={data / 'cache'}",
            str(BINARY),
            str(notes),
            *options,
        ]
        self.tmux(
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(self.workdir),
            # tmux does not always reap its pane's process (tmux/tmux#4841 and #311), so a shell
            # waits for rehearse and leaves its exit status in a file, written all at once.
            f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.exit_file))}.part"
            f" && mv {shlex.quote(str(self.exit_file))}.part {shlex.quote(str(self.exit_file))}",
        )

    def screen(self) -> Screen:
        return Screen(self.tmux("capture-pane", "-p", "-t", SESSION).splitlines())

    def wait_for(
        self, what: str, ready: Callable[[Screen], bool], timeout: float = TIMEOUT
    ) -> Screen:
        """Poll the screen until `ready` holds; fail with the last screen after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out waiting for {what}; the screen was:\n{screen.text}"
                )
            time.sleep(POLL)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", SESSION, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", SESSION, "-l", text)

    def cursor(self) -> tuple[int, int]:
        """Where the application left the terminal's cursor: Textual keeps it on the editor's."""
        x, y = self.tmux("display-message", "-p", "-t", SESSION, "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def wait_for_cursor(self, what: str, ready: Callable[[int, int], bool]) -> tuple[int, int]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            x, y = self.cursor()
            if ready(x, y):
                return x, y
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out waiting for the cursor to reach {what}; it is at {(x, y)};"
                    f" the screen was:\n{self.screen().text}"
                )
            time.sleep(POLL)

    def exited(self) -> int | None:
        """rehearse's exit status once it has exited, else None."""
        if not self.exit_file.exists():
            return None
        return int(self.exit_file.read_text().strip())

    def wait_for_exit(self) -> int:
        """Poll until rehearse has exited and return its status; fail after TIMEOUT."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            status = self.exited()
            if status is not None:
                return status
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"rehearse did not exit; the screen was:\n{self.screen().text}"
                )
            time.sleep(POLL)

    def kill(self) -> None:
        """Stop this test's tmux server (and rehearse with it) and remove its socket file."""
        found = subprocess.run(
            [TMUX, "-L", self.socket, "display-message", "-p", "#{socket_path}"],
            env=self.env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        subprocess.run(
            [TMUX, "-L", self.socket, "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        socket_path = found.stdout.decode("utf-8").strip()
        if found.returncode == 0 and socket_path.endswith(self.socket):
            Path(socket_path).unlink(missing_ok=True)


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / TECH).write_bytes(TECH_TEXT.encode("utf-8"))
    (folder / PERSONAL).write_bytes(PERSONAL_TEXT.encode("utf-8"))
    return folder


# -- steps ----------------------------------------------------------------------------------


def start(terminal: Terminal, notes: Path, config: Path) -> Screen:
    """Start, and wait until the first question is shown: what a user sees first."""
    terminal.start(notes, config)
    first = crumb(TECH, "기술", "데이터베이스 인덱스란?")
    return terminal.wait_for(
        "the tree to list both notes and the first question to be shown",
        lambda s: s.tree_has(TECH) and s.tree_has(PERSONAL) and s.editor_title == first,
    )


def crumb(*parts: str) -> str:
    return SEP.join(parts)


def _row_of(screen: Screen, label: str) -> int | None:
    pattern = re.compile(rf"(?:^|\s){re.escape(label)}(?:\s|$)")
    return next((i for i, row in enumerate(screen.tree) if pattern.search(row)), None)


def down_to(terminal: Terminal, title: str) -> Screen:
    """Move the tree cursor (Down, or Up when the row is above) until the editor previews
    `title` (its breadcrumb), one row at a time, each key waiting for the last to land."""
    screen = terminal.screen()
    for _ in range(40):
        if screen.editor_title == title:
            return screen
        before = screen.editor_title
        here = _row_of(screen, before.split(SEP)[-1]) if before else None
        there = _row_of(screen, title.split(SEP)[-1])
        key = "Up" if here is not None and there is not None and there < here else "Down"

        def moved(s: Screen, before: str = before) -> bool:
            return s.editor_title != before

        terminal.keys(key)
        screen = terminal.wait_for(f"the cursor to move on from {before!r}", moved)
    raise AssertionError(f"never reached {title!r}; the screen was:\n{screen.text}")


def expand(terminal: Terminal, child: str) -> Screen:
    """Expand the highlighted tree node, unless `child` is listed under it already."""
    screen = terminal.screen()
    if screen.tree_has(child):
        return screen
    terminal.keys("Space")
    return terminal.wait_for(f"{child!r} in the tree", lambda s: s.tree_has(child))


def walk_to(terminal: Terminal, path: list[str]) -> Screen:
    """From above it in the tree, walk down to `path` (file, headings...), expanding on the way."""
    screen = down_to(terminal, path[0])
    for depth in range(1, len(path)):
        expand(terminal, path[depth])
        screen = down_to(terminal, crumb(*path[: depth + 1]))
    return screen


def edit_highlighted(terminal: Terminal) -> Screen:
    """Enter on the highlighted question: the editor takes the focus (its footer keys show)."""
    terminal.keys("Enter")
    return terminal.wait_for("the editor to take focus", lambda s: "esc Tree" in s.footer)


def open_question(terminal: Terminal, path: list[str]) -> Screen:
    walk_to(terminal, path)
    return edit_highlighted(terminal)


def cursor_to_end_of(terminal: Terminal, screen: Screen, heading: str, line: str) -> None:
    """With the section just opened (the cursor at the start of its answer, the line under
    its heading), put the cursor after `line`.

    Each key waits for the terminal cursor to arrive before the next is sent: typed
    characters must not overtake movement keys (see test_keys_typed_in_a_burst_...).
    """
    left, top = screen.locate(heading)
    terminal.wait_for_cursor(
        f"the answer's start at {(left, top + 1)}", lambda x, y: (x, y) == (left, top + 1)
    )
    column, row = screen.locate(line)
    assert column == left, f"{line!r} is not at the start of a line:\n{screen.text}"
    for below in range(top + 2, row + 1):

        def arrived(x: int, y: int, below: int = below) -> bool:
            return (x, y) == (left, below)

        terminal.keys("Down")
        terminal.wait_for_cursor(f"row {below}", arrived)
    end = left + cell_width(line)  # Hangul takes two cells: the cursor lands after them
    terminal.keys("End")
    terminal.wait_for_cursor(f"the end of {line!r}", lambda x, y: (x, y) == (end, row))


def wait_for_bytes(path: Path, expected: bytes) -> None:
    """Poll until `path` holds exactly `expected` (a save is on its way); else show the diff."""
    deadline = time.monotonic() + TIMEOUT
    while path.read_bytes() != expected and time.monotonic() < deadline:
        time.sleep(POLL)
    assert path.read_bytes() == expected


def assert_aligned(screen: Screen) -> None:
    columns = screen.border_columns()
    assert len(columns) == 1, f"the editor border is not straight ({columns}):\n{screen.text}"


# -- tests ----------------------------------------------------------------------------------


def test_tree_shows_korean_titles_and_editor_opens_the_question(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    screen = start(terminal, notes, empty_config)
    # Something to read from the first frame on: the first answered question, shown.
    assert screen.tree_has("데이터베이스 인덱스란?"), screen.text
    assert INDEX_BODY in screen.editor, screen.text
    assert not screen.tree_has("자기소개"), "the other note was expanded too:\n" + screen.text
    assert_aligned(screen)

    screen = down_to(terminal, TECH)
    screen = expand(terminal, "기술")
    screen = down_to(terminal, crumb(TECH, "기술"))
    screen = expand(terminal, "데이터베이스 인덱스란?")
    assert screen.tree_has("트랜잭션 격리 수준"), screen.text
    assert not screen.tree_has("자기소개"), "the other note was expanded too:\n" + screen.text
    assert_aligned(screen)

    down_to(terminal, crumb(TECH, "기술", "데이터베이스 인덱스란?"))
    terminal.wait_for("the answer in the editor", lambda s: INDEX_BODY in s.editor)

    screen = edit_highlighted(terminal)
    editor = screen.editor
    assert editor[0] == crumb(TECH, "기술", "데이터베이스 인덱스란?"), screen.text
    assert "## 데이터베이스 인덱스란?" in editor, screen.text
    assert INDEX_BODY in editor, screen.text
    assert "%% B-트리 이야기는 물어보면 하기 %%" in editor, screen.text  # comments are editable
    assert "| 클러스터드 | 물리적으로 정렬 |" in editor, screen.text
    # Only the one section is open: neither the category nor the next question is in the editor.
    assert "# 기술" not in editor, screen.text
    assert not any("트랜잭션" in line for line in editor), screen.text
    assert_aligned(screen)


@pytest.mark.parametrize(
    ("line_ending", "bom"), [("\n", b""), ("\r\n", b"\xef\xbb\xbf")], ids=["lf", "crlf-bom"]
)
def test_typed_korean_text_is_saved_into_that_section_only(
    terminal: Terminal, notes: Path, empty_config: Path, line_ending: str, bom: bytes
) -> None:
    tech = notes / TECH
    tech.write_bytes(bom + TECH_TEXT.replace("\n", line_ending).encode("utf-8"))
    personal_before = (notes / PERSONAL).read_bytes()
    tech_before = tech.read_bytes()

    start(terminal, notes, empty_config)
    screen = open_question(terminal, [TECH, "기술", "데이터베이스 인덱스란?"])
    cursor_to_end_of(terminal, screen, "## 데이터베이스 인덱스란?", INDEX_BODY)
    terminal.type(f" {ADDED}")
    screen = terminal.wait_for(
        "the typed text in the editor", lambda s: f"{INDEX_BODY} {ADDED}" in s.editor
    )
    assert_aligned(screen)

    # ctrl+s saves (autosave, on by default, may already have): either way, exactly this.
    terminal.keys("C-s")
    expected = tech_before.replace(INDEX_BODY.encode("utf-8"), f"{INDEX_BODY} {ADDED}".encode(), 1)
    assert expected != tech_before
    wait_for_bytes(tech, expected)
    terminal.wait_for("the editor to show it saved", lambda s: "unsaved" not in s.editor[1])
    assert (notes / PERSONAL).read_bytes() == personal_before
    assert sorted(p.name for p in notes.iterdir()) == sorted([TECH, PERSONAL])  # no temp files

    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0
    assert tech.read_bytes() == expected


def test_ctrl_q_quits_with_exit_status_zero(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    before = {p.name: p.read_bytes() for p in notes.iterdir()}
    start(terminal, notes, empty_config)
    assert terminal.exited() is None

    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0
    assert {p.name: p.read_bytes() for p in notes.iterdir()} == before


def type_unsaved_after_the_intro(terminal: Terminal, notes: Path, config: Path) -> None:
    """Autosave off (a config of our own, never the user's): ` ADDED` typed at the end of
    자기소개's answer stays unsaved until something saves it."""
    config.write_text("autosave: false\n")
    start(terminal, notes, config)
    screen = open_question(terminal, [PERSONAL, "자기소개"])
    cursor_to_end_of(terminal, screen, "## 자기소개", INTRO_BODY)
    terminal.type(f" {ADDED}")
    terminal.wait_for(
        "the typed text, marked unsaved",
        lambda s: f"{INTRO_BODY} {ADDED}" in s.editor and "unsaved" in s.editor[1],
    )


def test_quitting_with_unsaved_korean_edit_asks_and_saves(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    personal = notes / PERSONAL
    before = personal.read_bytes()
    tech_before = (notes / TECH).read_bytes()
    type_unsaved_after_the_intro(terminal, notes, empty_config)

    terminal.keys("C-q")
    screen = terminal.wait_for("the unsaved-edits question", lambda s: "Unsaved edits" in s.text)
    assert crumb(PERSONAL, "자기소개") in screen.text, screen.text
    assert terminal.exited() is None
    assert personal.read_bytes() == before  # nothing is written before the user chooses

    terminal.keys("s")
    assert terminal.wait_for_exit() == 0
    assert personal.read_bytes() == before.replace(
        INTRO_BODY.encode("utf-8"), f"{INTRO_BODY} {ADDED}".encode(), 1
    )
    assert (notes / TECH).read_bytes() == tech_before


def test_keys_typed_in_a_burst_apply_in_order(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    """Keys that reach the app together (a busy app, a slow link) must act in the order typed.

    Printable keys are inserted by TextArea._on_key while movement keys are bindings that
    run only after the key event has bubbled up to the app, so a character typed right
    after End or Home can be inserted before the cursor has moved (Textualize/textual#6605).
    """
    personal = notes / PERSONAL
    before = personal.read_bytes()
    start(terminal, notes, empty_config)
    screen = open_question(terminal, [PERSONAL, "자기소개"])
    cursor_to_end_of(terminal, screen, "## 자기소개", INTRO_BODY)

    # One send-keys call: tmux writes these to the terminal together.
    terminal.keys("Home", "갑", "End", "을", "Home", "병", "End", "정")
    expected = f"병갑{INTRO_BODY}을정"
    screen = terminal.wait_for(
        "all four syllables in the editor",
        lambda s: all(any(c in line for line in s.editor[2:]) for c in "갑을병정"),
    )
    lines = screen.editor[2:]
    assert expected in lines, f"expected the line {expected!r}; the editor shows:\n{screen.text}"

    terminal.keys("C-s")
    wait_for_bytes(personal, before.replace(INTRO_BODY.encode("utf-8"), expected.encode(), 1))


def test_ctrl_q_right_after_typing_never_drops_the_text(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    """Text typed just before ctrl+q (keys that arrive together) is saved or asked about.

    Quitting may ask (the unsaved-edits dialog) or save; it must not exit with the text gone.
    """
    personal = notes / PERSONAL
    before = personal.read_bytes()
    start(terminal, notes, empty_config)
    screen = open_question(terminal, [PERSONAL, "자기소개"])
    cursor_to_end_of(terminal, screen, "## 자기소개", INTRO_BODY)

    terminal.keys(f" {ADDED}", "C-q")  # one send-keys call: the text, then ctrl+q
    screen = terminal.wait_for(
        "rehearse to exit or ask about the unsaved edit",
        lambda s: terminal.exited() is not None or "Unsaved edits" in s.text,
    )
    edited = before.replace(INTRO_BODY.encode("utf-8"), f"{INTRO_BODY} {ADDED}".encode(), 1)
    status = terminal.exited()
    if status is not None:
        assert personal.read_bytes() == edited, (
            f"rehearse exited (status {status}) without asking, and the typed"
            f" {ADDED!r} is not in {PERSONAL}: it was lost"
        )
        return
    assert crumb(PERSONAL, "자기소개") in screen.text, screen.text
    terminal.keys("s")
    assert terminal.wait_for_exit() == 0
    assert personal.read_bytes() == edited
