"""Pilot tests of live reload: other programs writing the notes while rehearse has them open.

Clean sections follow the file (not undoably: Ctrl+Z is for the user's own typing),
edits merge with changes to other sections,
changes to the same text raise a conflict the user resolves, autosave never writes
through a conflict, typed text reaches the recovery journal and is offered after a
crash, a deleted file can be recreated, the real folder watcher sees repeated atomic
saves, and a failed write leaves the file alone and the text safe.

Every wait is a bounded poll of the real condition (`await pilot.pause(STEP)` until it
holds), never a fixed sleep; nothing asserts on wall time.
"""

from __future__ import annotations

import errno
import math
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from rehearse.core.config import Config
from rehearse.core.fileio import TEMP_SUFFIX, Stamp, atomic_write
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryEntry, RecoveryJournal
from rehearse.core.refs import SectionRef
from rehearse.core.session import EditSession
from rehearse.ui.conflict import CompareScreen
from rehearse.ui.recovery_screen import RecoveryScreen
from rehearse.ui.section_editor import JOURNAL_INTERVAL
from tests.ui.conftest import (
    PERSONALITY,
    SIZE,
    TECH,
    AppFactory,
    Notice,
    QuietRehearseApp,
    go_to,
    label_of,
    label_text,
    node_for,
    question_tree,
    section_ref,
    spoken_time,
    status_classes,
    text_area,
)

STEP = 0.05  # seconds per poll
POLLS = 200  # at most this many polls (about 10 s) for anything to happen

# 인성.md › 인성 › 자기소개, as the editor shows it (LF).
INTRO = "## 자기소개\n안녕하세요, 백엔드 개발자 김하늘입니다.\n%% 60초 안에 끝낼 것 %%\n\n"
INTRO_BODY = "안녕하세요, 백엔드 개발자 김하늘입니다."
INTRO_PATH = ("인성", "자기소개")

# 기술.md › 기술 › Kafka란 무엇인가요?  (the file is CRLF; the editor shows LF)
KAFKA = (
    "## Kafka란 무엇인가요?\n분산 로그 기반의 메시지 브로커입니다.\n"
    "%% 파티션 이야기로 넘어갈 것 %%\n\n"
)
KAFKA_BODY = "분산 로그 기반의 메시지 브로커입니다."
KAFKA_PATH = ("기술", "Kafka란 무엇인가요?")
MINE_ADDED = " 내 문장"  # what the user types at the end of the Kafka answer's first line
MINE = KAFKA.replace(KAFKA_BODY, KAFKA_BODY + MINE_ADDED)
THEIR_KAFKA_BODY = "중앙 집중형 로그 기반의 메시지 브로커입니다."
THEIRS = KAFKA.replace(KAFKA_BODY, THEIR_KAFKA_BODY)
ISOLATION_ROW = "| READ COMMITTED | 반복 불가능한 읽기 |"
THEIR_ISOLATION_ROW = "| READ COMMITTED | 반복 불가능한 읽기, 팬텀 읽기 |"


# -- helpers ------------------------------------------------------------------------------------


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, polls: int = POLLS
) -> None:
    """Let the app run in steps of STEP until `condition()` holds; fail after `polls` steps."""
    for _ in range(polls):
        if condition():
            return
        await pilot.pause(STEP)
    assert condition(), f"gave up waiting for {what} after {polls} polls"


