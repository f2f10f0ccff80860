"""Fixtures for the Pilot tests: a small Korean + English notes folder and an app factory."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from rehearse.core.config import Config
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.refs import SectionRef
from rehearse.core.speech import SpeakingRates, format_duration
from rehearse.ui.app import RehearseApp
from rehearse.ui.question_tree import QuestionNode, QuestionTree
from tests.conftest import write_note

SIZE = (120, 36)

# LF endings; front matter, an Obsidian comment, a table, nested and empty questions.
PERSONALITY = (
    "---\n"
    "company: 예시전자\n"
    "tags: [면접, 인성]\n"
    "---\n"
    "# 인성\n"
    "\n"
    "## 자기소개\n"
    "안녕하세요, 백엔드 개발자 김하늘입니다.\n"
    "%% 60초 안에 끝낼 것 %%\n"
    "\n"
    "### 1분 자기소개\n"
    "저는 삼 년 동안 결제 시스템을 만들었습니다.\n"
    "\n"
    "## 지원 동기\n"
    "| 이유 | 설명 |\n"
    "| --- | --- |\n"
    "| 성장 | 대규모 트래픽을 다뤄 보고 싶습니다 |\n"
    "\n"
    "## 준비 중인 질문\n"
    "%% 회사 조사 후 채우기 %%\n"
    "\n"
    "## 마지막 한마디\n"
)

# CRLF endings throughout: the bytes around an edited section must survive a save.
TECH_LINES = [
    "---",
    "company: 예시전자",
    "---",
    "# 기술",
    "",
    "## Kafka란 무엇인가요?",
    "분산 로그 기반의 메시지 브로커입니다.",
    "%% 파티션 이야기로 넘어갈 것 %%",
    "",
    "### 파티션",
    "토픽을 나누어 병렬로 처리합니다.",
    "",
    "## 트랜잭션 격리 수준",
    "| 수준 | 현상 |",
    "| --- | --- |",
    "| READ COMMITTED | 반복 불가능한 읽기 |",
    "",
]
TECH = "\r\n".join(TECH_LINES)

BEHAVIORAL = (
    "# Behavioral\n"
    "\n"
    "## Tell me about a conflict\n"
    "I listened first, then proposed a small experiment.\n"
    "\n"
    "## Greatest weakness\n"
    "I over-prepare; now I timebox it.\n"
)


@dataclass(frozen=True)
class Notice:
    message: str
    title: str
    severity: str


class QuietRehearseApp(RehearseApp):
    """The real app with the editor's cursor blink turned off, so frames are deterministic."""

    _BASE_PATH = inspect.getfile(RehearseApp)  # resolve CSS_PATH beside rehearse/ui/app.py

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[Notice] = []
        self.cursor_blink = False

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Record every notification (toasts expire on a timer; this list does not)."""
        self.notices.append(Notice(message, title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


AppFactory = Callable[..., QuietRehearseApp]


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    write_note(folder, "인성.md", PERSONALITY)
    write_note(folder, "기술.md", TECH.encode("utf-8"))
    write_note(folder, "behavioral.md", BEHAVIORAL)
    return folder


@pytest.fixture
def themes_dir(isolated_config: Path) -> Path:
    """The user's own themes folder (beside the isolated config file)."""
    folder = isolated_config.parent / "themes"
    folder.mkdir(exist_ok=True)
    return folder


def build_app(
    path: Path,
    *,
    theme_name: str | None = None,
    config: Config | None = None,
    watch: bool = False,
) -> QuietRehearseApp:
    """The app without autosave or the folder watcher unless a test asks: runs are deterministic."""
    return QuietRehearseApp(
        open_notebook(path),
        config=config or Config(autosave=None),
        theme_name=theme_name,
        watch=watch,
    )


@pytest.fixture
def make_app(notes_dir: Path) -> AppFactory:
    """`make_app()` opens the fixture folder; `make_app(path, theme_name=...)` anything else."""

    def factory(
        path: Path | None = None,
        *,
        theme_name: str | None = None,
        config: Config | None = None,
        watch: bool = False,
    ) -> QuietRehearseApp:
        return build_app(path or notes_dir, theme_name=theme_name, config=config, watch=watch)

    return factory


