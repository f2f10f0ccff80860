"""Shaping the question tree: add, rename, delete and move headings, as pure text edits.

Each operation takes a note snapshot and gives back the note's new full text and
where the affected section now is; none of them writes (the caller saves through
the safe save path, which keeps the BOM). Every byte outside the operation stays
as it was, line endings (CRLF, CR, mixed) included, and so does whether the file
ends with a newline: when an edit reaches the end of a file that has none, the
line ending that must stand between two headings moves with them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rehearse.core import markdown
from rehearse.core.notebook import NOTE_SUFFIXES
from rehearse.core.notes import NoteFile, Section, reparsed
from rehearse.core.questions import DEFAULT_RULES, Kind, QuestionRules, section_kind
from rehearse.core.text import line_ending_of

MAX_LEVEL = 6
DEFAULT_LEVEL = 2  # a new question in a file without headings

_HEADING_LINE = re.compile(r"( {0,3}#{1,6})(?:([ \t]+)(.*?))?([ \t]*)")
_TRAILER = re.compile(r"(?:[ \t]*%%.*?%%|(?:^|[ \t]+)#+)[ \t]*\Z")
_WRAPPED = re.compile(r"(\*\*|__|==|~~|\*|_)(.+)\1")


class ShapeError(ValueError):
    """The operation cannot be done; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Reshaped:
    text: str  # the note's whole new text
    section: int  # the affected section's index in the new text (after a delete: the one before)
    removed: str = ""  # a delete's removed text, for the caller to keep a copy of


def subtree_end(note: NoteFile, section: Section) -> int:
    """Where `section` and every heading under it end."""
    last = section
    while last.children:
        last = note.sections[last.children[-1]]
    return last.end


def siblings(note: NoteFile, section: Section) -> tuple[int, ...]:
    if section.parent is not None:
        return note.sections[section.parent].children
    return tuple(s.index for s in note.top_level)


def _clean(title: str) -> str:
    clean = " ".join(title.split())
    if any(unicodedata.category(char) == "Cc" for char in title if char not in " \t"):
        raise ShapeError("a title is one line of text")
    if "%%" in clean:
        raise ShapeError("a title cannot hold %% (it would start a comment)")
    if not markdown.clean_title(clean):
        raise ShapeError("a question needs a title")
    return clean


def _reparse(note: NoteFile, text: str) -> NoteFile:
    return reparsed(note, text)


def _check(ok: bool) -> None:
    if not ok:
        raise ShapeError("the heading would not be read as one here (inside a code block?)")


def _final_ending(text: str) -> str:
    return line_ending_of(text[-2:]) if text else ""


def _final_endings(text: str) -> str:
    """The run of line endings (blank lines too) at the end of `text`."""
    return text[len(text.rstrip("\r\n")) :]


# -- new question -------------------------------------------------------------------------------


def add_question(
    note: NoteFile, at: Section, title: str, rules: QuestionRules = DEFAULT_RULES
) -> Reshaped:
    """`n` in the tree: the first question in a file or category, else one after `at`."""
    if at.is_preamble or section_kind(note, at, rules) is Kind.CATEGORY:
        return add_first_child(note, at, title)
    return add_after(note, at, title)


def add_after(note: NoteFile, section: Section, title: str) -> Reshaped:
    """A new heading at `section`'s level, after its whole subtree."""
    return _insert(note, subtree_end(note, section), section.level, title, section.parent)


def add_first_child(note: NoteFile, section: Section, title: str) -> Reshaped:
    """A new first heading under `section` (the preamble: the file's first heading)."""
    if section.is_preamble:
        top = note.top_level
        level = top[0].level if top else DEFAULT_LEVEL
        return _insert(note, section.end, level, title, None)
    if section.children:
        level = note.sections[section.children[0]].level
    elif section.level < MAX_LEVEL:
        level = section.level + 1
    else:
        raise ShapeError("a level-6 heading cannot hold a sub-question")
    return _insert(note, section.end, level, title, section.index)


def _insert(note: NoteFile, offset: int, level: int, title: str, parent: int | None) -> Reshaped:
    clean = _clean(title)
    text, eol = note.text, note.line_ending
    heading = "#" * level + " " + clean
    before, after = text[:offset], text[offset:]
    if after:
        block = heading + eol + eol  # a blank line to write the answer on, apart from the next
    elif not before or _final_ending(before):
        block = heading + eol
    else:
        block = eol + heading  # the file ends without a newline, and keeps ending so
    index = max(1, sum(1 for s in note.sections if s.start < offset))
    new = _reparse(note, before + block + after)
    made = new.sections[index] if index < len(new.sections) else None
    _check(
        len(new.sections) == len(note.sections) + 1
        and made is not None
        and made.level == level
        and made.parent == parent
        and not made.children
    )
    return Reshaped(new.text, index)


# -- rename -------------------------------------------------------------------------------------


def rename_heading(note: NoteFile, section: Section, title: str) -> Reshaped:
    """The heading's title replaced; its level, closing #s, trailing comments and emphasis
    around the whole title are kept."""
    return replace_heading_line(note, section, renamed_line(note, section, title))


