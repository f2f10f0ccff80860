"""Answer text for search: what is indexed and previewed, and the snippet shown for an answer hit.

The preview shows an answer as the reader sees it: plain text in its lines,
without markup. On top of what the notes model already strips, images go
(their alt text is not something anyone wrote as an answer) and so do runs of
`#` that open a line without making a heading (`#####` with no title, or
`#####제목` with no space).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.search.folding import merge_spans, normalize
from rehearse.core.search.model import Hit, QuestionKey, SearchDoc, Tier, Via
from rehearse.core.text import UndecodableNote

_IMAGE = re.compile(
    r"!\[\[[^\]\n]*\]\]"  # Obsidian: ![[picture.png]]
    r"|\[!\[[^\]\n]*\]\([^)\n]*\)\]\([^)\n]*\)"  # a linked image: [![alt](src)](href)
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # ![alt](src)
)
_HASH_RUN = re.compile(r"^([ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+][ \t]+)?)#{2,}[ \t]*", re.MULTILINE)
SNIPPET_BEFORE = 20
SNIPPET_AFTER = 60


def plain_answer(note: NoteFile, section: Section) -> str:
    """The section's own answer as plain text, NFC, its lines kept."""
    body = note.text[section.body_start : section.end]
    if "![" not in body and "##" not in body:
        return normalize(note.answer_text(section))
    heading = note.text[section.start : section.body_start]
    cleaned = _HASH_RUN.sub(r"\1", _IMAGE.sub("", body))
    # A section never starts or ends inside a comment or a code fence (headings there are
    # not headings), so the section parsed alone reads exactly as it does in its note.
    try:
        alone = parse_note(note.path, (heading + cleaned).encode("utf-8"))
    except UndecodableNote:  # a NUL character, fine deep in its note, now near the start
        return normalize(note.answer_text(section))
    return normalize(alone.answer_text(alone.sections[1]))


class _AnswerOf:
    """A section's answer, read when asked for (smaller than a functools.partial)."""

    __slots__ = ("note", "section")

    def __init__(self, note: NoteFile, section: Section) -> None:
        self.note = note
        self.section = section

    def __call__(self) -> str:
        return plain_answer(self.note, self.section)

    def reads_as(self, other: _AnswerOf) -> bool:
        """Read from the same Markdown: an answer is made from its own section's text alone
        (plain_answer), so equal text is an equal answer."""
        mine, theirs = self.section, other.section
        if mine.end - mine.start != theirs.end - theirs.start:
            return False
        if self.note is other.note and mine.start == theirs.start:
            return True
        return self.note.text[mine.start : mine.end] == other.note.text[theirs.start : theirs.end]


def same_answer(doc: SearchDoc, other: SearchDoc) -> bool:
    """The same answer text, known without reading either."""
    mine, theirs = doc.answer_reader, other.answer_reader
    if isinstance(mine, _AnswerOf) and isinstance(theirs, _AnswerOf):
        return mine.reads_as(theirs)
    return isinstance(mine, str) and mine == theirs


def docs_for_note(note: NoteFile, file: str) -> list[SearchDoc]:
    return [
        SearchDoc(
            key=QuestionKey(note.path, section.index),
            title=normalize(section.title),
            file=file,
            context=tuple(normalize(a.title) for a in note.ancestors(section)),
            line=section.line,
            answer=_AnswerOf(note, section),
        )
        for section in note.questions
    ]


def docs_for_notebook(notebook: Notebook) -> list[SearchDoc]:
    docs: list[SearchDoc] = []
    for note in notebook.readable:
        docs.extend(docs_for_note(note, notebook.relative(note.path)))
    return docs


def answer_hit(doc: SearchDoc, where: int, runs: Sequence[tuple[int, int]], via: Via) -> Hit:
    """An answer hit: the text around `where` (an offset into the answer) on one line, with
    the words found (`runs`, [start, end) in the answer) highlighted where it shows them;
    found through the glossary, it is searched as those words as the answer writes them."""
    answer = normalize(doc.answer)
    start = max(0, where - SNIPPET_BEFORE)
    stop = min(len(answer), where + SNIPPET_AFTER)
    snippet, moved = _one_line(answer[start:stop])
    spans = merge_spans(
        (moved[low - start], moved[min(high, stop) - start - 1] + 1)
        for low, high in runs
        if start <= low < min(high, stop)
    )
    words = [answer[low:high] for low, high in runs if high > low]
    found = " ".join(words) if via.synonym else ""
    return Hit(doc, Tier.ANSWER, spans, where, snippet, via=via, searched_as=found)


def _one_line(text: str) -> tuple[str, list[int]]:
    """`text` with each run of white space one space and none at its ends (as
    " ".join(text.split()) gives it), and where each of its characters went."""
    out: list[str] = []
    moved: list[int] = []
    space = False
    for char in text:
        if char.isspace():
            space = bool(out)
            moved.append(len(out))
            continue
        if space:
            out.append(" ")
            space = False
        moved.append(len(out))
        out.append(char)
    return "".join(out), moved