def replace_atomically(path: Path, data: bytes) -> None:
    """Save the way Obsidian or vim do: a temp file beside the note, renamed over it."""
    temp = path.with_name(f".{path.name}.other-editor.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def tech_bytes(*, kafka_body: str = KAFKA_BODY, isolation_row: str = ISOLATION_ROW) -> bytes:
    """기술.md (CRLF) with its Kafka answer line and isolation-level row as given."""
    return TECH.replace(KAFKA_BODY, kafka_body).replace(ISOLATION_ROW, isolation_row).encode()


def label_for(app: QuietRehearseApp, ref: SectionRef) -> str:
    tree = question_tree(app)
    node = node_for(tree, ref)
    assert node is not None, f"{ref} is not in the tree"
    return label_of(tree, node)


def editor_shows(app: QuietRehearseApp, text: str) -> bool:
    return text_area(app).text == text


def status(app: QuietRehearseApp) -> str:
    return label_text(app, "#editor-status")


def banner_shown(app: QuietRehearseApp) -> bool:
    return bool(app.query_one("#conflict-banner").display)


def journal() -> RecoveryJournal:
    """The journal the app writes to: <REHEARSE_DATA>/recovery (the fixture's empty folder)."""
    return RecoveryJournal(folder=Path(os.environ["REHEARSE_DATA"]) / "recovery")


def journaled(text: str) -> list[RecoveryEntry]:
    return [entry for entry in journal().entries() if entry.text == text]


def kept_path(notice: Notice, marker: str) -> Path:
    """The file a notification says the user's text was kept in (shown with ~, on lines of
    its own broken after a /: the lines are joined again)."""
    marker = marker.strip() + ":\n"
    assert marker in notice.message, notice
    shown = notice.message.split(marker, 1)[1]
    return Path("".join(line.strip() for line in shown.splitlines())).expanduser()


def compare_text(app: QuietRehearseApp, selector: str) -> str:
    return app.screen.query_one(selector, TextArea).text


def compare_label(app: QuietRehearseApp, side: str) -> str:
    return str(app.screen.query_one(f".compare-label.{side}", Label).render())


async def open_kafka_and_type(pilot: Pilot[None], path: Path) -> None:
    """Open the Kafka question and type MINE_ADDED at the end of its answer's first line."""
    await go_to(pilot, path, *KAFKA_PATH)
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    assert text_area(app).text == KAFKA
    await pilot.press("end", *MINE_ADDED)
    assert text_area(app).text == MINE


async def make_kafka_conflict(pilot: Pilot[None], path: Path) -> bytes:
    """Type in the Kafka answer while another program rewrites that same answer (and another)."""
    await open_kafka_and_type(pilot, path)
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    external = tech_bytes(kafka_body=THEIR_KAFKA_BODY, isolation_row=THEIR_ISOLATION_ROW)
    path.write_bytes(external)
    app.main_screen.files_changed({path})
    await pilot.pause()
    return external


async def watcher_ready(pilot: Pilot[None], folder: Path) -> None:
    """Wait until the folder watcher is armed: a note another program adds shows up.

    A write made before the watch is set up is never reported, so the probe note is
    rewritten on every poll until the app has seen it.
    """
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    probe = folder / "준비.md"
    for attempt in range(POLLS):
        replace_atomically(probe, f"## 준비 {attempt}\n".encode())
        await pilot.pause(STEP)
        if app.session.notebook.get(probe) is not None:
            return
    raise AssertionError("the watcher never reported a change in the notes folder")


class CountingApp(QuietRehearseApp):
    """Counts autosave runs, so a test can wait for the autosave timer to have fired."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.autosaves = 0

    def autosave(self) -> None:
        self.autosaves += 1
        super().autosave()


# -- 1. a clean section follows the file --------------------------------------------------------


@pytest.mark.parametrize(
    ("cursor", "new_intro", "expected_cursor"),
    [
        pytest.param(
            (1, 5),
            INTRO.replace(INTRO_BODY, "반갑습니다, 데이터 엔지니어 김하늘입니다. 오 년 차입니다."),
            (1, 5),
            id="kept",
        ),
        pytest.param(
            (1, len(INTRO_BODY)),
            INTRO.replace(INTRO_BODY, "반갑습니다."),
            (1, len("반갑습니다.")),
            id="column-clamped",
        ),
        pytest.param(
            (4, 0),
            "## 자기소개\n안녕하세요, 데이터 엔지니어 김하늘입니다. 오 년 동안 일했습니다.\n",
            (2, 0),
            id="row-clamped",
        ),
    ],
)
async def test_a_clean_section_shows_the_new_text_keeps_the_cursor_and_is_not_undone(
    make_app: AppFactory,
    notes_dir: Path,
    cursor: tuple[int, int],
    new_intro: str,
    expected_cursor: tuple[int, int],
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH)
        editor = text_area(app)
        assert editor.text == INTRO
        editor.move_cursor(cursor)
        await pilot.pause()
        assert editor.cursor_location == cursor
        ref = section_ref(app, path, *INTRO_PATH)
        label_before = label_for(app, ref)
        assert f"자기소개  {spoken_time(app, path, *INTRO_PATH)}" in label_before, label_before

        external = PERSONALITY.replace(INTRO, new_intro).encode()
        path.write_bytes(external)
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert editor.text == new_intro
        assert editor.cursor_location == expected_cursor
        assert status_classes(app) == {"-saved"}
        note = app.session.note(path)
        assert isinstance(note, NoteFile)
        section = note.find_by_heading_path(INTRO_PATH)
        assert section is not None
        label_after = label_for(app, section_ref(app, path, *INTRO_PATH))
        assert f"자기소개  {spoken_time(app, path, *INTRO_PATH)}" in label_after, label_after
        assert label_after != label_before
        assert "●" not in label_after and "⚡" not in label_after

        assert app.focused is editor
        # Ctrl+Z is for the user's own typing: it never takes back another program's text
        # (autosave would then write the old text over theirs).
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.text == new_intro
        assert status_classes(app) == {"-saved"}
        assert path.read_bytes() == external


async def test_a_reload_keeps_the_scroll_position_of_a_long_answer(
    make_app: AppFactory, notes_dir: Path
) -> None:
    lines = [f"{n}번째 줄: 긴 답변을 끝까지 연습합니다." for n in range(1, 81)]
    section = "## 긴 답변\n" + "\n".join(lines) + "\n"
    path = notes_dir / "긴답변.md"
    path.write_bytes(f"# 연습\n\n{section}".encode())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "연습", "긴 답변")
        editor = text_area(app)
        assert editor.text == section
        editor.move_cursor((50, 3))
        await pilot.pause()
        scroll = editor.scroll_offset
        assert scroll.y > 0, "the cursor on line 50 should have scrolled the answer"

        # The other program rewrites line 70, below the cursor (still inside the view's reach).
        theirs = section.replace("70번째 줄: 긴 답변을", "70번째 줄: 다른 프로그램이 고친")
        path.write_bytes(f"# 연습\n\n{theirs}".encode())
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert editor.text == theirs
        assert editor.cursor_location == (50, 3)
        assert editor.scroll_offset == scroll


# -- 2. an edit merges with changes to other sections -------------------------------------------


async def test_an_edit_survives_a_change_to_another_section_and_saves_both(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_kafka_and_type(pilot, path)
        external = tech_bytes(isolation_row=THEIR_ISOLATION_ROW)
        path.write_bytes(external)
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert text_area(app).text == MINE
        assert status_classes(app) == {"-unsaved"}
        assert not banner_shown(app)
        assert "●" in label_for(app, section_ref(app, path, *KAFKA_PATH))
        assert path.read_bytes() == external  # nothing written yet

        await pilot.press("ctrl+s")
        await pilot.pause()

        expected = tech_bytes(kafka_body=KAFKA_BODY + MINE_ADDED, isolation_row=THEIR_ISOLATION_ROW)
        assert path.read_bytes() == expected
        assert status_classes(app) == {"-saved"}
        assert text_area(app).text == MINE


@pytest.mark.parametrize(
    ("file", "question", "external", "typed", "says"),
    [
        pytest.param(
            "인성.md",
            INTRO_PATH,
            PERSONALITY.replace(INTRO_BODY, "반갑습니다, 데이터 엔지니어입니다.").encode(),
            "",
            "reloaded",
            id="clean-reloaded",
        ),
        pytest.param(
            "기술.md",
            KAFKA_PATH,
            tech_bytes(isolation_row=THEIR_ISOLATION_ROW),
            MINE_ADDED,
            "merged",
            id="dirty-merged",
        ),
    ],
)
async def test_the_status_line_says_what_the_other_program_did(
    make_app: AppFactory,
    notes_dir: Path,
    file: str,
    question: tuple[str, ...],
    external: bytes,
    typed: str,
    says: str,
) -> None:
    """A reload or a merge happens under the user's eyes: the status line has to say so."""
    path = notes_dir / file
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *question)
        if typed:
            await pilot.press("end", *typed)
        path.write_bytes(external)
        app.main_screen.files_changed({path})
        await pilot.pause()
        assert says in status(app), (
            f"after another program changed {file}, the status line reads {status(app)!r}"
        )


