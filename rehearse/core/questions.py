"""What is a question, and what counts as something to say aloud: one rule for every view.

Every section of a note has one kind, and the tree, `list --json`, `check`,
the teleprompter, the mock interview, progress and export all read it here:

- answer: text of its own to say aloud;
- code-only: text of its own, but nothing to say (only code);
- links-only: only a list of links, such as a table of contents: not an answer;
- same-as-below: only a `%% same as below %%` comment: another wording of the
  question below it (its next sibling), whose answer it shares;
- category: nothing of its own, and questions below it;
- empty: nothing of its own and no questions below it: waiting for its answer;
- ignored: boilerplate such as 참고 자료 or Reference (the `ignore:` patterns),
  everything under it, and the preamble before the first heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TypeVar, overload
from weakref import WeakKeyDictionary, ref

from rehearse.core.notes import NoteFile, Outline, Section

DEFAULT_IGNORE: tuple[str, ...] = (
    "참고 자료",
    "참고",
    "출처",
    "추가 자료",
    "Reference",
    "References",
    "Links",
    "목차",
    "Table of Contents",
    "TOC",
    "Code",
)
SAME_AS_BELOW_MARKER = "same as below"


class Kind(Enum):
    ANSWER = "answer"
    CODE_ONLY = "code-only"
    LINKS_ONLY = "links-only"
    SAME_AS_BELOW = "same-as-below"
    CATEGORY = "category"
    EMPTY = "empty"
    IGNORED = "ignored"


# Headings that stand for a question of their own (asked, answered or still waiting).
QUESTION_KINDS = frozenset(
    {Kind.ANSWER, Kind.CODE_ONLY, Kind.LINKS_ONLY, Kind.SAME_AS_BELOW, Kind.EMPTY}
)


@dataclass(frozen=True, slots=True)
class QuestionRules:
    """The user's choices about what is not a question: heading patterns (`*` and `?` wild)."""

    ignore: tuple[str, ...] = DEFAULT_IGNORE


DEFAULT_RULES = QuestionRules()


T = TypeVar("T")


class PerSection(Sequence[T]):
    """A read-only sequence whose items are worked out when first read."""

    def __init__(self, size: int, item: Callable[[int], T]) -> None:
        self._size = size
        self._item = item

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        return self._item(index)


class NoteShape:
    """Each section's kind, and which section's answer is said for it (None: nothing).

    Worked out one section at a time, when asked: a section's kind needs its own text
    and, for a heading over questions, whether any sub-heading is boilerplate — the
    text of no other section. So the first screen of a 10k-question note reads the
    few sections it shows, and counting questions reads only the headings that have
    sub-questions (a question unless it has no answer of its own)."""

    def __init__(self, note: NoteFile, rules: QuestionRules) -> None:
        # Weakly: the cache below maps the note to its shape, and a strong reference back
        # would keep every snapshot of a note (20 MB each for a big one) alive for good.
        self._of = ref(note)
        self._ignored = _ignored_sections(note, rules)
        self._own: dict[int, Kind | None] = {}
        self._answer_of: dict[int, int | None] = {}
        size = len(note.sections)
        self.kinds: Sequence[Kind] = PerSection(size, self.kind)
        self.answer_of: Sequence[int | None] = PerSection(size, self.answer)

    @property
    def _note(self) -> NoteFile:
        note = self._of()
        if note is None:
            raise ReferenceError("the note snapshot of this shape is gone")
        return note

    def _own_kind(self, index: int) -> Kind | None:
        if index not in self._own:
            self._own[index] = _own_kind(self._note, self._note.sections[index])
        return self._own[index]

    def _has_questions(self, index: int) -> bool:
        ignored = self._ignored
        return any(not ignored[child] for child in self._note.sections[index].children)

    def is_ignored(self, index: int) -> bool:
        return self._ignored[index]

    def kind(self, index: int) -> Kind:
        if self._ignored[index]:
            return Kind.IGNORED
        own = self._own_kind(index)
        if own in (None, Kind.LINKS_ONLY) and self._has_questions(index):
            return Kind.CATEGORY  # a heading over questions, perhaps with their contents list
        return own or Kind.EMPTY

    def is_question(self, index: int) -> bool:
        """`kind(index) in QUESTION_KINDS`, reading the section's text only if it has
        sub-questions."""
        if self._ignored[index]:
            return False
        return not self._has_questions(index) or self._own_kind(index) not in (
            None,
            Kind.LINKS_ONLY,
        )

    def answer(self, index: int) -> int | None:
        if index not in self._answer_of:
            kind = self.kind(index)
            found: int | None = index if kind is Kind.ANSWER else None
            if kind is Kind.SAME_AS_BELOW:
                found = self._shared_answer(self._note.sections[index])
            self._answer_of[index] = found
        return self._answer_of[index]

    def _shared_answer(self, section: Section) -> int | None:
        below = next_sibling(self._note, section)
        while below is not None and self.kind(below.index) is Kind.SAME_AS_BELOW:
            below = next_sibling(self._note, below)
        if below is not None and self.kind(below.index) is Kind.ANSWER:
            return below.index
        return None


