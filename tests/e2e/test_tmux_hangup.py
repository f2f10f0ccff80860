"""End to end, on the installed binary: a terminal that goes away ends rehearse, and the
text typed but not saved is in the recovery journal for the next start.

tmux kill-server hangs the pane's terminal up (SIGHUP) and then sends SIGCONT, on which
Textual takes the terminal back: rehearse used to stay running forever, its shutdown
waiting on a writer thread that had died on the closed terminal.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from rehearse.core.recovery import RecoveryJournal
from tests.e2e.test_tmux import (
    ADDED,
    PERSONAL,
    PERSONAL_TEXT,
    POLL,
    SESSION,
    TECH,
    TECH_TEXT,
    TIMEOUT,
    Terminal,
    type_unsaved_after_the_intro,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / TECH).write_text(TECH_TEXT, encoding="utf-8")
    (folder / PERSONAL).write_text(PERSONAL_TEXT, encoding="utf-8")
    return folder


def rehearse_pid(terminal: Terminal) -> int:
    """The rehearse process in the pane (the pane's shell runs it, then records its exit)."""
    shell = int(terminal.tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}"))
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, f"the pane's shell runs {children}"
    return int(children[0])


def wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while Path(f"/proc/{pid}").exists():
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        if state == "Z":  # ended; its parent (the pane's shell) is gone with the terminal
            return
        assert time.monotonic() < deadline, f"rehearse ({pid}) still runs with no terminal"
        time.sleep(POLL)


def test_a_closed_terminal_ends_rehearse_and_keeps_the_unsaved_text(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    personal = notes / PERSONAL
    before = personal.read_bytes()
    type_unsaved_after_the_intro(terminal, notes, empty_config)
    pid = rehearse_pid(terminal)

    # Stopped while its terminal closes, it gets the hangup and then SIGCONT, in that
    # order, whatever the machine's timing: what tmux kill-server does to a busy app.
    os.kill(pid, signal.SIGSTOP)
    terminal.kill()
    os.kill(pid, signal.SIGCONT)

    wait_until_gone(pid)
    assert personal.read_bytes() == before  # nothing written without the user
    journal = RecoveryJournal(terminal.workdir / "xdg" / "rehearse" / "recovery")
    assert [entry.text.count(ADDED) for entry in journal.entries()] == [1]
