"""Immutable snapshots of note files: their bytes, and the sections inside them.

A section is a heading line plus its own body, up to the next heading of any
level. Section 0 of every note is the preamble: front matter and whatever
stands before the first heading (often nothing).
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Literal

from rehearse.core import markdown
from rehearse.core.speech import SpokenLength, spoken_length
from rehearse.core.text import (
    DecodedNote,
    decode_note,
    dominant_line_ending,
    encoded,
    split_lines,
)

CodeBlocks = Literal["keep", "unfenced", "drop"]
Outline = tuple[tuple[int, str, int | None], ...]


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _from(spans: Sequence[tuple[int, int]], first: int) -> Iterator[tuple[int, int]]:
    """`spans[first:]` without copying them: a note can hold ten thousand."""
    return (spans[i] for i in range(first, len(spans)))


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    level: int  # 0 for the preamble, 1-6 for headings
    title: str  # clean, as displayed
    line: int  # 1-based line of the heading (of the file start for the preamble)
    start: int  # character offsets into NoteFile.text
    body_start: int
    end: int
    parent: int | None  # index of the enclosing section; None at the top level
    children: tuple[int, ...]

    @property
    def is_preamble(self) -> bool:
        return self.level == 0


@dataclass(frozen=True, eq=False)
class NoteFile:
    """One readable note as it was on disk when it was read."""

    path: Path
    decoded: DecodedNote = field(repr=False)  # a repr never holds the whole note
    digest: str
    sections: tuple[Section, ...] = field(repr=False)
    line_starts: Sequence[int] = field(repr=False)  # offset of each line (a compact array)
    comments: tuple[tuple[int, int], ...] = field(repr=False)
    fence_lines: frozenset[int] = field(repr=False)
    front_matter_end: int = 0
    mode: int | None = None  # permission bits when read: a recreated file gets them back
    size: int = 0  # bytes on disk: a read far shorter than this may be a write half done

    @property
    def raw(self) -> bytes:
        """The bytes on disk, rebuilt from the text (decoding is exact, so this is lossless)."""
        return self.decoded.encode()

    @property
    def text(self) -> str:
        return self.decoded.text

    @cached_property
    def line_ending(self) -> str:
        return dominant_line_ending(self.text)

    @cached_property
    def outline(self) -> Outline:
        """Each section's level, title and parent: two snapshots with the same outline
        number their sections alike."""
        return tuple((s.level, s.title, s.parent) for s in self.sections)

    def work_out(self) -> None:
        """What drawing the note's rows reads, worked out now (on a worker thread, before
        the snapshot is shared, rather than on the UI thread at the next frame)."""
        _ = (self.outline, self._comment_ends, self._fence_lines)

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        """0-based line numbers of the heading lines."""
        return frozenset(section.line - 1 for section in self.sections[1:])

    @property
    def questions(self) -> tuple[Section, ...]:
        return self.sections[1:]

    @property
    def top_level(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections[1:] if s.parent is None)

    def section_text(self, section: Section) -> str:
        return self.text[section.start : section.end]

    def section_at_offset(self, offset: int) -> Section:
        return self.sections[max(0, bisect_right(self.section_starts, offset) - 1)]

    @cached_property
    def section_starts(self) -> list[int]:
        return [section.start for section in self.sections]

    def section_at_line(self, line: int) -> Section:
        """The section holding 0-based line `line`."""
        line = min(max(line, 0), len(self.line_starts) - 1) if self.line_starts else 0
        return self.section_at_offset(self.line_starts[line] if self.line_starts else 0)

    def ancestors(self, section: Section) -> list[Section]:
        chain: list[Section] = []
        parent = section.parent
        while parent is not None:
            chain.append(self.sections[parent])
            parent = self.sections[parent].parent
        return chain[::-1]

    def heading_path(self, section: Section) -> tuple[str, ...]:
        """Titles from the outermost heading down to `section`: its identity across edits."""
        return tuple(s.title for s in [*self.ancestors(section), section])

    def find_by_heading_path(self, heading_path: tuple[str, ...]) -> Section | None:
        for section in self.questions:
            if section.title == heading_path[-1] and self.heading_path(section) == heading_path:
                return section
        return None

    def answer_text(self, section: Section) -> str:
        """The section's own answer as read: no heading, comments, fence lines or markup."""
        return markdown.plain_text(self.markdown_body(section))

    def spoken_text(self, section: Section) -> str:
        """What is said aloud: the answer text without code, fenced or inline."""
        return markdown.plain_text(markdown.remove_code_spans(self.markdown_body(section, "drop")))

    def markdown_body(self, section: Section, code: CodeBlocks = "unfenced") -> str:
        """The section's own Markdown without its heading line and comments. Code blocks
        are kept whole ("keep"), kept without their fence lines ("unfenced") or dropped."""
        start = section.body_start
        if section.is_preamble:
            start = max(start, self.front_matter_end)
        end = section.end
        spans: list[tuple[int, int]] = []
        first = bisect_right(self._comment_ends, start)  # comments are sorted, never overlapping
        for a, b in _from(self.comments, first):
            if a >= end:
                break
            spans.append((max(a, start) - start, min(b, end) - start))
        if code != "keep":
            fences, fence_ends = self._fence_lines if code == "unfenced" else self._code_blocks
            for a, b in _from(fences, bisect_right(fence_ends, start)):
                if a >= end:
                    break
                spans.append((max(a, start) - start, min(b, end) - start))
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return markdown.remove_spans(self.text[start:end], merged)

    def comments_in(self, section: Section) -> list[str]:
        """The text inside each `%% comment %%` of the section's own body, trimmed."""
        first = bisect_right(self._comment_ends, section.body_start)
        found = []
        for a, b in _from(self.comments, first):
            if a >= section.end:
                break
            found.append(self.text[a:b].strip().strip("%").strip())
        return found

    @cached_property
    def _fence_lines(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Spans of the lines that open or close a code fence, in order, and their ends."""
        spans = [(self.line_starts[i], self._line_end(i)) for i in self._sorted_fence_lines]
        return spans, [end for _, end in spans]

    @cached_property
    def _code_blocks(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Character spans of whole fenced code blocks (an unclosed one runs to the end)."""
        lines = self._sorted_fence_lines
        blocks = []
        for opening in range(0, len(lines), 2):
            closing = lines[opening + 1] if opening + 1 < len(lines) else None
            end = self._line_end(closing) if closing is not None else len(self.text)
            blocks.append((self.line_starts[lines[opening]], end))
        return blocks, [end for _, end in blocks]

    # Answers are measured when a view asks, one section at a time: a 20 MB note holds
    # 10k of them, and the first screen shows a few.

    def answer_chars(self, section: Section) -> int:
        found = self._answer_chars.get(section.index)
        if found is None:
            found = markdown.count_answer_chars(self.answer_text(section))
            self._answer_chars[section.index] = found
        return found

    def has_answer_text(self, section: Section) -> bool:
        """`answer_chars(section) > 0`, read only up to the first line with text."""
        known = self._answer_chars.get(section.index)
        if known is not None:
            return known > 0
        return markdown.has_text(self.markdown_body(section))

    @cached_property
    def _answer_chars(self) -> dict[int, int]:
        return {}

    def spoken_length(self, section: Section) -> SpokenLength:
        """Syllables and words said aloud in the section's answer (rate-free, cached)."""
        found = self._spoken_lengths.get(section.index)
        if found is None:
            found = self._spoken_lengths[section.index] = spoken_length(self.spoken_text(section))
        return found

    @cached_property
    def _spoken_lengths(self) -> dict[int, SpokenLength]:
        return {}

    def has_code(self, section: Section) -> bool:
        """Whether the section's own body holds a code block or a backtick."""
        blocks, ends = self._code_blocks
        first = bisect_right(ends, section.body_start)
        if first < len(blocks) and blocks[first][0] < section.end:
            return True
        return self.text.find("`", section.body_start, section.end) != -1

    def spoken_chars(self, section: Section) -> int:
        """Characters of what is said aloud, whitespace not counted."""
        if not self.has_code(section):
            return self.answer_chars(section)  # nothing to leave out: the same text
        found = self._spoken_chars.get(section.index)
        if found is None:
            found = self._spoken_chars[section.index] = markdown.count_answer_chars(
                self.spoken_text(section)
            )
        return found

    def has_spoken_text(self, section: Section) -> bool:
        """`spoken_chars(section) > 0`, read only up to the first line with spoken text."""
        if not self.has_code(section):
            return self.has_answer_text(section)
        known = self._spoken_chars.get(section.index)
        if known is not None:
            return known > 0
        return markdown.has_text(markdown.remove_code_spans(self.markdown_body(section, "drop")))

    @cached_property
    def _spoken_chars(self) -> dict[int, int]:
        return {}

    @cached_property
    def _comment_ends(self) -> list[int]:
        return [end for _, end in self.comments]

    @cached_property
    def _sorted_fence_lines(self) -> list[int]:
        return sorted(self.fence_lines)

    def _line_end(self, line: int) -> int:
        return self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)


