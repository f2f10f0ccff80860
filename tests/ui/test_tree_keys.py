"""Pilot tests of the tree keys that shape the notes: n, r, Delete, Ctrl+↑/↓, N and Ctrl+Z.

Each one is written through the edit session like typing: the bytes around it stay
as they were (CRLF included), an open buffer's unsaved text survives, and a file
changed on disk meanwhile is merged, never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from rehearse.core.history import RehearsalLog, record_now
from rehearse.core.identity import answer_digest
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.refs import SectionRef
from rehearse.ui.prompts import ConfirmScreen, TextPrompt
from tests.conftest import write_note
from tests.ui.conftest import (
    PERSONALITY,
    SIZE,
    TECH,
    AppFactory,
    QuietRehearseApp,
    go_to,
    label_of,
    label_text,
    node_for,
    question_tree,
    section_ref,
    status_classes,
    text_area,
)
from tests.ui.test_live_reload import wait_until


def cursor_ref(app: QuietRehearseApp) -> SectionRef | None:
    node = question_tree(app).cursor_node
    return node.data if node is not None and isinstance(node.data, SectionRef) else None


def cursor_title(app: QuietRehearseApp) -> str:
    ref = cursor_ref(app)
    assert ref is not None
    note = app.session.note(ref.path)
    assert isinstance(note, NoteFile)
    return note.sections[ref.section].title


async def prompt_shown(pilot, kind: type = TextPrompt) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), f"a {kind.__name__}")


def prompt_value(app: QuietRehearseApp) -> str:
    return app.screen.query_one(Input).value


async def answer(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the open prompt (after clearing it) and press Enter."""
    await prompt_shown(pilot)
    pilot.app.screen.query_one(Input).value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


def notices(app: QuietRehearseApp) -> list[str]:
    return [notice.message for notice in app.notices]


# -- n: a new question --------------------------------------------------------------------------


