"""A `kill` or a closed terminal ends rehearse, even when the app cannot end itself."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from types import FrameType

import pytest

from rehearse.ui import termination
from rehearse.ui.app import RehearseApp
from tests.ui.conftest import SIZE, AppFactory, go_to, text_area
from tests.ui.test_live_reload import wait_until


async def test_a_kill_ends_the_process_even_when_the_app_is_stuck(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    done = threading.Event()
    monkeypatch.setattr(termination, "TEARDOWN_LIMIT", 0.05)
    monkeypatch.setattr(termination, "end_now", lambda code: (ended.append(code), done.set()))
    monkeypatch.setattr(RehearseApp, "_terminated", lambda self, signum: None)  # stuck
    before = signal.getsignal(signal.SIGTERM)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: signal.getsignal(signal.SIGTERM) is not before, "armed")
        os.kill(os.getpid(), signal.SIGTERM)
        await wait_until(pilot, done.is_set, "the process ended")
        assert ended == [128 + signal.SIGTERM]
    assert signal.getsignal(signal.SIGTERM) is before  # put back once the app is gone


async def test_a_kill_records_the_unsaved_korean_text_and_exits(
    make_app: AppFactory, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(termination, "end_now", lambda code: None)  # the test goes on
    path = notes_dir / "인성.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press(*"끝맺음")
        assert "끝맺음" in text_area(app).text
        os.kill(os.getpid(), signal.SIGHUP)
        await wait_until(pilot, lambda: app.return_code is not None, "the exit")
    assert app.return_code == 128 + signal.SIGHUP
    assert [entry.text.count("끝맺음") for entry in app.session.journal.entries()] == [1]
    assert "끝맺음" not in path.read_text("utf-8")  # journaled, not written


@pytest.mark.parametrize("open_terminal", [True, False])
async def test_sigcont_takes_the_terminal_back_only_while_it_is_open(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, open_terminal: bool
) -> None:
    resumed: list[int] = []

    def textual_resume(signum: int, frame: FrameType | None) -> None:
        resumed.append(signum)

    previous = signal.signal(signal.SIGCONT, textual_resume)  # as Textual's driver has it
    try:
        monkeypatch.setattr(termination, "terminal_open", lambda: open_terminal)
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            handler = signal.getsignal(signal.SIGCONT)
            await wait_until(
                pilot, lambda: signal.getsignal(signal.SIGCONT) is not textual_resume, "armed"
            )
            handler = signal.getsignal(signal.SIGCONT)
            assert callable(handler)
            handler(signal.SIGCONT, None)
            assert resumed == ([signal.SIGCONT] if open_terminal else [])
    finally:
        signal.signal(signal.SIGCONT, previous)


async def test_a_defect_that_ends_the_app_leaves_the_typed_text_in_the_journal(
    make_app: AppFactory, notes_dir: Path
) -> None:
    path = notes_dir / "인성.md"
    app = make_app()
    with pytest.raises(ZeroDivisionError):  # run_test raises what ended the app
        async with app.run_test(size=SIZE) as pilot:
            await go_to(pilot, path, "인성", "자기소개")
            await pilot.press(*"마지막 말")
            app.call_later(lambda: 1 / 0)  # a defect in a handler: Textual ends the app
            await wait_until(pilot, lambda: app.return_code is not None, "the app ended")
    assert [entry.text.count("마지막 말") for entry in app.session.journal.entries()] == [1]
