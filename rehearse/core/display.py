"""Paths as messages show them: short (`~` for the home folder), and broken into lines only
where a path may break, never inside a name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

_BREAKS = re.compile(r"(?<=[/.\-_ ])")  # after a separator, a dot, a dash, an underscore


def cells(text: str) -> int:
    """Terminal columns: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def tilde(path: Path, home: Path | None = None) -> str:
    """`~/notes/기술.md` for a path below the home folder; the path itself otherwise."""
    home = home if home is not None else Path.home()
    try:
        rest = path.relative_to(home)
    except ValueError:
        return str(path)
    return "~" if rest == Path() else f"~/{rest.as_posix()}"


def wrapped_path(path: Path, width: int, home: Path | None = None) -> str:
    """The path (with `~`) in lines of at most `width` columns, broken after a `/`; a name
    longer than a line is broken after a dot, a dash or an underscore, never inside a word."""
    parts = [part for part in re.split(r"(?<=/)", tilde(path, home)) if part]
    return "\n".join(_pack(parts, width, lambda part: _pack(_BREAKS.split(part), width)))


def _pack(
    pieces: list[str], width: int, too_long: Callable[[str], list[str]] | None = None
) -> list[str]:
    """Pieces joined into lines of at most `width` columns, in order; a piece wider than a
    line goes through `too_long` (else stands alone)."""
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if not piece:
            continue
        if cells(line + piece) <= width:
            line += piece
            continue
        if line:
            lines.append(line)
        line = ""
        if cells(piece) > width and too_long is not None:
            *whole, line = too_long(piece) or [""]
            lines.extend(whole)
        else:
            line = piece
    if line:
        lines.append(line)
    return lines


def counted(count: int, noun: str) -> str:
    """`1 finding`, `2 findings` (English nouns with a plain plural)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
