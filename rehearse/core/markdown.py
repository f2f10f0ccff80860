"""A line scanner for the Markdown that interview notes are written in.

It finds ATX headings (`#` to `######`) and skips what only looks like one:
lines in fenced code blocks, in YAML front matter and in Obsidian `%% ... %%`
comments. Setext headings (a line underlined with `===` or `---`) are not
questions: notes use `---` as a separator far more often than as a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMENT_MARK = "%%"

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*\Z")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*\Z")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)\Z")
_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 0-based index into the scanned lines
    level: int
    raw_title: str


@dataclass(frozen=True, slots=True)
class Scan:
    headings: tuple[Heading, ...]
    comments: tuple[tuple[int, int], ...]  # [start, end) character offsets, markers included
    fence_lines: frozenset[int]  # lines that open or close a code fence
    front_matter_end: int  # character offset where the front matter ends (0: none)


def is_heading_line(line: str) -> bool:
    """An ATX heading (`## 자기소개`), as the parser reads one outside code and comments."""
    return _HEADING.match(_strip_ending(line)) is not None


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


def _front_matter(lines: list[str]) -> tuple[int, int]:
    """(first line after the front matter, its character offset); (0, 0) when there is none."""
    if lines and _strip_ending(lines[0]) == _FRONT_MATTER_OPEN:
        for index in range(1, len(lines)):
            if _strip_ending(lines[index]).rstrip() in _FRONT_MATTER_CLOSE:
                return index + 1, sum(len(line) for line in lines[: index + 1])
    return 0, 0


@dataclass(frozen=True, slots=True)
class AnswerStart:
    row: int
    column: int
    new_line: bool  # nothing under the heading (the end, or a heading): typing starts a line


def answer_start(lines: list[str]) -> AnswerStart:
    """Where what is typed goes into the answer of a section (or a whole note) shown as
    `lines`: past the front matter, under the heading, never before a `#` or a `---`."""
    row = _front_matter(lines)[0]
    if row and row == len(lines):  # nothing but front matter
        return AnswerStart(row - 1, len(_strip_ending(lines[-1])), new_line=True)
    if row < len(lines) and is_heading_line(lines[row]):
        if row + 1 < len(lines) and not is_heading_line(lines[row + 1]):
            return AnswerStart(row + 1, 0, new_line=False)
        # Nothing under the heading but the end of the text or the next heading.
        return AnswerStart(row, len(_strip_ending(lines[row])), new_line=True)
    return AnswerStart(row, 0, new_line=False)


def _closes(fence: str, line: str) -> bool:
    match = _FENCE.match(line)
    return bool(match and match.group(1).startswith(fence) and not match.group(2).strip())


def _opens(line: str) -> str | None:
    match = _FENCE.match(line)
    if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
        return match.group(1)
    return None


_SPECIAL_FIRST = frozenset(" #`~")  # only lines starting so can be headings or fences


def scan(lines: list[str], line_starts: list[int]) -> Scan:
    """Classify `lines` (with endings, as `text.split_lines` gives them)."""
    headings: list[Heading] = []
    comments: list[tuple[int, int]] = []
    fence_lines: set[int] = set()
    start, front_matter_end = _front_matter(lines)
    fence: str | None = None  # the opening run of backticks or tildes
    comment_start: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if comment_start is None and line[0] in _SPECIAL_FIRST:
            first = line.lstrip(" ")[:1]
            if fence is not None:
                if first == fence[0] and _closes(fence, _strip_ending(line)):
                    fence = None
                    fence_lines.add(index)
                continue
            if first == "#":
                match = _HEADING.match(_strip_ending(line))
                if match:
                    headings.append(Heading(index, len(match.group(1)), match.group(2) or ""))
            elif first in ("`", "~"):
                fence = _opens(_strip_ending(line))
                if fence is not None:
                    fence_lines.add(index)
                    continue
        if fence is not None or COMMENT_MARK not in line:
            continue
        offset = line_starts[index]
        position = line.find(COMMENT_MARK)
        while position != -1:
            if comment_start is None:
                comment_start = offset + position
            else:
                comments.append((comment_start, offset + position + len(COMMENT_MARK)))
                comment_start = None
            position = line.find(COMMENT_MARK, position + len(COMMENT_MARK))
    if comment_start is not None:  # an unclosed comment runs to the end, as in Obsidian
        end = line_starts[-1] + len(lines[-1]) if lines else 0
        comments.append((comment_start, end))
    return Scan(tuple(headings), tuple(comments), frozenset(fence_lines), front_matter_end)


_INLINE_COMMENT = re.compile(r"%%.*?(?:%%|\Z)")  # an unclosed one runs to the end of the line
_WIKILINK = re.compile(r"!?\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
# Each pattern starts with its own marker, so the regex engine can skip ahead to it.
_EMPHASIS = (
    ("**", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")),
    ("__", re.compile(r"__(?=\S)(.+?)(?<=\S)__")),
    ("~~", re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")),
    ("==", re.compile(r"==(?=\S)(.+?)(?<=\S)==")),
    ("*", re.compile(r"\*(?<!\*\*)(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")),  # *em*, inside words too
    ("_", re.compile(r"_(?<![\w_]_)(?=\S)(.+?)(?<=\S)_(?![\w_])")),  # _em_, not in snake_case
)


def strip_inline_markup(text: str) -> str:
    """Text as read: links, wiki-links, code spans, HTML tags and emphasis unwrapped."""
    if "[[" in text:
        text = _WIKILINK.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE_SPAN.sub(r"\2", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    for _ in range(3):  # nested emphasis such as ***both*** takes more than one pass
        before = text
        for marker, pattern in _EMPHASIS:
            if marker in text:
                text = pattern.sub(r"\1", text)
        if text == before:
            break
    return text


_INLINE_MARKERS = "*_~=`[<"


def clean_title(raw_title: str) -> str:
    """The heading's title as the user reads it: `**높은 러닝 커브** ##` -> `높은 러닝 커브`."""
    title = raw_title
    if "#" in title:
        title = _CLOSING_HASHES.sub("", title)
    if "%%" in title:
        title = _INLINE_COMMENT.sub("", title)
    if any(marker in title for marker in _INLINE_MARKERS):
        title = strip_inline_markup(title)
    return " ".join(title.split())


