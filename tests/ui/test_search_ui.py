"""The search overlay and the palette's question provider, driven like a user."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from rehearse.ui.search_screen import SearchScreen
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