def renamed_line(note: NoteFile, section: Section, title: str) -> str:
    """`section`'s heading line with its title replaced (see rename_heading)."""
    if section.is_preamble:
        raise ShapeError("a file is renamed as a file, not as a heading")
    clean = _clean(title)
    line = note.text[section.start : section.body_start]
    ending = line_ending_of(line)
    match = _HEADING_LINE.fullmatch(line[: len(line) - len(ending)])
    if match is None:  # the parser found a heading here, so this cannot happen
        raise ShapeError("this heading cannot be renamed")
    hashes, space, raw = match.group(1), match.group(2) or " ", match.group(3) or ""
    trailer = ""
    while (found := _TRAILER.search(raw)) is not None and found.start() > 0:
        trailer = raw[found.start() :] + trailer
        raw = raw[: found.start()]
    wrapped = _WRAPPED.fullmatch(raw)
    core = f"{wrapped.group(1)}{clean}{wrapped.group(1)}" if wrapped else clean
    if wrapped and markdown.clean_title(core) != markdown.clean_title(clean):
        core = clean  # the new title's own markup would fight the wrapper
    return f"{hashes}{space}{core}{trailer}{match.group(4)}{ending}"


def replace_heading_line(note: NoteFile, section: Section, new_line: str) -> Reshaped:
    """`section`'s heading line replaced by `new_line`, which must head the same section."""
    if section.is_preamble:
        raise ShapeError("a file is renamed as a file, not as a heading")
    new = _reparse(note, note.text[: section.start] + new_line + note.text[section.body_start :])
    renamed = new.sections[section.index] if section.index < len(new.sections) else None
    _check(
        len(new.sections) == len(note.sections)
        and renamed is not None
        and renamed.start == section.start
        and renamed.level == section.level
        and renamed.children == section.children
    )
    return Reshaped(new.text, section.index)


# -- delete -------------------------------------------------------------------------------------


def delete_question(note: NoteFile, section: Section) -> Reshaped:
    """`section` and everything under it taken out; `removed` holds the text taken."""
    if section.is_preamble:
        raise ShapeError("a file is deleted as a file, not as a heading")
    text = note.text
    start, end = section.start, subtree_end(note, section)
    removed = text[start:end]
    kept = text[:start]
    if end == len(text) and start > 0 and not _final_ending(removed):
        kept = kept.rstrip("\r\n")  # still no newline at the end
    new = _reparse(note, kept + text[end:])
    count = sum(1 for s in note.sections[1:] if start <= s.start < end)
    _check(len(new.sections) == len(note.sections) - count)
    before = new.section_at_offset(len(kept) - 1).index if kept else 0  # 0: the file itself
    return Reshaped(new.text, before, removed)


# -- move ---------------------------------------------------------------------------------------


def move_question(note: NoteFile, section: Section, step: int) -> Reshaped:
    """`section` with its subtree swapped with the sibling above (step -1) or below (+1)."""
    if section.is_preamble or step not in (-1, 1):
        raise ShapeError("only a question moves among its siblings")
    around = siblings(note, section)
    position = around.index(section.index) + step
    if not 0 <= position < len(around):
        raise ShapeError(f"already the {'first' if step < 0 else 'last'} among its siblings")
    other = note.sections[around[position]]
    first, second = (other, section) if step < 0 else (section, other)
    text = note.text
    a, b, c = first.start, second.start, subtree_end(note, second)
    upper, lower = text[a:b], text[b:c]
    if c == len(text) and not _final_ending(lower):
        endings = _final_endings(upper)  # what parted the two now parts them the other way
        upper, lower = upper[: len(upper) - len(endings)], lower + endings
    new = _reparse(note, text[:a] + lower + upper + text[c:])
    index = section.index if step > 0 else other.index
    if step > 0:
        index = section.index + sum(1 for s in note.sections[1:] if b <= s.start < c)
    moved = new.sections[index] if index < len(new.sections) else None
    _check(
        len(new.sections) == len(note.sections)
        and moved is not None
        and moved.title == section.title
        and moved.parent == section.parent
        and len(moved.children) == len(section.children)
    )
    return Reshaped(new.text, index)


# -- new note file ------------------------------------------------------------------------------


def new_note_path(folder: Path, name: str) -> Path:
    """Where `N` in the tree creates a note called `name` (`.md` added when it has no
    Markdown suffix); ShapeError for a name that cannot be used or is already taken."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise ShapeError("a note needs a name")
    if "/" in name or "\\" in name or any(unicodedata.category(c) == "Cc" for c in name):
        raise ShapeError("a note's name cannot hold / or \\ (it goes in the highlighted folder)")
    if name.startswith("."):
        raise ShapeError("a name starting with '.' is hidden: rehearse would not list it")
    if not name.lower().endswith(NOTE_SUFFIXES):
        name += ".md"
    if len(os.fsencode(name)) > 255:
        raise ShapeError("that name is too long for a file")
    if not folder.is_dir():
        raise ShapeError(f"no such folder: {folder}")
    path = folder / name
    try:
        taken = os.path.lexists(path) or any(
            other.casefold() == name.casefold() for other in os.listdir(folder)
        )
    except OSError as error:
        raise ShapeError(f"cannot read {folder}: {error.strerror or error}") from None
    if taken:
        raise ShapeError(f"{name} already exists")
    return path