_BLOCK_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*"  # block quotes
    r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"  # list bullets
    r"(?:\[[ xX]\][ \t]+)?",  # task boxes
    re.MULTILINE,
)
_TABLE_RULE = re.compile(
    r"^(?=[ \t]*:|[^\n]*\|)[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|\Z)",
    re.MULTILINE,
)
_THEMATIC_BREAK = re.compile(
    r"^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})(?:\n|\Z)", re.MULTILINE
)
_TABLE_ROW = re.compile(r"^[ \t]*\|[^\n]*$|^[^\n]*\|[ \t]*$", re.MULTILINE)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]*\]")
_ANY_LINE_END = re.compile(r"\r\n|\r")


def _table_cells(match: re.Match[str]) -> str:
    return "  ".join(cell.strip() for cell in match.group().strip().strip("|").split("|"))


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown fragment with comments already removed.

    Markup goes (bullets, quote marks, table pipes and rules, emphasis, link
    targets); words, numbers and punctuation stay. Whole-fragment regex passes,
    not a loop over lines: this runs for every answer in the notes.
    """
    text = _ANY_LINE_END.sub("\n", markdown)
    if "-" in text:
        text = _TABLE_RULE.sub("", text)
    if "---" in text or "***" in text or "___" in text or "- -" in text:
        text = _THEMATIC_BREAK.sub("", text)
    text = strip_inline_markup(_BLOCK_PREFIX.sub("", text))
    if "|" in text:
        text = _TABLE_ROW.sub(_table_cells, text)
    if "[^" in text:
        text = _FOOTNOTE_REF.sub("", text)
    return "\n".join(line.strip(" \t") for line in text.split("\n"))


def has_text(markdown: str) -> bool:
    """Whether `plain_text(markdown)` holds a character that is not whitespace.

    Every pass of plain_text works within a line, so this reads line by line and
    stops at the first line with text: what a question's kind needs to know."""
    for line in _ANY_LINE_END.sub("\n", markdown).split("\n"):
        if line.strip() and plain_text(line).strip():
            return True
    return False


def remove_code_spans(text: str) -> str:
    return _CODE_SPAN.sub("", text) if "`" in text else text


def remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the given sorted, non-overlapping [start, end) spans."""
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def count_answer_chars(plain: str) -> int:
    """Characters a reader sees, whitespace not counted."""
    return len("".join(plain.split()))


def paragraphs(plain: str) -> list[str]:
    """The non-blank lines of plain answer text, trimmed: what is read one at a time."""
    return [line.strip() for line in plain.split("\n") if line.strip()]
