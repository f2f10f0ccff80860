"""The search overlay and the palette's question provider, driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey

from benchmarks.search_queries import ISSUE_QUERIES
from rehearse.core.config import Config
from rehearse.ui.search_screen import SearchScreen
from tests.conftest import write_note
from tests.core.test_search_examples import write_issue_notes
from tests.ui.conftest import SIZE, AppFactory, label_text, question_tree, text_area


async def _type(pilot: Pilot[None], text: str) -> None:
    search_input = pilot.app.screen.query_one("#search-input", Input)
    for char in text:  # one keystroke at a time, as an IME commits them
        search_input.insert_text_at_cursor(char)
        await pilot.pause()


async def test_initial_consonants_jump_to_the_question(
    make_app: AppFactory, notes_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, SearchScreen)
        await _type(pilot, "ㅈㄱㅅㄱ")
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        first = str(results.get_option_at_index(0).prompt)
        assert first.startswith("자기소개")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        cursor = question_tree(app).cursor_node
        assert cursor is not None and cursor.data is not None
        assert cursor.data.path == notes_dir / "인성.md"
        assert label_text(app, "#editor-title").endswith("인성 › 자기소개")
        assert text_area(app).text.startswith(
            "## 자기소개\n안녕하세요, 백엔드 개발자 김하늘입니다."
        )


async def test_half_typed_syllable_and_arrow_keys_pick_a_result(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await _type(pilot, "팥")  # on the way to 파티션: 파 + ㅌ
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hit = screen.current_hit
        assert hit is not None and hit.doc.title == "파티션"
        assert hit.spans == ((0, 2),)  # 파 and 티 are highlighted
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(app, "#editor-title").endswith("기술 › Kafka란 무엇인가요? › 파티션")


async def test_escape_returns_to_where_the_user_was(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = question_tree(app)
        await pilot.press("down")
        before = tree.cursor_node
        await pilot.press("slash")  # `/` opens search from the tree
        assert isinstance(app.screen, SearchScreen)
        await _type(pilot, "weakness")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert tree.has_focus
        assert tree.cursor_node is before


async def test_answer_text_matches_are_listed_after_titles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await _type(pilot, "결제")  # only in the answer of 1분 자기소개
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hit = screen.current_hit
        assert hit is not None and hit.in_answer and hit.doc.title == "1분 자기소개"
        first = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "in answer:" in first and "결제" in first


async def test_nonsense_finds_nothing_and_enter_stays(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await _type(pilot, "zqxj")
        await pilot.press("enter")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(OptionList).option_count == 0


async def test_saved_heading_is_searchable(make_app: AppFactory, notes_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await _type(pilot, "ㅈㅇㄷㄱ")
        await pilot.press("enter")
        await pilot.pause()
        area = text_area(app)
        area.focus()
        area.move_cursor(area.document.end)
        area.insert("\n## 입사 후 포부\n오 년 뒤에는 팀을 이끌고 싶습니다.\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "## 입사 후 포부" in (notes_dir / "인성.md").read_text(encoding="utf-8")
        await pilot.press("ctrl+k")
        await _type(pilot, "ㅇㅅㅎㅍㅂ")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hit = screen.current_hit
        assert hit is not None and hit.doc.title == "입사 후 포부"


async def test_palette_offers_questions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        for char in "ㅌㄹㅈㅅ":
            palette_input.insert_text_at_cursor(char)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("트랜잭션 격리 수준" in prompt for prompt in prompts)
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(app, "#editor-title").endswith("트랜잭션 격리 수준")


# --- issue 15: the other layout, the other name, the overlay's own keys ----------------------


@pytest.fixture
def issue_notes(tmp_path: Path) -> Path:
    return write_issue_notes(tmp_path / "issue")


async def _open_and_type(pilot: Pilot[None], query: str) -> SearchScreen:
    await pilot.press("ctrl+k")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await _type(pilot, query)
    await pilot.pause()
    return screen


async def test_every_query_of_the_issue_finds_its_question_first_in_the_overlay(
    make_app: AppFactory, issue_notes: Path
) -> None:
    app = make_app(issue_notes)
    async with app.run_test(size=SIZE) as pilot:
        for query, title in ISSUE_QUERIES.items():
            screen = await _open_and_type(pilot, query)
            hit = screen.current_hit
            assert hit is not None and hit.doc.title == title, query
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, SearchScreen)


async def test_every_query_of_the_issue_finds_its_question_first_in_the_palette(
    make_app: AppFactory, issue_notes: Path
) -> None:
    app = make_app(issue_notes)
    async with app.run_test(size=SIZE) as pilot:
        for query, title in ISSUE_QUERIES.items():
            await pilot.press("ctrl+p")
            await pilot.pause()
            palette_input = app.screen.query_one(Input)
            palette_input.insert_text_at_cursor(query)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            assert options.option_count, query
            first = str(options.get_option_at_index(0).prompt)
            assert first.startswith(title), (query, first)
            await pilot.press("escape")
            await pilot.pause()


async def test_a_hit_read_another_way_says_so(make_app: AppFactory, issue_notes: Path) -> None:
    app = make_app(issue_notes)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_and_type(pilot, "wkrlthro")
        first = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert first.startswith("자기소개") and "searched as 자기소개" in first
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(app, "#editor-title").endswith("자기소개")
        screen = await _open_and_type(pilot, "kafka")
        hit = screen.current_hit
        assert hit is not None and hit.doc.title == "카프카" and hit.spans == ((0, 3),)
        assert "searched as 카프카" in str(
            screen.query_one(OptionList).get_option_at_index(0).prompt
        )


async def test_a_pasted_long_query_and_a_mixed_one_answer_in_the_overlay(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Pasting 24 glossary words froze the overlay for 43 s; `docker vkdlf` found nothing."""
    folder = tmp_path / "mixed"
    write_note(
        folder,
        "기술.md",
        "## docker 파일 작성방법은?\n\n멀티 스테이지 빌드를 씁니다.\n\n"
        "## 카프카 파티션\n\n" + " ".join(["kafka"] * 24) + " 로그를 봅니다.\n",
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#search-input", Input).insert_text_at_cursor(" ".join(["kafka"] * 24))
        await pilot.pause()
        hit = screen.current_hit
        assert hit is not None and hit.doc.title == "카프카 파티션" and hit.in_answer
        await pilot.press("escape")
        await pilot.pause()
        screen = await _open_and_type(pilot, "docker vkdlf")
        first = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert first.startswith("docker 파일 작성방법은?") and "searched as docker 파일" in first


async def test_the_overlay_has_its_own_footer(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        keys = {key.description for key in app.screen.query(FooterKey)}
        assert {"Previous", "Next", "Open", "Back"} <= keys
        bindings = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"search.up", "search.down", "search.open", "search.back"} <= bindings
        assert {"search.page_up", "search.page_down"} <= bindings


async def test_the_overlays_keys_can_be_remapped(make_app: AppFactory, notes_dir: Path) -> None:
    keymap = {"search.down": "ctrl+n", "search.open": "ctrl+o", "search.back": "ctrl+g"}
    app = make_app(config=Config(autosave=None, keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_and_type(pilot, "ㅈ")
        results = screen.query_one(OptionList)
        assert results.highlighted == 0 and results.option_count > 1
        await pilot.press("down")  # remapped away
        assert results.highlighted == 0
        await pilot.press("ctrl+n")
        assert results.highlighted == 1
        chosen = screen.current_hit
        assert chosen is not None
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        cursor = question_tree(app).cursor_node
        assert cursor is not None and cursor.data is not None
        assert (cursor.data.path, cursor.data.section) == (
            chosen.doc.key.path,
            chosen.doc.key.section,
        )
        await _open_and_type(pilot, "ㅈ")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_the_preview_shows_the_answer_as_plain_text(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "net"
    write_note(
        folder,
        "network.md",
        "## [TCP] 3 way handshake\n\n> 연결을 성립하는 과정\n\n#####3 way handshake - 연결 성립\n\n"
        "![흐름도캡처](/img/3way.png)\n\n1. 클라이언트가 **SYN**을 보냅니다.\n",
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_and_type(pilot, "tcp")
        preview = str(screen.query_one("#search-preview", Static).content)
        assert preview.splitlines() == [
            "[TCP] 3 way handshake",
            "",
            "연결을 성립하는 과정",
            "3 way handshake - 연결 성립",
            "클라이언트가 SYN을 보냅니다.",
        ]


async def test_an_answer_hit_says_the_word_it_found(make_app: AppFactory, tmp_path: Path) -> None:
    """`javascript` finds the JS of an answer: the line says `searched as JS` (not the term's
    first name, 자바스크립트) and highlights JS in the snippet."""
    folder = tmp_path / "answers"
    write_note(folder, "언어.md", "## 질문 둘\n\n저는 JS와 TypeScript를 씁니다.\n")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_and_type(pilot, "javascript")
        hit = screen.current_hit
        assert hit is not None and hit.in_answer and hit.searched_as == "JS"
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        assert "searched as JS" in prompt.plain and "in answer: 저는 JS와" in prompt.plain
        at = prompt.plain.index("JS와")
        assert any((span.start, span.end) == (at, at + 2) for span in prompt.spans)
