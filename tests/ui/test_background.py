"""A thread worker lets go of its job (and a note's snapshot the job holds) when done."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from textual.app import App

from rehearse.ui.background import run_in_thread
from tests.ui.test_live_reload import wait_until


class Snapshot:
    """Stands for a note's snapshot: 35 MB of text for a 20 MB note."""

    text = "질문과 답변 " * 1000


def reading(snapshot: Snapshot, seen: list[int]) -> Callable[[], None]:
    return lambda: seen.append(len(snapshot.text))


async def test_a_finished_job_is_let_go_though_textual_keeps_its_worker() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        gc.disable()  # the collector would hide a finished worker kept until its next pass
        try:
            snapshot = Snapshot()
            held = weakref.ref(snapshot)
            seen: list[int] = []
            worker = run_in_thread(app, reading(snapshot, seen), group="t", description="test")
            del snapshot
            await wait_until(pilot, lambda: worker.is_finished, "the job")
            assert seen == [len(Snapshot.text)], (worker.state, worker.error)
            assert held() is None, "the finished job still holds the snapshot"
        finally:
            gc.enable()
