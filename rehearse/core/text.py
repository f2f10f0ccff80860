"""Decoding note bytes and keeping their line endings exactly as they were."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rehearse.core.linediff import line_opcodes

UTF8_BOM = b"\xef\xbb\xbf"
LINE_ENDINGS = ("\r\n", "\n", "\r")

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# str.splitlines() also breaks on these; when none is present it is safe (and fast) to use it.
_EXTRA_BREAK_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ENDING = re.compile(r"\r\n|\r|\n")


class UndecodableNote(ValueError):
    """The bytes are not UTF-8 text; the reason is meant for the user."""


@dataclass(frozen=True, slots=True)
class DecodedNote:
    text: str
    has_bom: bool

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of `text` (default: the decoded text) written the way this note was."""
        body = (self.text if text is None else text).encode("utf-8")
        return UTF8_BOM + body if self.has_bom else body


UTF16_REASON = "UTF-16 text: save it as UTF-8"
KOREAN_LEGACY_REASON = (
    "not UTF-8 but CP949/EUC-KR (Korean) text: convert it to UTF-8, "
    "e.g. iconv -f CP949 -t UTF-8 OLD.md > NEW.md"
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _is_utf16(data: bytes) -> bool:
    """A BOM, or NULs only in the high byte of each pair (ASCII in UTF-16), and text that
    decodes as such without control characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        sample = data[:8192]
        if b"\x00" not in sample or len(data) % 2:
            return False
        if b"\x00" not in sample[0::2]:
            codec = "utf-16-le"
        elif b"\x00" not in sample[1::2]:
            codec = "utf-16-be"
        else:
            return False
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    return not _CONTROL.search(text)


def _reads_as_cp949(data: bytes) -> bool:
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return False
    return _HANGUL.search(text) is not None


def decode_note(data: bytes) -> DecodedNote:
    if _is_utf16(data):
        raise UndecodableNote(UTF16_REASON)
    if b"\x00" in data[:8192]:
        raise UndecodableNote("binary file (contains NUL bytes)")
    has_bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if has_bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        if _reads_as_cp949(body):
            raise UndecodableNote(KOREAN_LEGACY_REASON) from None
        raise UndecodableNote(f"not UTF-8 text (invalid byte at offset {error.start})") from None
    return DecodedNote(text=text, has_bom=has_bom)


def encoded(like: DecodedNote, text: str) -> tuple[DecodedNote, bytes]:
    """`text` as the bytes of a note written the way `like` was, and what decode_note of
    them gives, found without decoding them (a 20 MB note's decode holds the GIL ~25 ms):
    UTF-8 reads back exactly, but for the texts decode_note refuses or reads otherwise."""
    data = like.encode(text)
    if b"\x00" in data[:8192] or (not like.has_bom and text.startswith("\ufeff")):
        return decode_note(data), data
    return DecodedNote(text=text, has_bom=like.has_bom), data


def split_lines(text: str) -> list[str]:
    """Lines with their endings kept; only CRLF, LF and CR end a line."""
    if not any(char in text for char in _EXTRA_BREAK_CHARS):
        return text.splitlines(keepends=True)
    return _LINE.findall(text)


def line_ending_of(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def dominant_line_ending(text: str) -> str:
    """The line ending most lines of `text` have (LF when none); a tie goes to the first of
    LINE_ENDINGS. Counted by str.count: a 20 MB note has 200,000 endings."""
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    best = max(LINE_ENDINGS, key=lambda ending: counts[ending])
    return best if counts[best] else "\n"


def to_lf(text: str) -> str:
    """The text as an editor shows it: every line ending is a plain LF."""
    return _ENDING.sub("\n", text)


def restore_line_endings(original: str, edited: str, fallback: str = "\n", after: str = "") -> str:
    """Give `edited` (LF-only text from an editor) the line endings of `original`.

    Lines that survived the edit keep their own ending; new or changed lines take
    the ending of the original line they replace, else of the nearest line above,
    else `fallback`. With no edit at all, `original` comes back unchanged. `after`
    is the text just before the region: a lone CR there must not meet an LF.
    """
    if to_lf(original) == edited:
        return original
    old_lines = split_lines(original)
    old_bodies = [line[: len(line) - len(line_ending_of(line))] for line in old_lines]
    old_endings = [line_ending_of(line) for line in old_lines]
    new_bodies = edited.split("\n")
    # The last piece has no ending of its own: it is what follows the final LF.
    new_endings: list[str] = ["\n"] * (len(new_bodies) - 1) + [""]
    kept = [False] * len(new_bodies)

    nearest = fallback
    for tag, i1, i2, j1, j2 in line_opcodes(old_bodies, new_bodies):
        for offset, j in enumerate(range(j1, j2)):
            if not new_endings[j]:
                continue
            if tag == "equal":
                ending = old_endings[i1 + offset] or nearest
                kept[j] = bool(old_endings[i1 + offset])
            elif tag == "replace" and i1 + offset < i2:
                ending = old_endings[i1 + offset] or nearest
            else:
                ending = nearest
            new_endings[j] = ending
            nearest = ending
        if i2 > i1 and old_endings[i2 - 1]:
            nearest = old_endings[i2 - 1]
    _keep_lone_cr_apart(new_bodies, new_endings, kept, line_ending_of(after))
    return "".join(body + ending for body, ending in zip(new_bodies, new_endings, strict=True))


def _keep_lone_cr_apart(
    bodies: list[str], endings: list[str], kept: list[bool], before: str
) -> None:
    """A lone CR followed by an empty line ending in LF would read back as one CRLF."""
    previous = before
    for index, (body, ending) in enumerate(zip(bodies, endings, strict=True)):
        if previous == "\r" and not body and ending == "\n":
            if kept[index] and index > 0:
                endings[index - 1] = "\r\n"  # the kept line keeps its LF
            else:  # the line before is outside the edit (or new): this one takes a CR
                endings[index] = "\r"
        previous = endings[index]
