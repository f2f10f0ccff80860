"""The two ways to name a question, and the one breadcrumb that shows either.

A `SectionRef` points into a snapshot (a file and a section number): what the tree,
search and the editor pass around. A `QuestionId` (the file relative to the notes
and the heading path) names a question across edits: what the rehearsal log keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class SectionRef:
    path: Path
    section: int = 0  # 0: the file itself


class QuestionId(NamedTuple):
    file: str  # relative to the notes folder
    heading_path: tuple[str, ...]


def breadcrumb(*parts: str) -> str:
    """`기술.md › 기술 › 카프카란?`: where a question is, the way every view shows it."""
    return SEPARATOR.join(parts)


def question_breadcrumb(question: tuple[str, tuple[str, ...]], with_file: bool = True) -> str:
    file, heading_path = question
    return breadcrumb(file, *heading_path) if with_file else breadcrumb(*heading_path)