# -- 3. a change to the same section is a conflict ----------------------------------------------


async def test_a_change_to_the_same_section_is_a_conflict_that_nothing_writes_through(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        external = await make_kafka_conflict(pilot, path)

        assert text_area(app).text == MINE
        assert banner_shown(app)
        assert "changed this section" in label_text(app, "#conflict-reason")
        assert "conflict" in status(app)
        assert status_classes(app) == {"-error"}
        assert "⚡" in label_for(app, section_ref(app, path, *KAFKA_PATH))
        assert any(n.title == "Conflict" and "기술.md" in n.message for n in app.notices)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == external
        assert app.notices[-1].severity == "warning" and "conflicts" in app.notices[-1].message
        app.main_screen.editor.autosave()
        await pilot.pause()
        assert path.read_bytes() == external
        assert text_area(app).text == MINE
        assert banner_shown(app)
        assert journaled(MINE), "the text in conflict is kept in the recovery journal"

        await pilot.click("#conflict-compare")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        assert compare_text(app, "#compare-mine") == MINE
        assert compare_text(app, "#compare-theirs") == THEIRS
        assert compare_label(app, "-mine").startswith("Mine")
        assert compare_label(app, "-theirs").startswith("Theirs")
        assert path.read_bytes() == external  # looking writes nothing

        await pilot.press("m")
        await wait_until(pilot, lambda: not isinstance(app.screen, CompareScreen), "the choice")

        # Mine replaces their version of the Kafka answer; their other change stays, in CRLF.
        expected = tech_bytes(kafka_body=KAFKA_BODY + MINE_ADDED, isolation_row=THEIR_ISOLATION_ROW)
        assert path.read_bytes() == expected
        assert text_area(app).text == MINE
        assert not banner_shown(app)
        assert status_classes(app) == {"-saved"}
        assert "⚡" not in label_for(app, section_ref(app, path, *KAFKA_PATH))
        assert journaled(MINE) == []


@pytest.mark.parametrize("how", ["compare-then-m", "banner-button"])
async def test_keep_mine_over_a_version_of_theirs_never_shown_writes_nothing(
    make_app: AppFactory, notes_dir: Path, how: str
) -> None:
    """Their answer changes again after the user looked (while the comparison is open, or
    since the banner came up): keep mine writes nothing and shows their text as it is now;
    keep mine there writes over what was shown (hostile trial D4)."""
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await make_kafka_conflict(pilot, path)
        if how == "compare-then-m":
            await pilot.click("#conflict-compare")
            await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "comparison")
        buffer = app.main_screen.editor.buffer
        assert buffer is not None
        seen = buffer.conflict
        again = tech_bytes(kafka_body="세 번째로 고친 설명.", isolation_row=THEIR_ISOLATION_ROW)
        path.write_bytes(again)
        app.main_screen.files_changed({path})
        await wait_until(pilot, lambda: buffer.conflict is not seen, "their new text taken in")
        if how == "compare-then-m":
            await pilot.press("m")
        else:
            app.main_screen.editor.resolve_conflict("mine")  # as a click on the banner's button

        def showing_the_new_version() -> bool:
            screen = app.screen
            composed = isinstance(screen, CompareScreen) and bool(screen.query("#compare-theirs"))
            return composed and "세 번째" in compare_text(app, "#compare-theirs")

        await wait_until(pilot, showing_the_new_version, "their new version, shown")
        assert any("again" in n.message for n in app.notices)
        assert path.read_bytes() == again
        await pilot.press("m")  # now over the version on screen
        await wait_until(pilot, lambda: not isinstance(app.screen, CompareScreen), "choice")
        await wait_until(pilot, lambda: path.read_bytes() != again, "mine written")
        assert MINE_ADDED in path.read_bytes().decode("utf-8")
        assert not banner_shown(app)