_shapes: WeakKeyDictionary[NoteFile, tuple[QuestionRules, NoteShape]] = WeakKeyDictionary()


def note_shape(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> NoteShape:
    """The kinds of `note`'s sections (cached per note snapshot and rules)."""
    cached = _shapes.get(note)
    if cached is not None and cached[0] == rules:
        return cached[1]
    shape = NoteShape(note, rules)
    _shapes[note] = (rules, shape)
    return shape


def section_kind(note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES) -> Kind:
    return note_shape(note, rules).kinds[section.index]


def answer_section(
    note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES
) -> Section | None:
    """The section whose answer is said for `section`: itself, the question below it for
    a same-as-below heading, or None when there is nothing to say aloud."""
    index = note_shape(note, rules).answer_of[section.index]
    return None if index is None else note.sections[index]


_NOTHING_TO_SAY = {
    Kind.CODE_ONLY: "nothing to say aloud here (code only)",
    Kind.LINKS_ONLY: "nothing to say aloud here (only links)",
    Kind.SAME_AS_BELOW: "same as below, but the question below has no answer yet",
    Kind.CATEGORY: "nothing to say aloud here (a category: its questions are below it)",
    Kind.EMPTY: "no answer yet",
    Kind.IGNORED: "not a question (an ignored heading, see `ignore:` in the config)",
}


def nothing_to_say(
    note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES
) -> str | None:
    """Why the teleprompter has nothing to read for `section`; None when it has."""
    if answer_section(note, section, rules) is not None:
        return None
    return _NOTHING_TO_SAY[section_kind(note, section, rules)]


def iter_questions(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> Iterator[Section]:
    """The headings that are questions (not categories, not ignored), in note order."""
    shape = note_shape(note, rules)
    return (section for section in note.questions if shape.is_question(section.index))


def questions_of(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> list[Section]:
    return list(iter_questions(note, rules))


def question_count(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> int:
    shape = note_shape(note, rules)
    return sum(1 for section in note.questions if shape.is_question(section.index))


def question_children(
    note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES
) -> list[Section]:
    """The sub-headings of `section` that are not ignored."""
    shape = note_shape(note, rules)
    return [note.sections[i] for i in section.children if not shape.is_ignored(i)]


def top_questions(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> list[Section]:
    """The top-level headings that are not ignored: what a note shows under its name."""
    shape = note_shape(note, rules)
    return [s for s in note.sections[1:] if s.parent is None and not shape.is_ignored(s.index)]


def next_sibling(note: NoteFile, section: Section) -> Section | None:
    """The heading after `section`'s subtree with the same parent, if any."""
    if section.parent is not None:
        siblings: Iterable[int] = note.sections[section.parent].children
    else:
        siblings = (s.index for s in note.top_level)
    found = False
    for index in siblings:
        if found:
            return note.sections[index]
        found = index == section.index
    return None


# -- ignored headings -------------------------------------------------------------------------

_LEADING_NUMBER = re.compile(r"^\s*(?:\d+[.)]\s*)+")


def _trim(text: str, keep: str = "") -> str:
    """`text` casefolded, NFC, without whitespace, numbering and punctuation at either end."""
    text = _LEADING_NUMBER.sub("", unicodedata.normalize("NFC", text).casefold())
    text = "".join(text.split())
    start, end = 0, len(text)
    while start < end and not (text[start].isalnum() or text[start] in keep):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in keep):
        end -= 1
    return text[start:end]


@lru_cache(maxsize=32)
def _ignore_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = []
    for pattern in patterns:
        key = _trim(pattern, keep="*?")
        if key:
            pieces = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in key)
            alternatives.append("".join(pieces))
    return re.compile("|".join(alternatives)) if alternatives else None


def is_ignored_title(title: str, rules: QuestionRules = DEFAULT_RULES) -> bool:
    """True for boilerplate headings: `[참고 자료]`, `References:`, `3. 참고` ..."""
    pattern = _ignore_pattern(rules.ignore)
    return pattern is not None and pattern.fullmatch(_trim(title)) is not None


# -- links-only sections ----------------------------------------------------------------------

_LINK = (
    r"(?:!?\[[^\]\n]*\]\([^)\n]*\)"  # [text](url), ![alt](src)
    r"|!?\[\[[^\]\n]*\]\]"  # [[wiki link]]
    r"|\[[^\]\n]*\]\[[^\]\n]*\]"  # [text][ref]
    r"|<https?://[^>\s]+>|https?://\S+)"  # <url>, a bare url
)
_LINKS_LINE = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"  # quote marks and bullets
    rf"[*_]*{_LINK}[*_]*(?:[ \t]*[,|·/\-–][ \t]*[*_]*{_LINK}[*_]*|[ \t]+[*_]*{_LINK}[*_]*)*"
    r"[ \t]*"
)
_LINK_DEFINITION = re.compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_RULE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")


_LINK_MARKS = ("](", "[[", "://")


def is_links_only(markdown_text: str) -> bool:
    """True when every line with something on it is a link, a list of links or a link
    definition: a table of contents, or a list of references."""
    if not any(mark in markdown_text for mark in _LINK_MARKS):
        return False
    seen = False
    for raw in markdown_text.splitlines():
        line = _HTML_TAG.sub("", raw) if "<" in raw else raw
        if not line.strip() or _RULE.fullmatch(line):
            continue
        if not (_LINKS_LINE.fullmatch(line) or _LINK_DEFINITION.fullmatch(line)):
            return False
        seen = True
    return seen


# -- classifying a note -----------------------------------------------------------------------


def _is_same_as_below(note: NoteFile, section: Section) -> bool:
    return any(
        " ".join(comment.casefold().split()) == SAME_AS_BELOW_MARKER
        for comment in note.comments_in(section)
    )


def _own_kind(note: NoteFile, section: Section) -> Kind | None:
    """The kind from the section's own text; None when it has none."""
    if not note.has_answer_text(section):
        return Kind.SAME_AS_BELOW if _is_same_as_below(note, section) else None
    if not note.has_spoken_text(section):
        return Kind.CODE_ONLY
    text, start, end = note.text, section.body_start, section.end
    maybe_links = any(text.find(mark, start, end) != -1 for mark in _LINK_MARKS)
    if maybe_links and is_links_only(note.markdown_body(section, "drop")):
        return Kind.LINKS_ONLY
    return Kind.ANSWER


def _ignored_sections(note: NoteFile, rules: QuestionRules) -> tuple[bool, ...]:
    """Boilerplate headings (by title), everything under them, and the preamble."""
    return _ignored_in(note.outline, rules.ignore)


@lru_cache(maxsize=8)  # a saved answer leaves the outline as it was: not worked out again
def _ignored_in(outline: Outline, ignore: tuple[str, ...]) -> tuple[bool, ...]:
    rules = QuestionRules(ignore=ignore)
    ignored = [True] * len(outline)
    for index, (_, title, parent) in enumerate(outline[1:], start=1):  # parents come first
        ignored[index] = (parent is not None and ignored[parent]) or is_ignored_title(title, rules)
    return tuple(ignored)