async def test_n_adds_a_question_after_the_subtree_and_opens_it(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        await pilot.press("n")
        await prompt_shown(pilot)
        title = label(app, "#prompt-title")
        assert title == "New question, after ‘자기소개’ and its sub-questions:"
        await answer(pilot, "협업 경험")

        # After 1분 자기소개 (the subtree), at 자기소개's level, before 지원 동기.
        expected = PERSONALITY.replace("## 지원 동기\n", "## 협업 경험\n\n## 지원 동기\n")
        assert path.read_text(encoding="utf-8") == expected
        assert cursor_title(app) == "협업 경험"
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 협업 경험"
        assert app.focused is text_area(app)

        await pilot.press(*"갈등을 대화로 풀었습니다.", "ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == PERSONALITY.replace(
            "## 지원 동기\n", "## 협업 경험\n갈등을 대화로 풀었습니다.\n## 지원 동기\n"
        )


async def test_n_on_a_file_or_a_category_adds_the_first_question(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", select=False)
        await pilot.press("n")
        await prompt_shown(pilot)
        assert label(app, "#prompt-title") == "New question, first under ‘기술’:"
        await answer(pilot, "레디스란?")
        assert path.read_bytes() == TECH.replace(
            "# 기술\r\n\r\n", "# 기술\r\n\r\n## 레디스란?\r\n\r\n"
        ).encode("utf-8")  # CRLF like the rest of the note
        assert cursor_title(app) == "레디스란?"

        await pilot.press("escape")
        await go_to(pilot, notes_dir / "behavioral.md", select=False)
        await pilot.press("n")
        await prompt_shown(pilot)
        assert label(app, "#prompt-title") == "New question, first in behavioral.md:"


async def test_a_bad_title_keeps_the_prompt_open_and_escape_writes_nothing(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기", select=False)
        await pilot.press("n")
        await answer(pilot, "  ")
        assert isinstance(app.screen, TextPrompt)  # still asking
        assert "needs a title" in label(app, "#prompt-error")
        await pilot.press(*"%% 주석 %%", "enter")
        assert isinstance(app.screen, TextPrompt)
        assert "%%" in label(app, "#prompt-error")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, TextPrompt), "the prompt gone")
        assert path.read_text(encoding="utf-8") == PERSONALITY
        assert app.focused is question_tree(app)


# -- r: rename ----------------------------------------------------------------------------------


async def test_r_renames_with_the_title_filled_in_and_the_history_follows(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    note = open_notebook(path).notes[0]
    assert isinstance(note, NoteFile)
    kafka = note.find_by_heading_path(("기술", "Kafka란 무엇인가요?"))
    assert kafka is not None
    RehearsalLog.for_notes(notes_dir).append(  # a graded round: it keeps the answer's fingerprint
        record_now("기술.md", ("기술", "Kafka란 무엇인가요?"), "mock", 60, 40, True, grade=3,
                   answer_digest=answer_digest(note, kafka))
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "Kafka란 무엇인가요?", select=False)
        tree = question_tree(app)
        ref = section_ref(app, path, "기술", "Kafka란 무엇인가요?")
        await wait_until(pilot, lambda: "✓ today" in label_of(tree, node_for(tree, ref)), "✓")
        await pilot.press("r")
        await prompt_shown(pilot)
        assert prompt_value(app) == "Kafka란 무엇인가요?"
        await answer(pilot, "카프카란 무엇인가요?")

        assert path.read_bytes() == TECH.replace(
            "## Kafka란 무엇인가요?", "## 카프카란 무엇인가요?"
        ).encode("utf-8")
        assert cursor_title(app) == "카프카란 무엇인가요?"
        assert app.focused is tree
        renamed = section_ref(app, path, "기술", "카프카란 무엇인가요?")
        await wait_until(
            pilot, lambda: "✓ today" in label_of(tree, node_for(tree, renamed)), "✓ renamed"
        )
        # The open (clean) section shows the new heading, without "another program".
        assert text_area(app).text.startswith("## 카프카란 무엇인가요?\n")
        assert "another program" not in label_text(app, "#editor-status")


# -- Delete and Ctrl+Z --------------------------------------------------------------------------


async def test_delete_asks_with_its_size_keeps_a_copy_and_ctrl_z_brings_it_back(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    original = path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "Kafka란 무엇인가요?", select=False)
        await pilot.press("delete")
        await prompt_shown(pilot, ConfirmScreen)
        question = label(app, "#confirm-question")
        assert question.startswith("Delete ‘Kafka란 무엇인가요?’ and 1 sub-question: 7 lines, "), (
            question
        )
        await pilot.press("escape")  # no
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), "no dialog")
        assert path.read_bytes() == original

        await pilot.press("delete")
        await prompt_shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: path.read_bytes() != original, "the delete")
        assert path.read_bytes() == TECH.replace(
            "## Kafka란 무엇인가요?\r\n분산 로그 기반의 메시지 브로커입니다.\r\n"
            "%% 파티션 이야기로 넘어갈 것 %%\r\n\r\n"
            "### 파티션\r\n토픽을 나누어 병렬로 처리합니다.\r\n\r\n",
            "",
        ).encode("utf-8")
        assert cursor_title(app) == "기술"  # the heading before it
        deleted = next(n for n in notices(app) if n.startswith("Deleted"))
        assert "Ctrl+Z in the tree undoes it" in deleted
        kept = Path("".join(line.strip() for line in deleted.split("kept in:\n")[1].splitlines()))
        assert kept.expanduser().read_bytes().startswith("## Kafka란 무엇인가요?\r\n".encode())

        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: path.read_bytes() == original, "the undo")
        assert cursor_title(app) == "Kafka란 무엇인가요?"
        await pilot.press("ctrl+z")
        assert notices(app)[-1] == "Nothing to undo in the tree."
        assert path.read_bytes() == original


# -- Ctrl+↑ / Ctrl+↓ ----------------------------------------------------------------------------