@pytest.mark.parametrize("how", ["compare-then-t", "banner-button"])
async def test_take_theirs_shows_their_text_and_keeps_mine_in_a_file(
    make_app: AppFactory, notes_dir: Path, how: str
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        external = await make_kafka_conflict(pilot, path)
        assert banner_shown(app)

        if how == "compare-then-t":
            await pilot.click("#conflict-compare")
            await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "comparison")
            await pilot.press("t")
            await wait_until(pilot, lambda: not isinstance(app.screen, CompareScreen), "choice")
        else:
            await pilot.click("#conflict-theirs")
            await pilot.pause()

        assert text_area(app).text == THEIRS
        assert not banner_shown(app)
        assert status_classes(app) == {"-saved"}
        assert path.read_bytes() == external
        label = label_for(app, section_ref(app, path, *KAFKA_PATH))
        assert "⚡" not in label and "●" not in label
        took = [n for n in app.notices if n.message.startswith("Took the version on disk")]
        assert took, [n.message for n in app.notices]
        kept = kept_path(took[-1], "kept in ")
        assert kept.is_file(), kept
        assert kept.read_text(encoding="utf-8") == MINE
        assert not kept.is_relative_to(notes_dir), "the copy never lands among the notes"


# -- 4. autosave --------------------------------------------------------------------------------


