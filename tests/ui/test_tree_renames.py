"""Pilot tests of renames made by another program: a renamed note or folder keeps its place
in the tree (expanded nodes, the selection, the order) and the editor stays on its question;
a folder made by a shell is a folder node, never an unreadable note; nothing is copied to the
recovery folder when nothing was unsaved."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from rehearse.ui.tree_nodes import FolderRef
from tests.conftest import write_note
from tests.ui.conftest import (
    SIZE,
    QuietRehearseApp,
    build_app,
    go_to,
    label_text,
    question_tree,
    section_ref,
    text_area,
)
from tests.ui.test_live_reload import wait_until, watcher_ready
from tests.ui.test_tree_and_editor import rows

PROCESS = (
    "# 운영체제\n\n## 데드락이란?\n서로 자원을 기다리며 멈춘 상태.\n\n## 스레드란?\n실행 흐름.\n"
)


def kept_copies() -> list[Path]:
    kept = Path(os.environ["REHEARSE_DATA"]) / "recovery" / "kept"
    return sorted(kept.iterdir()) if kept.is_dir() else []


def notes(folder: Path) -> Path:
    write_note(folder, "기술 면접/운영체제 심화/프로세스.md", PROCESS)
    write_note(folder, "기술 면접/네트워크.md", "## TCP란?\n연결 지향.\n")
    write_note(
        folder, "a.md", "# 인성\n## 자기소개\n저는 개발자입니다.\n## 지원동기\n회사가 좋습니다.\n"
    )
    write_note(folder, "z.md", "## 마지막 질문\n없습니다.\n")
    return folder


def editor_title(app: QuietRehearseApp) -> str:
    return label_text(app, "#editor-title")


async def test_a_renamed_note_keeps_its_place_and_no_copy_is_kept(tmp_path: Path) -> None:
    folder = notes(tmp_path / "notes")
    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, folder / "a.md", "인성", "자기소개", select=False)
        before = rows(app)
        assert editor_title(app).endswith("자기소개")
        (folder / "a.md").rename(folder / "b.md")
        app.main_screen.files_changed({folder / "a.md", folder / "b.md"})
        await pilot.pause()

        tree = question_tree(app)
        intro = section_ref(app, folder / "b.md", "인성", "자기소개")
        await wait_until(pilot, lambda: editor_title(app).startswith("b.md"), "the new name")
        assert tree.cursor_node is not None and tree.cursor_node.data == intro
        assert rows(app) == [row.replace("a.md", "b.md") for row in before]
        assert "자기소개" in editor_title(app) and text_area(app).text.startswith("## 자기소개")
        assert app.main_screen.current_ref() == intro
        assert kept_copies() == []  # nothing was unsaved: nothing to keep

        # With unsaved text, a note deleted by another program is still kept as a copy.
        await pilot.press("enter", "end", *" 추가")
        (folder / "b.md").unlink()
        app.main_screen.files_changed({folder / "b.md"})
        await pilot.pause()
        copies = kept_copies()
        assert len(copies) == 1 and "추가" in copies[0].read_text("utf-8")


async def test_a_renamed_folder_is_a_folder_node_that_keeps_its_place(tmp_path: Path) -> None:
    folder = notes(tmp_path / "notes")
    app = build_app(folder, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, folder)
        old = folder / "기술 면접" / "운영체제 심화"
        new = folder / "기술 면접" / "운영체제 고급"
        tree = question_tree(app)
        tree._folder_nodes[folder / "기술 면접"].expand()
        await pilot.pause()
        tree._folder_nodes[old].expand()
        await pilot.pause()
        await go_to(pilot, old / "프로세스.md", "운영체제", "데드락이란?", select=False)
        before = rows(app)
        assert "▾ 운영체제 심화/" in before

        old.rename(new)
        deadlock = new / "프로세스.md"
        await wait_until(pilot, lambda: deadlock in tree._file_nodes, "the renamed folder")
        await pilot.pause()
        assert rows(app) == [row.replace("운영체제 심화", "운영체제 고급") for row in before]
        assert not any("unreadable" in row for row in rows(app))
        ref = section_ref(app, deadlock, "운영체제", "데드락이란?")
        assert tree.cursor_node is not None and tree.cursor_node.data == ref
        assert app.main_screen.current_ref() == ref
        assert "운영체제 고급" in editor_title(app) and "데드락이란?" in editor_title(app)

        # A folder made by a shell, with a note in it: a folder node in its place, no ⚠ row.
        write_note(folder, "새 폴더/하위 폴더/메모.md", "## 메모란?\n적어 둔 것.\n")
        made = folder / "새 폴더"
        await wait_until(pilot, lambda: made in tree._folder_nodes, "the new folder")
        await pilot.pause()
        shown = rows(app)
        assert not any("unreadable" in row for row in shown), shown
        assert all(path.is_file() for path in tree._file_nodes), tree._file_nodes
        assert isinstance(tree._folder_nodes[made].data, FolderRef)
        renamed = [row.replace("운영체제 심화", "운영체제 고급") for row in before]
        assert shown == [*renamed[:7], "▸ 새 폴더/", *renamed[7:]], shown  # folders first
        assert tree.cursor_node is not None and tree.cursor_node.data == ref


async def test_a_renamed_note_keeps_its_rehearsal_marks(tmp_path: Path) -> None:
    folder = notes(tmp_path / "notes")
    record = {
        "file": "a.md", "heading_path": ["인성", "자기소개"], "mode": "teleprompter",
        "target_s": 60.0, "spoken_s": 30.0, "finished": True, "at": time.time() - 3600,
    }  # fmt: skip
    write_note(folder, ".rehearse/history.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    app = build_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, folder / "a.md", "인성", "자기소개", select=False)

        def intro_row() -> str:
            return next((row for row in rows(app) if "자기소개" in row), "")

        await wait_until(pilot, lambda: "✓" in intro_row(), "the mark")
        (folder / "a.md").rename(folder / "b.md")
        app.main_screen.files_changed({folder / "a.md", folder / "b.md"})
        await wait_until(pilot, lambda: editor_title(app).startswith("b.md"), "the new name")
        await wait_until(pilot, lambda: "✓" in intro_row(), "the mark under the new name")
