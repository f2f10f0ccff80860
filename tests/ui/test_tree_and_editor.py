"""Pilot tests of the tree and the editor as a user lives in them: nested folders kept in
place across rescans, several roots, the tree's width, the footer's order, the editor's
Ctrl+Home / Ctrl+End, and the dialogs around them (recovery, quit, conflict)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList
from textual.widgets._footer import FooterKey

from rehearse.core.config import Config
from rehearse.core.ui_state import state_path
from rehearse.ui.conflict import CompareScreen
from rehearse.ui.keys_help import KeysScreen
from rehearse.ui.quit_screen import QuitScreen
from rehearse.ui.search_screen import SearchScreen
from rehearse.ui.tree_labels import display_title, fit
from tests.conftest import write_note
from tests.ui.conftest import (
    SIZE,
    AppFactory,
    QuietRehearseApp,
    all_nodes,
    build_app,
    go_to,
    label_of,
    label_text,
    main_screen_ready,
    question_tree,
    section_ref,
    text_area,
)
from tests.ui.test_live_reload import (
    INTRO_PATH,
    crash_with_unsaved_text,
    make_kafka_conflict,
    wait_for_recovery_offer,
    wait_until,
    watcher_ready,
)


def rows(app: QuietRehearseApp) -> list[str]:
    """The tree's rows as shown, top to bottom (the expanded ones only)."""
    tree = question_tree(app)
    shown = [node for node in all_nodes(tree) if node.line != -1]
    return [label_of(tree, node).strip() for node in sorted(shown, key=lambda n: n.line)]


def nested(folder: Path) -> Path:
    write_note(
        folder,
        "CS/운영체제/프로세스.md",
        "# 운영체제\n\n## 프로세스란?\n실행 중인 프로그램.\n\n## 스레드란?\n실행 흐름.\n",
    )
    write_note(folder, "CS/네트워크/TCP.md", "## TCP 3 way handshake\nSYN, SYN-ACK, ACK.\n")
    write_note(folder, "인성/자기소개.md", "## 자기소개\n안녕하세요.\n")
    write_note(folder, "zz-메모.md", "## 메모\n적어 둔 것.\n")
    return folder


# -- nested folders across rescans ------------------------------------------------------------


async def test_rescans_keep_expansion_selection_and_order_in_nested_folders(
    tmp_path: Path,
) -> None:
    folder = nested(tmp_path / "notes")
    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        process = folder / "CS" / "운영체제" / "프로세스.md"
        tree = question_tree(app)
        thread = section_ref(app, process, "운영체제", "스레드란?")
        tree.reveal(thread)
        await pilot.pause()
        network = tree._folder_nodes[folder / "CS" / "네트워크"]
        network.expand()
        await pilot.pause()
        before = rows(app)
        assert before[:2] == ["▾ CS/", "▾ 네트워크/"]  # folders first, each by name
        assert before[-2:] == ["▸ 인성/", "▸ zz-메모.md  1 question"]

        # Another program adds a note beside the open one, makes a folder, removes a file
        # and rewrites another: one rescan takes it all in.
        write_note(folder, "CS/운영체제/가상 메모리.md", "## 페이지란?\n고정 크기 블록.\n")
        write_note(folder, "CS/DB/인덱스.md", "## 인덱스란?\nB-트리.\n")
        (folder / "zz-메모.md").unlink()
        write_note(folder, "인성/자기소개.md", "## 자기소개\n반갑습니다.\n")
        app.main_screen.files_changed({folder / "인성" / "자기소개.md"}, rescan=True)
        await pilot.pause()

        cursor = tree.cursor_node
        assert cursor is not None and cursor.data == thread
        after = rows(app)
        assert after == [
            "▾ CS/",
            "▸ DB/",
            "▾ 네트워크/",
            "▾ TCP.md  1 question",
            "TCP 3 way handshake  0:01",
            "▾ 운영체제/",
            "▸ 가상 메모리.md  1 question",
            "▾ 프로세스.md  2 questions",
            "▾ 운영체제",
            "프로세스란?  0:02",
            "스레드란?  0:01",
            "▸ 인성/",
        ], after
        # And back: the same order again after the new files go.
        (folder / "CS" / "운영체제" / "가상 메모리.md").unlink()
        app.main_screen.files_changed(set(), rescan=True)
        await pilot.pause()
        assert rows(app) == [row for row in after if row != "▸ 가상 메모리.md  1 question"]
        assert tree.cursor_node is cursor