async def test_autosave_writes_the_typed_text_after_a_pause(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    original = path.read_bytes()
    app = make_app(config=Config(autosave=0.2))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH)
        await pilot.press("end", *" 반가워요")
        await wait_until(pilot, lambda: path.read_bytes() != original, "autosave to write")

        assert path.read_bytes() == PERSONALITY.replace(
            INTRO_BODY, INTRO_BODY + " 반가워요"
        ).encode("utf-8")
        await wait_until(pilot, lambda: status_classes(app) == {"-saved"}, "the saved status")
        # The tree's marks follow the editor's state one message later.
        ref = section_ref(app, path, *INTRO_PATH)
        await wait_until(pilot, lambda: "●" not in label_for(app, ref), "the tree's mark cleared")


async def test_autosave_never_writes_through_a_conflict(notes_dir: Path) -> None:
    path = notes_dir / "기술.md"
    app = CountingApp(open_notebook(notes_dir), config=Config(autosave=0.5), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        external = await make_kafka_conflict(pilot, path)
        assert app.main_screen.editor.autosaves == 0, (
            "autosave ran before the other program wrote: set-up raced"
        )
        assert banner_shown(app)

        # The timer armed by the typing fires on its own; it must skip the conflict.
        await wait_until(pilot, lambda: app.main_screen.editor.autosaves >= 1, "the autosave timer")
        assert path.read_bytes() == external
        app.main_screen.editor.autosave()
        await pilot.pause()
        assert path.read_bytes() == external
        assert text_area(app).text == MINE
        assert banner_shown(app) and status_classes(app) == {"-error"}

        # Typing more while in conflict re-arms autosave, which still writes nothing.
        await pilot.press(*" 추가")
        count = app.main_screen.editor.autosaves
        await wait_until(
            pilot, lambda: app.main_screen.editor.autosaves > count, "the autosave timer again"
        )
        assert path.read_bytes() == external
        assert text_area(app).text == MINE.replace(MINE_ADDED, MINE_ADDED + " 추가")


# -- 5. crash recovery --------------------------------------------------------------------------


async def crash_with_unsaved_text(make_app: AppFactory, path: Path) -> str:
    """Type into 자기소개, wait for the journal to hold it, then stop without saving."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH)
        await pilot.press("end", *" 복구할 문장")
        typed = text_area(app).text
        assert typed == INTRO.replace(INTRO_BODY, INTRO_BODY + " 복구할 문장")
        # The journal tick runs every JOURNAL_INTERVAL: allow a few of them, counted in polls.
        await wait_until(
            pilot,
            lambda: bool(journaled(typed)),
            "the recovery journal to hold the typed text",
            polls=4 * math.ceil(JOURNAL_INTERVAL / STEP),
        )
        (entry,) = journaled(typed)
        assert entry.note == path and entry.heading_path == INTRO_PATH
        app.exit()  # no quit dialog, no save: as if the process died here
    assert path.read_bytes() == PERSONALITY.encode()
    return typed


async def wait_for_recovery_offer(pilot: Pilot[None]) -> RecoveryScreen:
    app = pilot.app
    await wait_until(
        pilot,
        lambda: (
            isinstance(app.screen, RecoveryScreen) and bool(app.screen.query("#recovery-question"))
        ),
        "the recovery offer, composed",
    )
    screen = app.screen
    assert isinstance(screen, RecoveryScreen)
    question = str(screen.query_one("#recovery-question", Label).render())
    assert "인성.md › 인성 › 자기소개" in question, question
    preview = str(screen.query_one("#recovery-preview", Label).render())
    assert "복구할 문장" in preview, preview
    return screen


async def test_after_a_crash_restore_brings_the_text_back_unsaved(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecoveryScreen), "restore")

        assert text_area(app).text == typed
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개"
        assert status_classes(app) == {"-unsaved"}
        assert "●" in label_for(app, section_ref(app, path, *INTRO_PATH))
        assert path.read_bytes() == PERSONALITY.encode()  # restored, not written

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == PERSONALITY.replace(
            INTRO_BODY, INTRO_BODY + " 복구할 문장"
        ).encode("utf-8")
        assert journal().entries() == []  # saved: nothing is left to offer next time


async def test_a_restored_text_saved_at_once_is_not_offered_again(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restore, save straight away, quit; later the note changes in Obsidian: nothing to offer.

    "Straight away" is within one JOURNAL_INTERVAL of restoring, before the journal tick
    runs. The tick is pushed out of reach for the second run so that this is what happens
    every time, not only when the test machine is fast.
    """
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)

    monkeypatch.setattr("rehearse.ui.section_editor.JOURNAL_INTERVAL", 3600.0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: text_area(app).text == typed, "the restored text")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert typed.encode() in path.read_bytes().replace(b"\r\n", b"\n")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app.return_code is not None, "a clean quit")

    later = path.read_text(encoding="utf-8").replace("복구할 문장", "옵시디언에서 고친 문장")
    path.write_bytes(later.encode("utf-8"))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main_screen.recovery.checked, "the recovery check")
        await pilot.pause()  # an offer, had there been one, is pushed right after the check
        assert not isinstance(app.screen, RecoveryScreen), (
            "the text restored and saved in the last session is offered again as unsaved"
        )
        assert journal().entries() == []


