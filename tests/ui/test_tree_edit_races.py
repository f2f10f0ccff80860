"""Pilot tests of a tree edit racing another program (hostile findings 1 and 2): a delete
confirmed after the deleted lines changed writes nothing, and Ctrl+Z never loses or moves
a line written since."""

from __future__ import annotations

from pathlib import Path

from rehearse.ui.prompts import ConfirmScreen
from tests.conftest import write_note
from tests.ui.conftest import SIZE, AppFactory, go_to
from tests.ui.test_live_reload import wait_until
from tests.ui.test_tree_keys import cursor_title, notices, prompt_shown

A = (
    "# 인성\n## 자기소개\n저는 개발자입니다.\n"
    "## 지원동기\n회사가 좋습니다.\n## 장단점\n꼼꼼합니다.\n"
)
SHELL = "셸이 쓴 소중한 문장.\n"
REFUSED = (
    "Not done: the same lines changed meanwhile (in another program, or saved here). "
    "Nothing was written."
)


async def test_delete_confirmed_after_the_lines_changed_writes_nothing(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "d1"
    path = write_note(folder, "a.md", A.encode("utf-8"))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원동기", select=False)
        await pilot.press("delete")
        await prompt_shown(pilot, ConfirmScreen)
        theirs = A.replace("회사가 좋습니다.\n", "회사가 좋습니다.\n" + SHELL)
        path.write_text(theirs, encoding="utf-8")  # while the dialog is open
        await pilot.press("y")
        await wait_until(pilot, lambda: REFUSED in notices(app), "the refusal")
        assert path.read_text(encoding="utf-8") == theirs
        await pilot.press("ctrl+z")
        await wait_until(
            pilot, lambda: notices(app)[-1] == "Nothing to undo in the tree.", "no undo"
        )
        assert path.read_text(encoding="utf-8") == theirs


async def test_ctrl_z_after_a_move_keeps_a_line_written_since_with_its_question(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "d1"
    path = write_note(folder, "a.md", A.encode("utf-8"))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        await pilot.press("ctrl+down")
        await wait_until(pilot, lambda: path.read_text("utf-8").index("## 지원동기")
                         < path.read_text("utf-8").index("## 자기소개"), "the move")  # fmt: skip
        moved = path.read_text(encoding="utf-8")
        path.write_text(moved.replace("개발자입니다.\n", "개발자입니다.\n" + SHELL), "utf-8")
        await pilot.press("ctrl+z")
        expected = A.replace("개발자입니다.\n", "개발자입니다.\n" + SHELL)
        await wait_until(pilot, lambda: path.read_text("utf-8") == expected, "the undo")
        assert cursor_title(app) == "자기소개"


async def test_delete_of_a_question_with_unsaved_typing_is_refused_before_asking(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "r1"
    path = write_note(folder, "a.md", A.encode("utf-8"))
    app = make_app(folder)  # autosave off: the typing stays unsaved
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원동기")
        await pilot.press("ctrl+end")
        await pilot.press(*"미저장", "enter")
        await pilot.press("escape")
        await pilot.press("delete")
        expected = (
            "Not deleted: there is unsaved text in it: save it where you typed it (Ctrl+S) "
            "or take it back first."
        )
        await wait_until(pilot, lambda: expected in notices(app), "the refusal")
        assert not isinstance(app.screen, ConfirmScreen)
        assert path.read_text(encoding="utf-8") == A
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "미저장" in path.read_text("utf-8"), "the save")
        saved = path.read_text(encoding="utf-8")
        assert saved.index("## 지원동기") < saved.index("미저장") < saved.index("## 장단점")
