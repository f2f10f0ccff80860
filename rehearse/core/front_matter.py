"""A note's YAML front matter as a mapping: read once per note snapshot, with limits."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from rehearse.core.notes import NoteFile
from rehearse.core.yamlfile import safe_mapping

MAX_FRONT_MATTER = 64 * 1024  # characters; a bigger block is not front matter anyone wrote

_cache: WeakKeyDictionary[NoteFile, dict[str, Any]] = WeakKeyDictionary()


def front_matter(note: NoteFile) -> dict[str, Any]:
    """The front matter's keys and values; empty when there is none or it is not valid."""
    found = _cache.get(note)
    if found is None:
        found = {}
        end = note.front_matter_end
        if end and end <= MAX_FRONT_MATTER:
            lines = note.text[:end].splitlines()[1:-1]  # without the `---` lines
            found = safe_mapping("\n".join(lines)) or {}
        _cache[note] = found
    return found
