"""Thread workers that let go of their job once it is done.

Textual keeps a finished worker in memory until the collector's next full pass (it
is in a reference cycle), and the last job each pool thread ran until that thread
runs another; and with the worker, everything its job holds. A job holding a note's
snapshot (35 MB of text for a 20 MB note) kept it that long after the save. Here the
job is handed over in a box the thread empties, so it goes when it returns.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker


def run_in_thread(
    node: DOMNode,
    job: Callable[[], object],
    *,
    group: str,
    description: str,
    exclusive: bool = False,
    exit_on_error: bool = False,
) -> Worker[None]:
    box = [job]

    def run() -> None:
        box.pop()()

    return node.run_worker(
        run,
        thread=True,
        group=group,
        description=description,  # else Textual describes the worker by repr() of its job
        exclusive=exclusive,
        exit_on_error=exit_on_error,
    )