@dataclass(frozen=True, slots=True)
class UnreadableNote:
    """A file that is listed but never opened for writing."""

    path: Path
    reason: str


def parse_note(path: Path, raw: bytes, mode: int | None = None) -> NoteFile:
    """Build the snapshot of `raw`; raises text.UndecodableNote for non-text."""
    return parse_decoded(path, decode_note(raw), raw, mode)


def reparsed(note: NoteFile, text: str, mode: int | None = None) -> NoteFile:
    """The snapshot of `text` written the way `note` was."""
    return parse_decoded(note.path, *encoded(note.decoded, text), mode)


def parse_decoded(
    path: Path, decoded: DecodedNote, raw: bytes, mode: int | None = None
) -> NoteFile:
    """The snapshot of `raw`, read as `decoded` (`text.encoded` gives both)."""
    text = decoded.text
    lines = split_lines(text)
    line_starts = list(accumulate(map(len, lines), initial=0))[:-1] if lines else []
    found = markdown.scan(lines, line_starts)

    bounds = [line_starts[h.line] for h in found.headings]
    ends = [*bounds, len(text)]
    parents: list[int | None] = [None]
    children: list[list[int]] = [[]]
    open_headings: list[tuple[int, int]] = []  # (level, section index), outermost first
    for number, heading in enumerate(found.headings, start=1):
        while open_headings and open_headings[-1][0] >= heading.level:
            open_headings.pop()
        parent = open_headings[-1][1] if open_headings else None
        if parent is not None:
            children[parent].append(number)
        parents.append(parent)
        children.append([])
        open_headings.append((heading.level, number))

    sections = [Section(0, 0, "", 1, 0, 0, ends[0], None, ())]
    for number, heading in enumerate(found.headings, start=1):
        start = bounds[number - 1]
        sections.append(
            Section(
                index=number,
                level=heading.level,
                title=markdown.clean_title(heading.raw_title),
                line=heading.line + 1,
                start=start,
                body_start=start + len(lines[heading.line]),
                end=ends[number],
                parent=parents[number],
                children=tuple(children[number]),
            )
        )
    return NoteFile(
        path=path,
        decoded=decoded,
        digest=content_digest(raw),
        size=len(raw),
        sections=tuple(sections),
        line_starts=array("q", line_starts),
        comments=found.comments,
        fence_lines=found.fence_lines,
        front_matter_end=found.front_matter_end,
        mode=mode,
    )