# -- reading the screen -------------------------------------------------------------------------


def question_tree(app: RehearseApp) -> QuestionTree:
    return app.main_screen.tree


def text_area(app: RehearseApp) -> TextArea:
    return app.query_one("#editor-text", TextArea)


def label_text(app: RehearseApp, selector: str) -> str:
    return str(app.query_one(selector, Label).render())


def status_classes(app: RehearseApp) -> set[str]:
    return {name for name in app.query_one("#editor-status", Label).classes if name.startswith("-")}


def spoken_time(app: RehearseApp, path: Path, *titles: str) -> str:
    """How long the question's answer takes to say, as the tree shows it (`0:04`)."""
    note = app.session.note(path)
    assert note is not None
    section = note.find_by_heading_path(titles)
    assert section is not None
    return format_duration(note.spoken_length(section).seconds(SpeakingRates()))


def label_of(tree: QuestionTree, node: QuestionNode) -> str:
    return tree.render_label(node, Style(), Style()).plain


def all_nodes(tree: QuestionTree) -> list[QuestionNode]:
    """Every node that exists in the tree (populated or not), the hidden root excluded."""
    found: list[QuestionNode] = []
    stack = [tree.root] if tree.show_root else list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node.children))
    return found


def node_for(tree: QuestionTree, ref: SectionRef) -> QuestionNode | None:
    return next((node for node in all_nodes(tree) if node.data == ref), None)


def section_ref(app: RehearseApp, path: Path, *titles: str) -> SectionRef:
    """The tree reference of the question reached by the heading path `titles` in `path`."""
    note = app.session.notebook.get(path)
    assert isinstance(note, NoteFile), f"{path} is not readable"
    if not titles:
        return SectionRef(path)
    section = note.find_by_heading_path(titles)
    assert section is not None, f"no heading path {titles} in {path.name}"
    return SectionRef(path, section.index)


# -- driving the app like a user ---------------------------------------------------------------


async def main_screen_ready(pilot: Pilot[None]) -> None:
    """Until the main screen has composed its tree (a snapshot's run_before starts earlier)."""
    app = pilot.app
    assert isinstance(app, RehearseApp)
    for _ in range(1000):
        trees = app.screen_stack[0].query(QuestionTree) if app.screen_stack else None
        if trees:
            return
        await pilot.pause(0.01)
    raise AssertionError("the main screen never showed its tree")


async def go_to(pilot: Pilot[None], path: Path, *titles: str, select: bool = True) -> None:
    """Reach a file (no titles) or a question with ↑/↓ and space in the tree, then Enter.

    Every step waits for the tree cursor to land where the key was meant to take it.
    """
    app = pilot.app
    assert isinstance(app, RehearseApp)
    await main_screen_ready(pilot)
    tree = question_tree(app)
    if not tree.has_focus:
        await pilot.press("f2")
    chain = [SectionRef(path)]
    if titles:  # only a readable file has questions
        note = app.session.notebook.get(path)
        assert isinstance(note, NoteFile)
        section = note.sections[section_ref(app, path, *titles).section]
        chain += [SectionRef(path, s.index) for s in [*note.ancestors(section), section]]
    for position, ref in enumerate(chain):
        for _ in range(1000):
            cursor = tree.cursor_node
            if cursor is not None and cursor.data == ref:
                break
            node = node_for(tree, ref)
            assert node is not None and node.line != -1, f"{ref} is not shown in the tree"
            await pilot.press("down" if tree.cursor_line < node.line else "up")
        else:
            raise AssertionError(f"the tree cursor never reached {ref}")
        cursor = tree.cursor_node
        assert cursor is not None
        if position < len(chain) - 1 and not cursor.is_expanded:
            await pilot.press("space")
    if select:
        await pilot.press("enter")
    await pilot.pause()


async def to_end(pilot: Pilot[None]) -> None:
    """Put the editor cursor at the end of its text with ↓ and End (TextArea has no ctrl+end)."""
    app = pilot.app
    assert isinstance(app, RehearseApp)
    await pilot.press(*["down"] * text_area(app).document.line_count, "end")
