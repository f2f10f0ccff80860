"""The hostile trial's findings, in the app: what the user sees after filling an empty answer,
editing a heading line, a deleted note coming back, a broken theme or keymap, a symlinked
note edited elsewhere, and quitting without saving."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual import events

from rehearse.core.config import Config
from rehearse.core.recovery import RecoveryJournal
from rehearse.ui.quit_screen import QuitScreen
from tests.conftest import write_note
from tests.ui.conftest import (
    SIZE,
    AppFactory,
    go_to,
    label_of,
    label_text,
    node_for,
    question_tree,
    section_ref,
    text_area,
    to_end,
)
from tests.ui.test_live_reload import crash_with_unsaved_text, wait_for_recovery_offer, wait_until

EMPTY_A = "## 질문 A\n\n## 질문 B\n답 B\n"
TWO = "## 자기소개\n안녕하세요.\n\n## 지원동기\n성장하고 싶습니다.\n"


def folder_with(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    folder = tmp_path / "노트"
    return folder, write_note(folder, name, text)


def status(app: object) -> str:
    return label_text(app, "#editor-status")  # type: ignore[arg-type]


async def test_filling_an_empty_answer_is_saved_and_quit_does_not_ask(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder, path = folder_with(tmp_path, "면접.md", EMPTY_A)
    app = make_app(folder, config=Config(autosave=0.2))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "질문 A")
        await to_end(pilot)  # the section's last, empty line
        await pilot.press(*"답 A")
        await wait_until(pilot, lambda: status(app) == "saved", "the autosave")

        assert path.read_text(encoding="utf-8") == "## 질문 A\n\n답 A\n## 질문 B\n답 B\n"
        node = node_for(question_tree(app), section_ref(app, path, "질문 A"))
        assert node is not None and "●" not in label_of(question_tree(app), node)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.notices[-1].message == "No changes to save."
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app.return_code is not None, "quit without a question")
        assert not isinstance(app.screen, QuitScreen)


async def test_enter_on_a_heading_line_keeps_the_title(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder, path = folder_with(tmp_path, "면접.md", TWO)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "지원동기")
        assert text_area(app).cursor_location == (1, 0)  # opened at the start of the answer
        await pilot.press("up")
        assert text_area(app).cursor_location == (0, 0)  # on the heading line
        await pilot.press("home", "enter", "ctrl+s")
        await wait_until(pilot, lambda: status(app) == "saved", "the save")

        assert label_text(app, "#editor-title") == "면접.md › 지원동기"
        assert path.read_text(encoding="utf-8") == TWO.replace("\n## 지원동기", "\n\n## 지원동기")
        tree = question_tree(app)
        intro = node_for(tree, section_ref(app, path, "자기소개"))
        assert intro is not None and "●" not in label_of(tree, intro)


async def test_autosave_resumes_when_a_deleted_note_comes_back(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder, path = folder_with(tmp_path, "면접.md", TWO)
    app = make_app(folder, config=Config(autosave=0.2))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "지원동기")
        await to_end(pilot)
        path.unlink()
        app.main_screen.files_changed({path})
        runs = app.main_screen.editor.autosaves
        await pilot.press(*"삭제 중에 쓴 문장")
        await wait_until(pilot, lambda: "deleted" in status(app), "the deleted mark")
        await wait_until(
            pilot, lambda: app.main_screen.editor.autosaves > runs, "the autosave after typing"
        )
        assert not path.exists()  # it never recreates a deleted note

        path.write_text(TWO, encoding="utf-8")  # git checkout brings it back
        app.main_screen.files_changed({path})

        await wait_until(
            pilot,
            lambda: path.exists() and "삭제 중에 쓴 문장" in path.read_text(encoding="utf-8"),
            "the autosave after the note came back, with no key pressed",
        )
        assert status(app) == "saved"


async def test_an_unknown_keymap_id_is_reported(make_app: AppFactory) -> None:
    app = make_app(config=Config(keymap={"prompter.pauze": "p", "prompter.pause": "p"}))
    async with app.run_test(size=SIZE) as pilot:

        def config_notices() -> list[str]:
            return [n.message for n in app.notices if n.title == "Config"]

        await wait_until(
            pilot, lambda: any("prompter.pauze" in m for m in config_notices()), "the notice"
        )
        messages = config_notices()
        assert not any("'prompter.pause'" in message for message in messages), messages


async def test_a_broken_theme_is_never_applied_and_the_app_starts(
    make_app: AppFactory, themes_dir: Path
) -> None:
    write_note(
        themes_dir,
        "weird.yaml",
        'name: weird\nprimary: "#336699"\nvariables:\n  block-cursor-foreground: "not a colour"\n',
    )
    app = make_app(config=Config(theme="weird"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "rehearse-dark"
        assert "weird" not in app.available_themes
        messages = [n.message for n in app.notices]
        assert any("weird.yaml:4" in m and "block-cursor-foreground" in m for m in messages)


async def test_a_symlinked_note_edited_outside_the_folder_reloads_live(
    make_app: AppFactory, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "다른 곳"
    target = write_note(elsewhere, "공유 노트.md", TWO)
    folder = tmp_path / "노트"
    folder.mkdir()
    link = folder / "공유.md"
    link.symlink_to(target)
    app = make_app(folder, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, link, "지원동기")
        changed = TWO.replace("성장하고", "함께 성장하고")
        temp = elsewhere / ".공유 노트.md.swp"
        temp.write_text(changed, encoding="utf-8")
        os.replace(temp, target)  # vim's atomic save, of the link's target

        await wait_until(
            pilot, lambda: "함께 성장하고" in text_area(app).text, "the live reload", polls=400
        )
        assert link.is_symlink()


async def test_quit_without_saving_keeps_a_copy_and_offers_nothing_next_time(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder, path = folder_with(tmp_path, "면접.md", TWO)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "지원동기")
        await to_end(pilot)
        await pilot.press(*"버릴 문장")
        await wait_until(pilot, lambda: RecoveryJournal().entries() != [], "the journal tick")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit question")
        await pilot.press("d")
        await wait_until(pilot, lambda: app.return_code is not None, "the quit")

    journal = RecoveryJournal()
    assert journal.entries() == []
    kept = list((journal.folder / "kept").iterdir())
    assert len(kept) == 1 and "버릴 문장" in kept[0].read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == TWO


def block_the_data_folder() -> Path:
    """Make the recovery folder unwritable for real (root ignores modes): a file in its way."""
    recovery = Path(os.environ["REHEARSE_DATA"]) / "recovery"
    if recovery.exists():
        shutil.rmtree(recovery)
    recovery.parent.mkdir(parents=True, exist_ok=True)
    recovery.write_text("not a folder", encoding="utf-8")
    return recovery


async def test_when_the_journal_cannot_be_written_the_user_is_told(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder, path = folder_with(tmp_path, "면접.md", TWO)
    block_the_data_folder()
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "지원동기")
        await to_end(pilot)
        await pilot.press(*"보호받지 못한 문장")
        await wait_until(
            pilot,
            lambda: any(n.title == "Crash recovery is off" for n in app.notices),
            "the warning",
        )
        assert "crash recovery is off" in status(app)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit question")
        await pilot.press("d")  # quit without saving: but no copy can be kept
        await wait_until(
            pilot, lambda: any("still open" in n.message for n in app.notices), "the refusal"
        )
        assert app.return_code is None  # not quit: the text would be gone
        assert "보호받지 못한 문장" in text_area(app).text


async def test_discarding_a_recovered_text_needs_its_copy(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)
    kept = Path(os.environ["REHEARSE_DATA"]) / "recovery" / "kept"
    kept.write_text("a file where the kept folder should be", encoding="utf-8")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("d")
        await wait_until(
            pilot, lambda: any("nothing was discarded" in n.message for n in app.notices), "no"
        )
    assert [entry.text for entry in RecoveryJournal().entries()] == [typed]


FRONT = "---\ncompany: 예시전자\ntags: [면접]\n---\n\n## 자기소개\n안녕하세요.\n"


async def test_a_whole_note_opens_past_its_front_matter(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The cursor was before `---`: the first letter typed turned the front matter into text."""
    folder, path = folder_with(tmp_path, "면접.md", FRONT)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path)  # the file's row: the whole note
        await wait_until(pilot, lambda: text_area(app).has_focus, "the editor focused")
        assert text_area(app).cursor_location == (4, 0)  # the line after the closing ---
        await pilot.press(*"머리말 뒤", "ctrl+s")
        await wait_until(pilot, lambda: status(app) == "saved", "the save")
        assert path.read_text(encoding="utf-8") == FRONT.replace("---\n\n", "---\n머리말 뒤\n")