async def test_after_a_crash_discard_keeps_a_copy_and_leaves_the_note(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecoveryScreen), "discard")

        assert path.read_bytes() == PERSONALITY.encode()
        assert journal().entries() == []
        discarded = [n for n in app.notices if n.message.startswith("Discarded")]
        assert discarded, [n.message for n in app.notices]
        kept = kept_path(discarded[-1], "kept in ")
        assert kept.read_text(encoding="utf-8") == typed
        assert app.session.unsafe_buffers == []

    # Discarded means discarded: the next start offers nothing.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main_screen.recovery.checked, "the recovery check")
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryScreen)


@pytest.mark.parametrize(("key", "restored"), [("m", True), ("t", False)])
async def test_after_a_crash_compare_shows_both_and_lets_the_user_pick(
    make_app: AppFactory, notes_dir: Path, key: str, restored: bool
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        assert compare_text(app, "#compare-mine") == typed
        assert compare_text(app, "#compare-theirs") == INTRO
        assert compare_label(app, "-theirs") == "The note on disk now"

        await pilot.press(key)
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, CompareScreen | RecoveryScreen),
            "the main screen",
        )
        assert path.read_bytes() == PERSONALITY.encode()
        if restored:
            assert text_area(app).text == typed
            assert status_classes(app) == {"-unsaved"}
        else:
            assert journal().entries() == []
            assert app.session.unsafe_buffers == []
            assert any(n.message.startswith("Discarded") for n in app.notices)


# -- 6. the file is deleted while open ----------------------------------------------------------