async def test_ctrl_arrows_move_a_question_among_its_siblings(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기", select=False)
        await pilot.press("ctrl+up")
        await wait_until(pilot, lambda: path.read_text(encoding="utf-8") != PERSONALITY, "move")
        intro = PERSONALITY[PERSONALITY.index("## 자기소개") : PERSONALITY.index("## 지원 동기")]
        motive = PERSONALITY[PERSONALITY.index("## 지원 동기") : PERSONALITY.index("## 준비")]
        assert path.read_text(encoding="utf-8") == PERSONALITY.replace(
            intro + motive, motive + intro
        )
        assert cursor_title(app) == "지원 동기"
        await pilot.press("ctrl+up")
        assert notices(app)[-1] == "Not moved: already the first among its siblings."
        await pilot.press("ctrl+down")
        await wait_until(pilot, lambda: path.read_text(encoding="utf-8") == PERSONALITY, "back")
        assert cursor_title(app) == "지원 동기"


# -- N: a new note ------------------------------------------------------------------------------


async def test_capital_n_makes_a_note_in_the_highlighted_folder(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write_note(folder, "기술/운영체제.md", "## 프로세스란?\n실행 중인 프로그램입니다.\n")
    write_note(folder, "인성.md", "## 자기소개\n안녕하세요.\n")
    from tests.ui.conftest import build_app

    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, folder / "기술" / "운영체제.md", select=False)
        await pilot.press("N")
        await prompt_shown(pilot)
        assert label(app, "#prompt-title").startswith("New note in ")
        assert label(app, "#prompt-title").endswith("/notes/기술/ (.md is added):")
        await answer(pilot, "운영체제")
        assert isinstance(app.screen, TextPrompt)
        assert "운영체제.md already exists" in label(app, "#prompt-error")
        app.screen.query_one(Input).value = ""
        await pilot.press(*"네트워크", "enter")
        made = folder / "기술" / "네트워크.md"
        await wait_until(pilot, made.exists, "the new note")
        assert made.read_bytes() == b""
        assert cursor_ref(app) == SectionRef(made)
        assert app.focused is text_area(app)
        await pilot.press(*"## TCP란?", "ctrl+s")
        await pilot.pause()
        assert made.read_text(encoding="utf-8") == "## TCP란?"
        assert sorted(os.listdir(folder / "기술")) == ["네트워크.md", "운영체제.md"]  # no temp


# -- an open buffer and a file changed on disk ----------------------------------------------------


async def test_unsaved_text_in_the_note_survives_a_tree_edit(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")
        await pilot.press("end", *" 추가한 칸 |")
        assert status_classes(app) == {"-unsaved"}
        await pilot.press("escape")
        await go_to(pilot, path, "인성", "마지막 한마디", select=False)
        await pilot.press("r")
        await answer(pilot, "끝으로 하고 싶은 말")
        # The rename is on disk; the typed text is not yet, and is still there to save.
        assert path.read_text(encoding="utf-8") == PERSONALITY.replace(
            "## 마지막 한마디", "## 끝으로 하고 싶은 말"
        )
        await go_to(pilot, path, "인성", "지원 동기")
        assert "| 이유 | 설명 | 추가한 칸 |" in text_area(app).text
        assert status_classes(app) == {"-unsaved"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == PERSONALITY.replace(
            "## 마지막 한마디", "## 끝으로 하고 싶은 말"
        ).replace("| 이유 | 설명 |", "| 이유 | 설명 | 추가한 칸 |")


async def test_a_tree_edit_over_the_heading_being_typed_asks_the_user(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")
        await pilot.press("up", "end", *" (회사)")  # the heading line itself, unsaved
        await pilot.press("escape")
        await pilot.press("r")
        await answer(pilot, "지원한 이유")
        # The rename is written; the typed heading is kept, in conflict, for the user.
        assert "## 지원한 이유\n" in path.read_text(encoding="utf-8")
        assert text_area(app).text.startswith("## 지원 동기 (회사)\n")
        assert status_classes(app) == {"-error"}
        assert app.query_one("#conflict-banner").display
        assert any("overlaps this change" in n for n in notices(app))


async def test_a_file_changed_on_disk_since_it_was_shown_is_merged_or_left_alone(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()  # no watcher: the tree still shows the old text
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "마지막 한마디", select=False)
        theirs = PERSONALITY.replace("대규모 트래픽을", "많은 트래픽을")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("r")
        await answer(pilot, "끝으로")
        assert path.read_text(encoding="utf-8") == theirs.replace("## 마지막 한마디", "## 끝으로")

        path.write_text(PERSONALITY.replace("## 준비 중인 질문", "## 준비한 질문"), "utf-8")
        before = path.read_bytes()
        await go_to(pilot, path, "인성", "준비 중인 질문", select=False)
        await pilot.press("r")
        await answer(pilot, "준비 안 된 질문")
        assert path.read_bytes() == before  # both changed that line: nothing written
        assert any("Nothing was written" in n for n in notices(app))


# -- e: the user's own editor ------------------------------------------------------------------


class FakeEditor:
    """Stands in for $VISUAL: records each argv and what the note held, then appends a line."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.calls: list[tuple[list[str], bytes]] = []

    def __call__(self, argv: list[str]) -> int:
        path = Path(argv[-1])
        self.calls.append((argv, path.read_bytes()))
        with path.open("ab") as handle:
            handle.write(self.line.encode("utf-8"))
        return 0


async def test_e_saves_first_opens_the_editor_at_the_line_and_shows_what_it_wrote(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "nvim -p")
    path = notes_dir / "behavioral.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        fake = FakeEditor("덧붙인 문장입니다.\n")
        app.main_screen.own_editor.launch = fake
        await go_to(pilot, path, "Behavioral", "Greatest weakness")
        await pilot.press("up", "end", *" 정말로")  # unsaved, in the heading line
        await pilot.press("escape", "e")
        await wait_until(pilot, lambda: app.main_screen.own_editor.runs == 1, "the editor")
        argv, seen = fake.calls[0]
        assert argv == ["nvim", "-p", "+6", str(path)]  # the heading's line
        assert seen.decode("utf-8").endswith(  # saved before the editor opened
            "## Greatest weakness 정말로\nI over-prepare; now I timebox it.\n"
        )
        # What the editor wrote shows in the open section; the selection stays.
        await wait_until(pilot, lambda: "덧붙인 문장입니다." in text_area(app).text, "the line")
        assert cursor_title(app) == "Greatest weakness 정말로"
        assert app.focused is question_tree(app)
        assert status_classes(app) == {"-saved"}


async def test_e_with_a_conflict_open_asks_first(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "vim")
    path = notes_dir / "behavioral.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        fake = FakeEditor("")
        app.main_screen.own_editor.launch = fake
        await go_to(pilot, path, "Behavioral", "Greatest weakness")
        await pilot.press("up", "end", *" 정말로")  # the heading line
        path.write_text(path.read_text("utf-8").replace("Greatest weakness", "Weakness"), "utf-8")
        app.main_screen.files_changed({path})
        await pilot.pause()
        assert app.query_one("#conflict-banner").display
        await pilot.press("escape", "e")
        await prompt_shown(pilot, ConfirmScreen)
        assert "is in conflict" in label(app, "#confirm-question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), "no dialog")
        assert fake.calls == []
        await pilot.press("e")
        await prompt_shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.main_screen.own_editor.runs == 1, "the editor")
        assert fake.calls[0][0][:2] == ["vim", "+6"]
        assert text_area(app).text.startswith("## Greatest weakness 정말로")  # still in rehearse


def label(app: QuietRehearseApp, selector: str) -> str:
    """A label on the screen on top (a prompt's)."""
    return str(app.screen.query_one(selector, Label).render())


async def test_e_with_an_editor_that_cannot_start_says_so_and_stays(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    path = notes_dir / "behavioral.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "Behavioral", "Greatest weakness", select=False)
        await pilot.press("e")  # the real launcher: nothing is suspended for it
        await wait_until(pilot, lambda: any("Could not start" in n for n in notices(app)), "it")
        assert notices(app)[-1] == (
            "Could not start /nonexistent/editor: no such program. Set $VISUAL or $EDITOR."
        )
        assert app.main_screen.own_editor.runs == 0