@pytest.mark.parametrize("how", ["typed", "pasted"])
async def test_a_question_that_ends_the_file_on_its_heading_gets_its_answer_below_it(
    make_app: AppFactory, tmp_path: Path, how: str
) -> None:
    """With no line under the heading, the cursor sat at its end and the first letter
    went into the title: the question was renamed."""
    folder, path = folder_with(tmp_path, "면접.md", "## 자기소개\n안녕하세요.\n\n## 유일한 헤딩")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "유일한 헤딩")
        await wait_until(pilot, lambda: text_area(app).has_focus, "the editor focused")
        if how == "typed":
            await pilot.press(*"첫 답")
        else:
            app.post_message(events.Paste("첫 답"))  # as the terminal sends one
        await wait_until(pilot, lambda: "첫 답" in text_area(app).text, "the answer")
        assert text_area(app).text == "## 유일한 헤딩\n첫 답"
        await pilot.press(*" 계속", "ctrl+s")  # the next letters follow on the same line
        await wait_until(pilot, lambda: status(app) == "saved", "the save")
        assert path.read_text(encoding="utf-8").endswith("## 유일한 헤딩\n첫 답 계속")
        assert [q.title for q in app.session.notebook.get(path).questions][-1] == "유일한 헤딩"


async def test_moving_off_the_end_of_the_heading_first_types_into_the_heading(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Only the cursor where opening put it starts a new line: a user who moves onto the
    heading on purpose edits the heading."""
    folder, path = folder_with(tmp_path, "면접.md", "## 자기소개\n안녕하세요.\n\n## 유일한 헤딩")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "유일한 헤딩")
        await wait_until(pilot, lambda: text_area(app).has_focus, "the editor focused")
        await pilot.press("left", "right", *"?")
        assert text_area(app).text == "## 유일한 헤딩?"
