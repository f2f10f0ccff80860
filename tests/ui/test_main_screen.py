"""Pilot tests of the main screen: the question tree, the section editor, saving and quitting."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Label, OptionList

from rehearse.core.config import Config
from rehearse.core.notes import NoteFile
from rehearse.core.refs import SectionRef
from rehearse.ui.quit_screen import QuitScreen
from tests.conftest import write_note
from tests.ui.conftest import (
    PERSONALITY,
    SIZE,
    TECH,
    AppFactory,
    QuietRehearseApp,
    all_nodes,
    build_app,
    go_to,
    label_of,
    label_text,
    node_for,
    question_tree,
    section_ref,
    status_classes,
    text_area,
    to_end,
)
from tests.ui.test_live_reload import wait_until

SHIPPED_THEMES = {"rehearse-dark", "rehearse-light", "rehearse-high-contrast"}


def dirty_labels(app: QuietRehearseApp) -> list[str]:
    tree = question_tree(app)
    return [label_of(tree, node) for node in all_nodes(tree) if "●" in label_of(tree, node)]


def label_for(app: QuietRehearseApp, ref: SectionRef) -> str:
    tree = question_tree(app)
    node = node_for(tree, ref)
    assert node is not None, f"{ref} is not in the tree"
    return label_of(tree, node)


# -- (1) opening a question ---------------------------------------------------------------------


async def test_enter_on_a_question_opens_exactly_its_section(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    path = notes_dir / "인성.md"
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")

        # The heading and its own body; the sub-question below is not part of it.
        assert text_area(app).text == (
            "## 자기소개\n안녕하세요, 백엔드 개발자 김하늘입니다.\n%% 60초 안에 끝낼 것 %%\n\n"
        )
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개"
        assert app.focused is text_area(app)
        assert not text_area(app).read_only
        assert status_classes(app) == {"-saved"}

        await go_to(pilot, path, "인성", "자기소개", "1분 자기소개")
        assert (
            text_area(app).text
            == "### 1분 자기소개\n저는 삼 년 동안 결제 시스템을 만들었습니다.\n\n"
        )
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개 › 1분 자기소개"


async def test_moving_the_tree_cursor_previews_without_leaving_the_tree(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    path = notes_dir / "인성.md"
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: status_classes(app) == {"-saved"}, "the first question")
        assert app.focused is question_tree(app)  # shown at start, the tree keeps the keys
        await go_to(pilot, path, "인성", "지원 동기", select=False)
        assert text_area(app).text.startswith("## 지원 동기\n| 이유 | 설명 |\n")
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 지원 동기"
        assert app.focused is question_tree(app)


async def test_reveal_puts_the_cursor_on_a_question_in_a_collapsed_file(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    path = notes_dir / "인성.md"
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        ref = section_ref(app, path, "인성", "자기소개", "1분 자기소개")
        tree.reveal(ref)
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == ref
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개 › 1분 자기소개"


# -- (2) typing and saving ----------------------------------------------------------------------


async def test_typed_korean_is_saved_into_its_section_only(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    original = path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "Kafka란 무엇인가요?")
        ref = section_ref(app, path, "기술", "Kafka란 무엇인가요?")
        assert text_area(app).text == (
            "## Kafka란 무엇인가요?\n분산 로그 기반의 메시지 브로커입니다.\n"
            "%% 파티션 이야기로 넘어갈 것 %%\n\n"
        )
        assert dirty_labels(app) == []

        await pilot.press("end", *" 확장성도 좋습니다")
        assert "브로커입니다. 확장성도 좋습니다\n" in text_area(app).text
        assert status_classes(app) == {"-unsaved"}
        assert "●" in label_for(app, ref) and "Kafka란 무엇인가요?" in label_for(app, ref)
        assert "● 기술.md" in label_for(app, SectionRef(path))
        assert path.read_bytes() == original  # nothing is written before ctrl+s

        await pilot.press("ctrl+s")
        await pilot.pause()

        saved = path.read_bytes()
        old_line = "분산 로그 기반의 메시지 브로커입니다.\r\n".encode()
        new_line = "분산 로그 기반의 메시지 브로커입니다. 확장성도 좋습니다\r\n".encode()
        assert saved == original.replace(old_line, new_line)
        cut = original.index(old_line)
        assert saved[:cut] == original[:cut]  # front matter and earlier lines, byte for byte
        assert saved[cut + len(new_line) :] == original[cut + len(old_line) :]  # the rest too
        assert saved.count(b"\n") == saved.count(b"\r\n")  # still CRLF throughout
        assert dirty_labels(app) == []
        assert status_classes(app) == {"-saved"}
        assert text_area(app).text.endswith(
            "확장성도 좋습니다\n%% 파티션 이야기로 넘어갈 것 %%\n\n"
        )


async def test_saving_keeps_the_tree_cursor_on_the_edited_question(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "Kafka란 무엇인가요?")
        ref = section_ref(app, path, "기술", "Kafka란 무엇인가요?")
        await pilot.press("end", *" 순서도 보장합니다")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "순서도 보장합니다".encode() in path.read_bytes()
        cursor = question_tree(app).cursor_node
        assert cursor is not None and cursor.data == section_ref(
            app, path, "기술", "Kafka란 무엇인가요?"
        ), f"the tree cursor moved from {ref} to {cursor.data if cursor else None}"


async def test_ctrl_s_without_changes_writes_nothing(make_app: AppFactory, notes_dir: Path) -> None:
    path = notes_dir / "인성.md"
    before = path.stat().st_mtime_ns
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.message == "No changes to save." for n in app.notices)
    assert path.read_bytes() == PERSONALITY.encode()
    assert path.stat().st_mtime_ns == before


async def test_unsaved_text_survives_opening_another_question(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("end", *" 반갑습니다")
        edited = text_area(app).text
        await go_to(pilot, path, "인성", "지원 동기")
        assert text_area(app).text.startswith("## 지원 동기\n")
        assert status_classes(app) == {"-saved"}
        assert "●" in label_for(app, section_ref(app, path, "인성", "자기소개"))

        await go_to(pilot, path, "인성", "자기소개")
        assert text_area(app).text == edited
        assert status_classes(app) == {"-unsaved"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == PERSONALITY.replace(
            "김하늘입니다.\n", "김하늘입니다. 반갑습니다\n"
        ).encode("utf-8")


# -- (3) quitting -------------------------------------------------------------------------------


async def test_quit_without_edits_exits_at_once(make_app: AppFactory, notes_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, notes_dir / "인성.md", "인성", "자기소개")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)
        assert not app.is_running


async def test_quit_with_unsaved_edits_asks_and_escape_cancels(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")
        await to_end(pilot)
        await pilot.press(*"열정")
        edited = text_area(app).text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert "인성.md › 인성 › 지원 동기" in str(
            app.screen.query_one("#quit-question", Label).render()
        )

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)
        assert app.is_running
        assert text_area(app).text == edited
        assert status_classes(app) == {"-unsaved"}
    assert path.read_bytes() == PERSONALITY.encode()


async def test_quit_and_discard_leaves_the_file_untouched(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "트랜잭션 격리 수준")
        await to_end(pilot)
        await pilot.press(*"| SERIALIZABLE | 없음 |")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("d")
        await pilot.pause()
        assert not app.is_running
    assert path.read_bytes() == TECH.encode()


async def test_quit_and_save_writes_then_exits(make_app: AppFactory, notes_dir: Path) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "마지막 한마디")
        await to_end(pilot)
        await pilot.press(*"감사합니다")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("s")
        await pilot.pause()
        assert not app.is_running
    assert path.read_bytes() == (PERSONALITY + "감사합니다").encode()


# -- (4) a file changed by another program ------------------------------------------------------


@pytest.mark.parametrize(
    ("theirs", "label"),
    [("중앙 로그", "same length, same mtime"), ("분산형 로그", "different length")],
)
async def test_a_file_changed_on_disk_is_never_overwritten(
    make_app: AppFactory, notes_dir: Path, theirs: str, label: str
) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "기술", "Kafka란 무엇인가요?")
        await pilot.press("end", *" 내 문장")
        mine = text_area(app).text

        before = os.stat(path)
        external = TECH.replace("분산 로그", theirs).encode()
        path.write_bytes(external)
        if theirs == "중앙 로그":
            assert len(external) == len(TECH.encode()), label
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

        await pilot.press("ctrl+s")
        await pilot.pause()

        assert path.read_bytes() == external
        assert text_area(app).text == mine
        assert status_classes(app) == {"-error"}
        assert "conflict" in label_text(app, "#editor-status")
        assert app.query_one("#conflict-banner").display
        errors = [n for n in app.notices if n.severity == "error"]
        assert errors and "기술.md" in errors[-1].message
        kafka = label_for(app, section_ref(app, path, "기술", "Kafka란 무엇인가요?"))
        assert "⚡" in kafka, "the section is marked as in conflict in the tree"

        await pilot.press("ctrl+s")  # trying again still never overwrites
        await pilot.pause()
        assert path.read_bytes() == external


# -- (5) a new heading becomes a question -------------------------------------------------------


async def test_typing_a_new_heading_adds_a_question_to_the_tree(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")
        await to_end(pilot)
        await pilot.press(*"## 새 질문", "enter", *"새 답변입니다", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert path.read_bytes() == PERSONALITY.replace(
            "## 준비 중인 질문", "## 새 질문\n새 답변입니다\n## 준비 중인 질문"
        ).encode("utf-8")
        tree = question_tree(app)
        category = node_for(tree, section_ref(app, path, "인성"))
        assert category is not None
        note = app.session.notebook.get(path)
        assert isinstance(note, NoteFile)
        titles = [
            note.sections[child.data.section].title for child in category.children if child.data
        ]
        assert titles == ["자기소개", "지원 동기", "새 질문", "준비 중인 질문", "마지막 한마디"]
        for child, title in zip(category.children, titles, strict=True):
            assert title in label_of(tree, child)
        new = node_for(tree, section_ref(app, path, "인성", "새 질문"))
        assert new is not None and "∅" not in label_of(tree, new)
        assert dirty_labels(app) == []


# -- (6) the whole-file view --------------------------------------------------------------------


async def test_selecting_a_file_opens_the_whole_file(make_app: AppFactory, notes_dir: Path) -> None:
    path = notes_dir / "기술.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path)
        assert text_area(app).text == TECH.replace("\r\n", "\n")
        assert label_text(app, "#editor-title") == "기술.md"
        assert app.focused is text_area(app)

        await to_end(pilot)
        await pilot.press(*"%% 끝 %%")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == (TECH + "%% 끝 %%").encode()


async def test_whole_file_view_moves_the_tree_cursor_with_the_editor_cursor(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        # The user has opened the outline of 인성.md before choosing the whole file.
        await go_to(pilot, path, "인성", "자기소개", select=False)
        await go_to(pilot, path)
        assert label_text(app, "#editor-title") == "인성.md"

        lines = PERSONALITY.split("\n")
        for heading, titles in [
            ("## 자기소개", ("인성", "자기소개")),
            ("### 1분 자기소개", ("인성", "자기소개", "1분 자기소개")),
            ("## 지원 동기", ("인성", "지원 동기")),
            ("## 마지막 한마디", ("인성", "마지막 한마디")),
        ]:
            row = text_area(app).cursor_location[0]
            await pilot.press(*["down"] * (lines.index(heading) - row))
            assert text_area(app).cursor_location[0] == lines.index(heading)
            cursor = tree.cursor_node
            assert cursor is not None and cursor.data == section_ref(app, path, *titles), heading
        assert app.focused is text_area(app)
        assert label_text(app, "#editor-title") == "인성.md"  # still the whole file


async def test_whole_file_view_follows_into_a_collapsed_outline(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        await go_to(pilot, path)  # the file node is collapsed: its questions are not shown yet
        await pilot.press("pagedown")  # one jump to the last line, in 마지막 한마디
        assert text_area(app).cursor_location[0] == len(PERSONALITY.split("\n")) - 1
        cursor = tree.cursor_node
        expected = section_ref(app, path, "인성", "마지막 한마디")
        assert cursor is not None and cursor.data == expected, (
            f"tree cursor on {cursor.data if cursor else None}, expected {expected}"
        )


async def test_whole_file_view_follows_through_unsaved_edits(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        await go_to(pilot, path)
        lines = PERSONALITY.split("\n")
        body = lines.index("## 자기소개") + 1
        await pilot.press(
            *["down"] * body, "end", "enter", *"한 줄 더 씁니다", "enter", *"두 줄 더"
        )
        assert status_classes(app) == {"-unsaved"}
        # Every heading below now sits two lines lower than on disk.
        target = lines.index("## 지원 동기") + 2
        await pilot.press(*["down"] * (target - text_area(app).cursor_location[0]))
        assert text_area(app).document.get_line(target) == "## 지원 동기"
        cursor = tree.cursor_node
        assert cursor is not None and cursor.data == section_ref(app, path, "인성", "지원 동기")


# -- (7) unreadable files -----------------------------------------------------------------------


async def test_an_unreadable_file_is_listed_read_only_and_the_rest_still_works(
    make_app: AppFactory, notes_dir: Path
) -> None:
    legacy = write_note(notes_dir, "옛날.md", "# 옛날 면접\n## 장점\n성실합니다\n".encode("cp949"))
    legacy_bytes = legacy.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        node = node_for(tree, SectionRef(legacy))
        assert node is not None
        assert "⚠ 옛날.md  unreadable: not UTF-8" in label_of(tree, node)
        warnings = [n for n in app.notices if n.severity == "warning" and "옛날.md" in n.message]
        assert warnings, "the user is told about the unreadable file"

        await go_to(pilot, legacy)
        assert app.focused is tree  # nothing to edit: the focus stays in the tree
        assert label_text(app, "#editor-title") == "⚠ 옛날.md"
        assert status_classes(app) == {"-error"}
        assert "Unreadable" in label_text(app, "#editor-status")
        assert text_area(app).read_only
        assert text_area(app).text == ""

        await pilot.press("f3", *"가나다", "ctrl+s")
        await pilot.pause()
        assert text_area(app).text == ""
        assert legacy.read_bytes() == legacy_bytes

        other = notes_dir / "인성.md"
        await go_to(pilot, other, "인성", "지원 동기")
        assert not text_area(app).read_only
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 지원 동기"
        await to_end(pilot)
        await pilot.press(*"좋아요", "ctrl+s")
        await pilot.pause()
        assert "좋아요".encode() in other.read_bytes()
    assert legacy.read_bytes() == legacy_bytes


# -- (8) empty answers --------------------------------------------------------------------------


async def test_empty_answers_are_marked_until_written(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        last = section_ref(app, path, "인성", "마지막 한마디")
        assert "∅" in label_for(app, last) and "마지막 한마디" in label_for(app, last)
        # A private %% comment is not an answer.
        assert "∅" in label_for(app, section_ref(app, path, "인성", "준비 중인 질문"))
        for filled in [("인성", "자기소개"), ("인성", "지원 동기"), ("인성",)]:
            assert "∅" not in label_for(app, section_ref(app, path, *filled)), filled

        await go_to(pilot, path, "인성", "마지막 한마디")
        await to_end(pilot)
        await pilot.press(*"함께 일하고 싶습니다", "ctrl+s")
        await pilot.pause()
        written = label_for(app, section_ref(app, path, "인성", "마지막 한마디"))
        assert "마지막 한마디" in written and "∅" not in written
        assert re.search(r"  0:0\d$", written), written  # its speaking time is shown instead


# -- (9) themes ---------------------------------------------------------------------------------


async def test_theme_name_is_applied(make_app: AppFactory) -> None:
    app = make_app(theme_name="rehearse-light")
    async with app.run_test(size=SIZE):
        assert app.theme == "rehearse-light"
        assert not app.current_theme.dark
        assert not [n for n in app.notices if n.severity != "information"]


async def test_config_theme_is_applied(make_app: AppFactory) -> None:
    app = make_app(config=Config(theme="rehearse-high-contrast"))
    async with app.run_test(size=SIZE):
        assert app.theme == "rehearse-high-contrast"
        assert app.current_theme.background == "#000000"


async def test_unknown_theme_falls_back_with_a_warning(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app(theme_name="없는-테마")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "rehearse-dark"
        warnings = [n for n in app.notices if n.severity == "warning"]
        assert any("없는-테마" in n.message and "rehearse-dark" in n.message for n in warnings)
        await go_to(pilot, notes_dir / "인성.md", "인성", "자기소개")
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개"


async def test_broken_user_themes_are_reported_by_file_and_line(
    make_app: AppFactory, notes_dir: Path, themes_dir: Path
) -> None:
    (themes_dir / "깨진-테마.yaml").write_text(
        'name: 깨진-테마\nprimary: "#ff0000"\nsecondary: [unclosed\n', encoding="utf-8"
    )
    (themes_dir / "bad-colour.yaml").write_text(
        "name: bad-colour\nprimary: 빨강\n", encoding="utf-8"
    )
    (themes_dir / "내-테마.yaml").write_text(
        'name: 내-테마\ndark: false\nprimary: "#336699"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        toasts = [n for n in app.notices if "theme problem" in n.title]
        assert [n.title for n in toasts] == ["2 theme problems"]  # one toast for both
        problems = toasts[0].message.splitlines()
        assert len(problems) == 2, problems
        broken = next(m for m in problems if "깨진-테마.yaml" in m)
        assert "깨진-테마.yaml:3" in broken or "깨진-테마.yaml:4" in broken, broken
        colour = next(m for m in problems if "bad-colour.yaml" in m)
        assert "bad-colour.yaml:2" in colour and "primary" in colour, colour

        assert app.theme == "rehearse-dark"
        assert set(app.available_themes) >= SHIPPED_THEMES
        assert "내-테마" in app.available_themes
        assert "깨진-테마" not in app.available_themes
        assert "bad-colour" not in app.available_themes

        app.theme = "내-테마"
        await go_to(pilot, notes_dir / "인성.md", "인성", "지원 동기")
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 지원 동기"
        assert app.theme == "내-테마"


async def test_two_thousand_broken_themes_make_one_toast(
    make_app: AppFactory, themes_dir: Path
) -> None:
    for number in range(2000):
        (themes_dir / f"깨짐-{number:04}.yaml").write_text(
            f"name: 깨짐-{number}\nprimary: 빨강\n", encoding="utf-8"
        )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        toasts = [n for n in app.notices if "theme" in n.title.lower()]
        assert [n.title for n in toasts] == ["2000 theme problems"]
        lines = toasts[0].message.splitlines()
        assert len(lines) == 4 and lines[-1] == "… and 1997 more", lines
        assert "깨짐-0000.yaml:2" in lines[0]
        assert len(app._notifications) == 1  # on screen too: one toast, not 2000
        assert app.theme == "rehearse-dark"


async def test_command_palette_offers_the_shipped_themes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        commands = app.screen
        assert isinstance(commands, CommandPalette)
        await pilot.press(*"theme")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        themes = app.screen
        assert isinstance(themes, CommandPalette) and themes is not commands
        await pilot.press(*"rehearse")
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = themes.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for name in SHIPPED_THEMES:
            assert any(name in prompt for prompt in shown), (name, shown)

        await pilot.press(*"-light", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.theme == "rehearse-light"


# -- (10) many questions ------------------------------------------------------------------------


async def test_a_large_notebook_populates_only_file_nodes_until_expanded(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for number in range(20):
        questions = "".join(
            f"## 질문 {number}-{q}\n답변 {q}번입니다. 성실하게 준비했습니다.\n\n"
            for q in range(100)
        )
        write_note(folder, f"면접-{number:02}.md", f"# 분류 {number}\n\n{questions}")
    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        notebook = app.session.notebook
        assert sum(
            len(note.questions) for note in notebook.notes if isinstance(note, NoteFile)
        ) == (20 * 101)
        # The first question is shown at start, so the first file is open down to it; the
        # other 19 files are not populated.
        first = folder / "면접-00.md"
        nodes = all_nodes(tree)
        assert len(nodes) == 20 + 1 + 100
        others = [node for node in nodes if node.data is not None and node.data.path != first]
        assert len(others) == 19 and all(node.data.section == 0 for node in others)
        assert label_of(tree, nodes[0]) == "▾ 면접-00.md  100 questions"  # not the category

        second = folder / "면접-01.md"
        await go_to(pilot, second, "분류 1", select=False)
        assert len(all_nodes(tree)) == 122  # the category only
        await pilot.press("space")
        await pilot.pause()
        assert len(all_nodes(tree)) == 222
        assert (
            sum(1 for n in all_nodes(tree) if n.data is not None and n.data.path == second) == 102
        )
