"""What search knows and what it answers: questions, match kinds, readings, hits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from rehearse.core.refs import SectionRef

QuestionKey = SectionRef  # the question a hit points at: one section of one snapshot


class SearchDoc:
    """What the index knows of one question.

    `answer` is the readable answer text, or a function that reads it from the
    note when asked for: the index keeps its own lowered copy for matching, and
    a second copy of every answer would be the largest thing in memory.
    """

    __slots__ = ("_answer", "context", "file", "key", "line", "title")

    def __init__(
        self,
        key: QuestionKey,
        title: str,
        file: str,  # relative to the notebook root
        context: tuple[str, ...],  # the titles of its ancestors
        line: int,
        answer: str | Callable[[], str] = "",
    ) -> None:
        self.key = key
        self.title = title
        self.file = file
        self.context = context
        self.line = line
        self._answer = answer

    @property
    def answer(self) -> str:
        answer = self._answer
        return answer if isinstance(answer, str) else answer()

    @property
    def answer_reader(self) -> str | Callable[[], str]:
        """The answer, or what reads it when asked (snippets.same_answer compares them)."""
        return self._answer

    def renamed(self, title: str) -> SearchDoc:
        return SearchDoc(self.key, title, self.file, self.context, self.line, self._answer)

    def _fields(self) -> tuple[object, ...]:
        return (self.key, self.title, self.file, self.context, self.line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchDoc):
            return NotImplemented
        return self._fields() == other._fields() and self.answer == other.answer

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"SearchDoc(key={self.key!r}, title={self.title!r}, file={self.file!r})"


class Tier(IntEnum):
    """How a title matched, best first."""

    EXACT = 0
    PREFIX = 1  # from the first word (leading brackets and emoji skipped)
    SUBSEQUENCE = 2  # an acronym from the first word: every letter starts a word (`oop`)
    SUBSTRING = 3  # at a word start (or an acronym from a later word)
    INSIDE = 4  # inside a word
    ALL_WORDS = 5  # every word somewhere, in any order
    INITIALS = 6  # 초성
    SLIPPED = 7  # 초성 with one consonant wrong
    TYPO = 8  # one jamo wrong (two in long queries)
    ANSWER = 9  # in the answer text, not the title


class Via(IntEnum):
    """Which reading of the query found a hit."""

    TYPED = 0  # the query as typed
    SYNONYM = 1  # another name of a term in the query (the glossary)
    LAYOUT = 2  # the query as typed on the other keyboard layout (한/영)
    LAYOUT_SYNONYM = 3  # another name of a term in that reading

    @property
    def other_layout(self) -> bool:
        return self >= Via.LAYOUT

    @property
    def synonym(self) -> bool:
        return self in (Via.SYNONYM, Via.LAYOUT_SYNONYM)


_TITLE_TIERS = len(Tier) - 1


def rank_class(tier: Tier, via: Via) -> int:
    """The order of kinds of hit: every title hit of the typed reading, then those of the
    other layout's; within each, a glossary hit right below the direct hit of its tier;
    answers last."""
    if tier == Tier.ANSWER:
        return 4 * _TITLE_TIERS + 2 * int(via.other_layout) + int(via.synonym)
    return 2 * _TITLE_TIERS * int(via.other_layout) + 2 * tier + int(via.synonym)


@dataclass(frozen=True, slots=True)
class Hit:
    doc: SearchDoc
    tier: Tier
    spans: tuple[tuple[int, int], ...]  # [start, end) in doc.title, or in snippet for answers
    position: int
    snippet: str = ""  # for answer hits: the answer text around the match
    via: Via = Via.TYPED
    searched_as: str = ""  # the reading that matched, when it is not the query as typed

    @property
    def in_answer(self) -> bool:
        return self.tier == Tier.ANSWER

    @property
    def score(self) -> float:
        """Higher is better, in the order hits are ranked; for display and scripting."""
        return round(100.0 - 2.5 * rank_class(self.tier, self.via) - min(self.position, 24) / 10, 1)
