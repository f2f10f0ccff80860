"""A changed note in the tree: an answer saved keeps the note's nodes (only their rows are
drawn again, lengths and marks included); a changed outline rebuilds them."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.refs import SectionRef
from tests.ui.conftest import (
    PERSONALITY,
    SIZE,
    AppFactory,
    go_to,
    label_of,
    node_for,
    question_tree,
    section_ref,
    spoken_time,
)

INTRO_PATH = ("인성", "자기소개")
INTRO_BODY = "안녕하세요, 백엔드 개발자 김하늘입니다."
COLLABORATION = "## 협업 경험\n갈등을 풀었습니다.\n\n"
LONGER = INTRO_BODY + " 결제 시스템과 정산 배치를 삼 년 동안 운영하며 장애 대응을 맡았습니다." * 4


async def test_an_answer_changed_on_disk_keeps_the_nodes_and_redraws_the_row(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH, select=False)
        tree = question_tree(app)
        ref = section_ref(app, path, *INTRO_PATH)
        node = node_for(tree, ref)
        assert node is not None
        before = label_of(tree, node)

        path.write_text(PERSONALITY.replace(INTRO_BODY, LONGER), encoding="utf-8")
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert node_for(tree, ref) is node, "same outline: the same node"
        after = label_of(tree, node)
        assert f"자기소개  {spoken_time(app, path, *INTRO_PATH)}" in after, after
        assert after != before
        rendered = "".join(segment.text for segment in tree.render_line(node.line - tree.scroll_y))
        assert spoken_time(app, path, *INTRO_PATH) in rendered, rendered


async def test_a_heading_added_on_disk_rebuilds_the_notes_nodes(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, *INTRO_PATH, select=False)
        tree = question_tree(app)
        old = node_for(tree, section_ref(app, path, *INTRO_PATH))
        assert old is not None and isinstance(old.data, SectionRef)
        index = old.data.section

        added = PERSONALITY.replace("## 자기소개\n", f"{COLLABORATION}## 자기소개\n")
        path.write_text(added, encoding="utf-8")
        app.main_screen.files_changed({path})
        await pilot.pause()

        assert node_for(tree, section_ref(app, path, "인성", "협업 경험")) is not None
        moved = node_for(tree, section_ref(app, path, *INTRO_PATH))
        assert moved is not None and moved is not old
        assert moved.data == SectionRef(path, index + 1)