async def test_a_highlighted_folder_leaves_the_editor_alone_and_enter_opens_it(
    tmp_path: Path,
) -> None:
    folder = nested(tmp_path / "notes")
    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        await wait_until(pilot, lambda: tree.cursor_line >= 0, "the first question")
        shown = label_text(app, "#editor-title")
        people = tree._folder_nodes[folder / "인성"]
        tree.move_cursor(people)
        await pilot.pause()
        assert label_text(app, "#editor-title") == shown  # not "⚠ 인성 … unreadable"
        assert "Unreadable" not in label_text(app, "#editor-status")
        assert not people.is_expanded
        await pilot.press("enter")
        await wait_until(pilot, lambda: people.is_expanded, "the folder open")
        assert app.focused is tree


# -- several roots ------------------------------------------------------------------------------


async def test_several_roots_are_top_nodes_and_everything_works_across_them(
    tmp_path: Path,
) -> None:
    first = nested(tmp_path / "면접")
    second = tmp_path / "cs-노트"
    write_note(second, "운영체제.md", "## 데드락이란?\n서로를 기다리며 멈춘 상태.\n")
    single = write_note(tmp_path / "따로", "인성.md", "## 지원 동기\n성장하고 싶어서.\n")
    from rehearse.core.notebook import open_notebook

    config = Config(autosave=None, tree_width="100")  # the whole paths fit
    app = QuietRehearseApp(open_notebook(first, second, single), config=config, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tops = [label_of(question_tree(app), node) for node in question_tree(app).root.children]
        # The first question is shown at start: the first root is open down to it.
        assert tops == [f"▾ {first}/", f"▸ {second}/", f"▸ {single}  1 question"]
        deadlock = section_ref(app, second / "운영체제.md", "데드락이란?")
        question_tree(app).reveal(deadlock)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # (20 columns: the header shows two lines of it, ending in …)
        shown = app.query_one("#editor-title", Label).content
        assert str(shown) == "../cs-노트/운영체제.md › 데드락이란?"
        await pilot.press("ctrl+end", *"순환 대기.", "ctrl+s")
        await pilot.pause()
        assert "순환 대기." in (second / "운영체제.md").read_text(encoding="utf-8")

        hits = app.model.index.searcher().search("ㄷㄷㄹ", 5)
        assert [hit.doc.file for hit in hits] == ["../cs-노트/운영체제.md"]
        assert app.model.index.searcher().search("지원 동기", 5)[0].doc.file == "../따로/인성.md"
        assert deadlock.path.is_relative_to(second)
        assert app.sub_title == f"{first}  {second}  {single}"
        # The mock interview and progress ask from every root.
        files = {question.file for question in app.main_screen.rehearsals.questions()}
        assert {"../cs-노트/운영체제.md", "../따로/인성.md", "인성/자기소개.md"} <= files


async def test_each_root_is_watched(tmp_path: Path) -> None:
    first = nested(tmp_path / "면접")
    second = tmp_path / "cs-노트"
    write_note(second, "운영체제.md", "## 데드락이란?\n멈춘 상태.\n")
    single = write_note(tmp_path / "따로", "인성.md", "## 지원 동기\n성장.\n")
    from rehearse.core.notebook import open_notebook

    app = QuietRehearseApp(
        open_notebook(first, second, single), config=Config(autosave=None), watch=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, second)  # a note made in the second root shows up
        single.write_text("## 지원 동기\n함께 성장하고 싶습니다.\n", encoding="utf-8")
        await wait_until(
            pilot,
            lambda: "함께" in app.session.notebook.get(single).text,  # type: ignore[union-attr]
            "the file root's change",
        )
        assert app.session.notebook.get(second / "준비.md") is not None


# -- the tree's width ---------------------------------------------------------------------------


async def test_the_tree_width_changes_with_keys_and_is_kept_unless_the_config_changes(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = question_tree(app)
        start = tree.outer_size.width
        assert start == int(SIZE[0] * 0.42)
        await pilot.press("f2", "greater_than_sign", "greater_than_sign")
        await wait_until(pilot, lambda: tree.outer_size.width == start + 8, "a wider tree")
        await pilot.press("less_than_sign")
        await wait_until(pilot, lambda: tree.outer_size.width == start + 4, "narrower")
        await app.workers.wait_for_complete()
    assert json.loads(state_path().read_text())["tree_width"] == start + 4

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert question_tree(again).outer_size.width == start + 4  # kept across runs

    configured = make_app(config=Config(autosave=None, tree_width="30"))
    async with configured.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert question_tree(configured).outer_size.width == 30  # the config changed: it wins


# -- the footer ---------------------------------------------------------------------------------


def footer_keys(app: QuietRehearseApp) -> list[str]:
    return [key.key for key in app.main_screen.query(FooterKey)]


async def test_the_footer_keeps_one_order_when_the_focus_moves(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, notes_dir / "인성.md", "인성", "자기소개", select=False)
        await pilot.pause()
        in_tree = footer_keys(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: footer_keys(app) != in_tree, "the editor's footer")
        in_editor = footer_keys(app)
        screen_keys = ["ctrl+k", "ctrl+s", "f5", "f6", "f7"]
        assert in_tree[:5] == screen_keys and in_editor[:5] == screen_keys
        # Quit right after the screen's keys, so 80 columns cut the pane's keys, never it;
        # `?` (the keys screen) only in the tree: in the editor it is typed.
        assert in_tree[5:] == ["question_mark", "ctrl+q", "n", "r", "e", "ctrl+p"]
        assert in_editor[5:] == ["ctrl+q", "escape", "ctrl+p"]


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_footer_fits_with_quit_and_question_mark_lists_every_key(
    make_app: AppFactory, notes_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, notes_dir / "인성.md", "인성", "자기소개", select=False)
        await pilot.pause()
        footer = app.main_screen.query_one(Footer)
        shown = [key for key in footer.query(FooterKey) if key.region.right <= size[0]]
        quit_key = next(key for key in shown if key.key == "ctrl+q")
        assert quit_key.region.right <= footer.region.right - len("^p palette")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys screen")
        table = app.screen.query_one("#keys-table", DataTable)
        ids = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        screen = app.main_screen
        bound = {
            binding.id
            for node in (screen, screen.tree, screen.editor, screen.editor.text_area, app)
            for bindings in node._bindings.key_to_bindings.values()
            for binding in bindings
            if binding.id
        }
        assert bound <= ids and {"tree.delete", "tree.new_note", "editor.start", "app.quit"} <= ids
        row = next(table.get_row_at(r) for r in range(table.row_count)
                   if str(table.get_row_at(r)[1]) == "app.teleprompter")  # fmt: skip
        assert str(row[2]) == "Teleprompter"  # the footer says Prompter; this says it whole
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back")


# -- the editor's Ctrl+Home and Ctrl+End -----------------------------------------------------


def first_hit(app: QuietRehearseApp) -> str:
    results = app.screen.query_one("#search-results", OptionList)
    return str(results.get_option_at_index(0).prompt) if results.option_count else ""


@pytest.mark.parametrize("how", ["enter", "search then f3"])
async def test_the_first_key_typed_in_a_question_just_opened_goes_into_its_answer(
    make_app: AppFactory, notes_dir: Path, how: str
) -> None:
    """Opened with the cursor before its `##`, the first letter typed turned the heading
    into text, and the question was gone from the note once saved."""
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        if how == "enter":
            await go_to(pilot, path, "인성", "지원 동기")  # Enter on its row
        else:
            await main_screen_ready(pilot)
            await pilot.press("ctrl+k")
            await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "search")
            app.screen.query_one("#search-input", Input).insert_text_at_cursor("ㅈㅇㄷㄱ")
            await wait_until(pilot, lambda: first_hit(app).startswith("지원 동기"), "the hit")
            await pilot.press("enter")
            await wait_until(pilot, lambda: "지원 동기" in label_text(app, "#editor-title"), "open")
            await pilot.press("f3")  # search leaves the tree focused; F3 goes to the editor
        await wait_until(pilot, lambda: text_area(app).has_focus, "the editor focused")
        await pilot.press(*"성장 ", "ctrl+s")
        await wait_until(pilot, lambda: "성장 |" in path.read_text("utf-8"), "saved")
        saved = path.read_text("utf-8")
        assert "## 지원 동기\n성장 | 이유 | 설명 |\n" in saved
        assert [s.title for s in app.session.notebook.get(path).questions].count("지원 동기") == 1


async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_answer(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        area = text_area(app)
        await pilot.press("down", "right", "ctrl+end")
        assert area.cursor_location == area.document.end == (4, 0)
        await pilot.press(*"끝 문장", "ctrl+home")
        assert area.cursor_location == (1, 0)  # under the heading, never before its #
        await pilot.press(*"첫 문장 ")
        assert area.text == (
            "## 자기소개\n첫 문장 안녕하세요, 백엔드 개발자 김하늘입니다.\n"
            "%% 60초 안에 끝낼 것 %%\n\n끝 문장"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = path.read_text("utf-8")
        # Typed after Ctrl+Home, the words are in the answer: the question is still there.
        assert "## 자기소개\n첫 문장 안녕하세요" in saved
        assert "%% 60초 안에 끝낼 것 %%\n\n끝 문장\n### 1분 자기소개" in saved
        await wait_until(pilot, lambda: "자기소개" in label_text(app, "#editor-title"), "title")


# -- recovery -----------------------------------------------------------------------------------


async def test_after_restore_the_editor_has_the_focus_and_keeps_what_is_typed(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: app.focused is text_area(app), "the editor focused")
        await pilot.press(*"이어서")  # not tree keys (n, r, e ...): text, in the answer
        heading, answer = typed.split("\n", 1)
        assert text_area(app).text == f"{heading}\n이어서{answer}"
        assert path.read_text(encoding="utf-8").count("이어서") == 0


async def test_escape_in_the_recovery_comparison_goes_back_to_the_offer(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        await pilot.press("escape")
        await wait_for_recovery_offer(pilot)  # asked again, nothing decided
        await pilot.press("r")
        await wait_until(pilot, lambda: text_area(app).text == typed, "restored")


# -- quitting and conflicts ---------------------------------------------------------------------


async def test_the_quit_dialog_marks_a_conflict_with_lightning(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await make_kafka_conflict(pilot, notes_dir / "기술.md")
        await go_to(pilot, notes_dir / "인성.md", *INTRO_PATH)
        await pilot.press("end", *" 더")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit dialog")
        question = str(app.screen.query_one("#quit-question", Label).render())
        assert "⚡ 기술.md › 기술 › Kafka란 무엇인가요?" in question
        assert "● 인성.md › 인성 › 자기소개" in question


@pytest.mark.parametrize("width", [80, 120])
async def test_the_conflict_buttons_fit(make_app: AppFactory, notes_dir: Path, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await make_kafka_conflict(pilot, notes_dir / "기술.md")
        banner = app.query_one("#conflict-banner")
        assert banner.display
        await pilot.pause()
        buttons = list(banner.query(Button))
        assert [str(b.label) for b in buttons] == ["Compare", "Keep mine", "Take theirs"]
        editor = app.query_one("#editor").region
        for button in buttons:
            region = button.region
            assert region.width >= len(str(button.label)) + 2, button
            assert editor.x <= region.x and region.right <= editor.right, (button, editor)
        assert len({b.region.y for b in buttons}) == 1  # one row


async def test_a_kept_copy_path_in_a_toast_is_never_cut_inside_a_name(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(os.environ["REHEARSE_DATA"])
    monkeypatch.setenv("HOME", str(data.parent))
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await make_kafka_conflict(pilot, notes_dir / "기술.md")
        await pilot.click("#conflict-theirs")
        await wait_until(pilot, lambda: any("Took" in n.message for n in app.notices), "toast")
        message = next(n.message for n in app.notices if "Took" in n.message)
        lines = message.split("kept in:\n")[1].splitlines()
        assert lines[0].startswith("~/")
        assert all(len(line) <= 36 for line in lines), lines
        assert all(line.endswith("/") for line in lines[:-1]), lines
        assert lines[-1].endswith(".mine.md")
        assert Path("".join(lines).replace("~", str(data.parent), 1)).is_file()


# -- the editor's header ------------------------------------------------------------------------


async def test_a_very_long_heading_takes_two_lines_of_the_header_and_the_answer_shows(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    heading = "아주 긴 질문 제목입니다 " * 50  # 600 characters
    write_note(folder, "긴 제목.md", f"## {heading.strip()}\n여기가 답변의 첫 줄입니다.\n")
    app = build_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.query_one("#editor-title")
        await wait_until(pilot, lambda: "아주 긴" in label_text(app, "#editor-title"), "title")
        await pilot.pause()
        shown = label_text(app, "#editor-title").splitlines()
        assert len(shown) == 2 and shown[1].endswith("…"), shown
        assert title.outer_size.height == 2
        area = text_area(app)
        assert area.region.height >= 15  # the answer keeps the rest of the pane
        await pilot.press("enter")
        assert area.document.get_line(1) == "여기가 답변의 첫 줄입니다."
        assert area.region.y < 24 - 2


# -- emoji in titles ----------------------------------------------------------------------------


def test_joined_emoji_stay_whole_and_a_cut_never_splits_one() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    assert display_title(f"가족 {family} :bulb:") == f"가족 {family} 💡"
    assert display_title("좋아요 👍🏽 ❤️") == "좋아요 👍 ❤"  # what terminals and rich disagree on
    assert fit(f"가족 {family} 사진", 8) == f"가족 {family}…"
    assert fit(f"가족 {family} 사진", 6) == "가족 …"  # never half a family


async def test_a_crash_is_offered_even_when_the_footer_draws_no_keys(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws the footer's keys only while the terminal window has the focus; the
    offer (and the index, and the marks) waited for those keys, and never came."""
    path = notes_dir / "인성.md"
    typed = await crash_with_unsaved_text(make_app, path)
    monkeypatch.setattr(Footer, "bindings_changed", lambda self, screen: None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_recovery_offer(pilot)
        assert not app.main_screen.query_one(Footer).children  # no keys drawn, offer made
        await pilot.press("r")
        await wait_until(pilot, lambda: text_area(app).text == typed, "the restored text")


@pytest.mark.parametrize("size", [(60, 20), (120, 36)])
async def test_every_recovery_choice_is_on_screen_even_in_a_narrow_terminal(
    make_app: AppFactory, notes_dir: Path, size: tuple[int, int]
) -> None:
    path = notes_dir / "인성.md"
    await crash_with_unsaved_text(make_app, path)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await wait_for_recovery_offer(pilot)
        for button in screen.query(Button):
            region = button.region
            assert region.width > 0 and region.right <= size[0], (button.id, region)
            assert region.y >= 0 and region.bottom <= size[1], (button.id, region)
