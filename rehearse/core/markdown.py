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


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


def scan(lines: list[str]) -> Scan:
    """Classify `lines` (with endings, as `text.split_lines` gives them)."""
    headings: list[Heading] = []
    comments: list[tuple[int, int]] = []
    fence_lines: set[int] = set()
    front_matter_end = 0
    offset = 0
    start = 0

    if lines and _strip_ending(lines[0]) == _FRONT_MATTER_OPEN:
        for index in range(1, len(lines)):
            if _strip_ending(lines[index]).rstrip() in _FRONT_MATTER_CLOSE:
                start = index + 1
                front_matter_end = sum(len(line) for line in lines[:start])
                offset = front_matter_end
                break

    fence: str | None = None  # the opening run of backticks or tildes
    comment_start: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if comment_start is None:
            first = line.lstrip(" ")[:1]
            if fence is not None:
                if first == fence[0]:
                    match = _FENCE.match(_strip_ending(line))
                    if match and match.group(1).startswith(fence) and not match.group(2).strip():
                        fence = None
                        fence_lines.add(index)
                offset += len(line)
                continue
            if first == "#":
                match = _HEADING.match(_strip_ending(line))
                if match:
                    headings.append(Heading(index, len(match.group(1)), match.group(2) or ""))
            elif first in ("`", "~"):
                match = _FENCE.match(_strip_ending(line))
                if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                    fence = match.group(1)
                    fence_lines.add(index)
                    offset += len(line)
                    continue
        if COMMENT_MARK in line:
            position = line.find(COMMENT_MARK)
            while position != -1:
                if comment_start is None:
                    comment_start = offset + position
                else:
                    comments.append((comment_start, offset + position + len(COMMENT_MARK)))
                    comment_start = None
                position = line.find(COMMENT_MARK, position + len(COMMENT_MARK))
        offset += len(line)
    if comment_start is not None:  # an unclosed comment runs to the end, as in Obsidian
        comments.append((comment_start, offset))
    return Scan(tuple(headings), tuple(comments), frozenset(fence_lines), front_matter_end)


_INLINE_COMMENT = re.compile(r"%%.*?(?:%%|\Z)")  # an unclosed one runs to the end of the line
_WIKILINK = re.compile(r"!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(
    r"(\*\*|__|~~|==)(?=\S)(.+?)(?<=\S)\1"  # strong, strike, highlight
    r"|(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"  # *em*, also inside words
    r"|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"  # _em_
)


def _unwrap_emphasis(match: re.Match[str]) -> str:
    return match.group(2) or match.group(3) or match.group(4) or ""


def strip_inline_markup(text: str) -> str:
    """Text as read: links, wiki-links, code spans, HTML tags and emphasis unwrapped."""
    text = _WIKILINK.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)
    text = _LINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    previous = None
    while previous != text:  # nested emphasis such as ***both***
        previous = text
        text = _EMPHASIS.sub(_unwrap_emphasis, text)
    return text


def clean_title(raw_title: str) -> str:
    """The heading's title as the user reads it: `**높은 러닝 커브** ##` -> `높은 러닝 커브`."""
    title = _CLOSING_HASHES.sub("", raw_title)
    title = _INLINE_COMMENT.sub("", title)
    return " ".join(strip_inline_markup(title).split())


_BLOCK_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*"  # block quotes
    r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"  # list bullets
    r"(?:\[[ xX]\][ \t]+)?"  # task boxes
)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")


def plain_lines(markdown: str) -> list[str]:
    """The readable lines of a Markdown fragment with comments already removed.

    Markup goes (bullets, quote marks, table pipes and rules, emphasis, link
    targets); words, numbers and punctuation stay.
    """
    out: list[str] = []
    for raw in markdown.splitlines():
        if _TABLE_RULE.match(raw) and "-" in raw and ("|" in raw or raw.strip().startswith(":")):
            continue
        if _THEMATIC_BREAK.match(raw):
            continue
        line = strip_inline_markup(_BLOCK_PREFIX.sub("", raw, count=1))
        stripped = line.strip()
        if stripped.startswith("|") or stripped.endswith("|"):  # a table row
            line = "  ".join(cell.strip() for cell in stripped.strip("|").split("|"))
        line = _FOOTNOTE_REF.sub("", line)
        out.append(line.strip())
    return out


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


def count_answer_chars(plain: list[str]) -> int:
    """Characters a reader sees, whitespace not counted."""
    return sum(len("".join(line.split())) for line in plain)