async def test_a_deleted_file_keeps_the_text_and_ctrl_s_recreates_it(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_kafka_and_type(pilot, path)
        path.unlink()
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert text_area(app).text == MINE
        assert not text_area(app).read_only
        assert "deleted" in status(app), status(app)
        assert status_classes(app) == {"-error"}
        assert not path.exists()
        assert journaled(MINE), "the text of a deleted note is kept in the journal"

        await pilot.press("ctrl+s")
        await pilot.pause()

        assert path.read_bytes() == tech_bytes(kafka_body=KAFKA_BODY + MINE_ADDED)
        assert status_classes(app) == {"-saved"}
        assert text_area(app).text == MINE
        assert node_for(question_tree(app), SectionRef(path)) is not None
        assert journal().entries() == []


async def test_autosave_does_not_bring_back_a_note_deleted_elsewhere_that_was_only_viewed(
    make_app: AppFactory, notes_dir: Path
) -> None:
    """The user looked at 기술.md, deleted it in Obsidian, then typed in 인성.md."""
    deleted = notes_dir / "기술.md"
    edited = notes_dir / "인성.md"
    app = make_app(config=Config(autosave=0.2))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, deleted, *KAFKA_PATH)
        assert text_area(app).text == KAFKA  # looked at, never edited
        deleted.unlink()
        app.main_screen.files_changed({deleted})
        await pilot.pause()

        await go_to(pilot, edited, *INTRO_PATH)
        await pilot.press("end", *" 네")
        await wait_until(pilot, lambda: " 네".encode() in edited.read_bytes(), "autosave")

        assert not deleted.exists(), (
            "autosave recreated 기술.md, which another program deleted and nobody edited"
        )


# -- 7. the real watcher ------------------------------------------------------------------------


async def test_the_watcher_shows_three_atomic_saves_in_a_row(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app(watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH)
        assert text_area(app).text == INTRO

        await watcher_ready(pilot, notes_dir)

        bodies = [
            "첫 번째로 고친 답변입니다.",
            "두 번째로 고친 답변입니다.",
            "세 번째, 마지막 답변.",
        ]
        for body in bodies:
            expected = INTRO.replace(INTRO_BODY, body)
            replace_atomically(path, PERSONALITY.replace(INTRO, expected).encode())
            await wait_until(pilot, partial(editor_shows, app, expected), repr(body))
            assert status_classes(app) == {"-saved"}
            label = label_for(app, section_ref(app, path, *INTRO_PATH))
            assert f"자기소개  {spoken_time(app, path, *INTRO_PATH)}" in label, label
        assert not [n for n in app.notices if n.severity != "information"]


# -- 8. a save that fails -----------------------------------------------------------------------


async def test_a_failed_save_leaves_the_file_and_keeps_the_text(notes_dir: Path) -> None:
    path = notes_dir / "기술.md"
    original = path.read_bytes()

    def disk_full(temp: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def writer(  # fails at rename
        target: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        atomic_write(target, data, before_replace=disk_full, expect=expect)

    notebook = open_notebook(notes_dir)
    session = EditSession(notebook, writer=writer, journal=journal())
    app = QuietRehearseApp(notebook, config=Config(autosave=None), session=session, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_kafka_and_type(pilot, path)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert path.read_bytes() == original
        assert not [p for p in notes_dir.iterdir() if p.name.endswith(TEMP_SUFFIX)], "temp left"
        assert text_area(app).text == MINE
        assert status_classes(app) == {"-error"}
        assert "no space left on device" in status(app), status(app)
        errors = [n for n in app.notices if n.severity == "error"]
        assert errors and errors[-1].title == "Save failed", app.notices
        assert "기술.md" in errors[-1].message and "no space left" in errors[-1].message
        assert journaled(MINE), "the text that could not be saved is in the recovery journal"
        assert "●" in label_for(app, section_ref(app, path, *KAFKA_PATH))


async def test_the_watcher_shows_the_last_of_a_burst_of_atomic_saves(
    make_app: AppFactory, notes_dir: Path
) -> None:
    """Three saves faster than the watcher's debounce: the editor ends on the last one."""
    path = notes_dir / "인성.md"
    app = make_app(watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH)
        await watcher_ready(pilot, notes_dir)

        for body in ["하나", "둘", "셋: 마지막으로 저장한 답변"]:
            expected = INTRO.replace(INTRO_BODY, body)
            replace_atomically(path, PERSONALITY.replace(INTRO, expected).encode())
        await wait_until(pilot, lambda: text_area(app).text == expected, "the last save")
        assert path.read_bytes() == PERSONALITY.replace(INTRO, expected).encode()
        assert status_classes(app) == {"-saved"}
        assert not banner_shown(app)
