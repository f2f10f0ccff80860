"""Paths in toasts: on lines of their own, broken only after a `/` (core.display)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from rehearse.core.display import wrapped_path

TOAST_WIDTH = 60  # Textual's Toast: width 60, max-width 50%, padding 1 and a border
TOAST_FRAME = 4


def toast_path(app: App[object], path: Path) -> str:
    width = min(TOAST_WIDTH, app.size.width // 2) - TOAST_FRAME
    return wrapped_path(path, max(16, width))
