"""Snapshot tests of the main screen with a question open, in two shipped themes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import SIZE, QuietRehearseApp, build_app, go_to, label_text

# Committed fixture notes: the screen must not depend on temporary folders.
NOTES = Path(__file__).resolve().parent / "fixtures" / "notes"

SnapCompare = Callable[..., bool]


def snapshot_app(theme: str) -> QuietRehearseApp:
    app = build_app(NOTES, theme_name=theme)
    # The header shows the notes folder; show it relative to the repository so the
    # picture is the same wherever the repository is checked out.
    assert app.sub_title == str(NOTES)
    app.sub_title = "tests/ui/fixtures/notes"
    return app


async def open_question(pilot: Pilot[None]) -> None:
    await go_to(pilot, NOTES / "인성.md", "인성", "자기소개")
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    assert label_text(app, "#editor-title") == "인성.md › 인성 › 자기소개"
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["rehearse-dark", "rehearse-high-contrast"])
def test_main_screen_with_a_question_open(snap_compare: SnapCompare, theme: str) -> None:
    app = snapshot_app(theme)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_question)
    assert app.theme == theme
