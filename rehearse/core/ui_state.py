"""What the app remembers between runs (the tree's width): a small JSON file in the data folder.

Read with a size limit and only from a regular file; a missing, foreign or torn
file is the same as none. Written atomically; a data folder that cannot be
written costs the memory, never the app.
"""

from __future__ import annotations

import contextlib
import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rehearse.core.config import data_dir, parse_width
from rehearse.core.fileio import atomic_write

STATE_NAME = "state.json"
MAX_BYTES = 64 * 1024
DEFAULT_TREE_WIDTH = "42%"


@dataclass(frozen=True)
class UiState:
    tree_width: int | None = None  # columns, as last set with the keys
    tree_width_config: str | None = None  # the config's tree_width when that happened


def state_path() -> Path:
    return data_dir() / STATE_NAME


def load_state(path: Path | None = None) -> UiState:
    path = path or state_path()
    try:
        if not stat.S_ISREG(path.stat().st_mode) or path.stat().st_size > MAX_BYTES:
            return UiState()
        data: Any = json.loads(path.read_bytes()[:MAX_BYTES])
        width = data.get("tree_width")
        configured = data.get("tree_width_config")
        whole = isinstance(width, int) and not isinstance(width, bool)
        if not whole or parse_width(str(width)) is None:
            width = None
        return UiState(width, configured if isinstance(configured, str) else None)
    except (OSError, ValueError, AttributeError, RecursionError):
        return UiState()


def save_state(state: UiState, path: Path | None = None) -> bool:
    """Keep `state`; False when the data folder cannot be written."""
    path = path or state_path()
    payload = {"tree_width": state.tree_width, "tree_width_config": state.tree_width_config}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(payload).encode("utf-8"), mode=0o600)
        return True
    return False


def starting_tree_width(configured: str | None, state: UiState) -> str:
    """The width to start with: the one last set with the keys, unless the config's
    tree_width was changed since (then the config's); else the config's, else 42%."""
    if state.tree_width is not None and state.tree_width_config == configured:
        return str(state.tree_width)
    return configured or DEFAULT_TREE_WIDTH


def resized(columns: int, step: int, screen_width: int) -> int:
    """The tree's width after `step` columns more (or fewer), kept within 16 columns and
    all but 20 of the screen."""
    return max(16, min(columns + step, max(16, screen_width - 20)))
