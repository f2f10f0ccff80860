"""Fixtures shared by the end-to-end tests: a private tmux server and an empty config."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import BINARY, TMUX, Terminal


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    assert BINARY.is_file(), f"rehearse is not installed in this environment: {BINARY}"
    assert Path(TMUX).is_file(), "tmux is required for the end-to-end tests (make test installs it)"
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.kill()


@pytest.fixture
def empty_config(tmp_path: Path) -> Path:
    """A config path with nothing there, so the user's own config is never read."""
    folder = tmp_path / "config"
    folder.mkdir()
    return folder / "config.yaml"
