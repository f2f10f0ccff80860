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
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from weakref import WeakKeyDictionary

from rehearse.core.notes import NoteFile, Section

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


@dataclass(frozen=True, slots=True)
class NoteShape:
    """Each section's kind, and which section's answer is said for it (None: nothing)."""

    kinds: tuple[Kind, ...]
    answer_of: tuple[int | None, ...]


_shapes: WeakKeyDictionary[NoteFile, tuple[QuestionRules, NoteShape]] = WeakKeyDictionary()


def note_shape(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> NoteShape:
    """The kinds of `note`'s sections (cached per note snapshot and rules)."""
    cached = _shapes.get(note)
    if cached is not None and cached[0] == rules:
        return cached[1]
    shape = _classify(note, rules)
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


def questions_of(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> list[Section]:
    """The headings that are questions (not categories, not ignored), in note order."""
    kinds = note_shape(note, rules).kinds
    return [section for section in note.questions if kinds[section.index] in QUESTION_KINDS]


def question_count(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> int:
    kinds = note_shape(note, rules).kinds
    return sum(1 for kind in kinds if kind in QUESTION_KINDS)


def question_children(
    note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES
) -> list[Section]:
    """The sub-headings of `section` that are not ignored."""
    kinds = note_shape(note, rules).kinds
    return [note.sections[i] for i in section.children if kinds[i] is not Kind.IGNORED]


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
    if note.answer_chars(section) == 0:
        return Kind.SAME_AS_BELOW if _is_same_as_below(note, section) else None
    if note.spoken_chars(section) == 0:
        return Kind.CODE_ONLY
    text, start, end = note.text, section.body_start, section.end
    maybe_links = any(text.find(mark, start, end) != -1 for mark in _LINK_MARKS)
    if maybe_links and is_links_only(note.markdown_body(section, "drop")):
        return Kind.LINKS_ONLY
    return Kind.ANSWER


def _classify(note: NoteFile, rules: QuestionRules) -> NoteShape:
    sections = note.sections
    kinds: list[Kind] = [Kind.IGNORED] * len(sections)
    own: list[Kind | None] = [None] * len(sections)
    for section in sections[1:]:  # parents come before their children
        parent = section.parent
        if (parent is not None and kinds[parent] is Kind.IGNORED) or is_ignored_title(
            section.title, rules
        ):
            continue  # stays IGNORED
        own[section.index] = _own_kind(note, section)
        kinds[section.index] = Kind.EMPTY  # settled below, once the children are known
    for section in reversed(sections[1:]):  # children before their parents
        if kinds[section.index] is Kind.IGNORED:
            continue
        kind = own[section.index]
        has_questions = any(kinds[child] is not Kind.IGNORED for child in section.children)
        if has_questions and kind in (None, Kind.LINKS_ONLY):
            kind = Kind.CATEGORY  # a heading over questions, perhaps with their contents list
        kinds[section.index] = kind or Kind.EMPTY
    answer_of: list[int | None] = [
        s.index if kinds[s.index] is Kind.ANSWER else None for s in sections
    ]
    for section in sections[1:]:
        if kinds[section.index] is Kind.SAME_AS_BELOW:
            answer_of[section.index] = _shared_answer(note, section, kinds)
    return NoteShape(tuple(kinds), tuple(answer_of))


def _shared_answer(note: NoteFile, section: Section, kinds: list[Kind]) -> int | None:
    below = next_sibling(note, section)
    while below is not None and kinds[below.index] is Kind.SAME_AS_BELOW:
        below = next_sibling(note, below)
    if below is not None and kinds[below.index] is Kind.ANSWER:
        return below.index
    return None
