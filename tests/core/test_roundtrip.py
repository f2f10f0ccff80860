"""Round-trip properties: a note's bytes survive parsing, and an edit changes only its section."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rehearse.core.buffer import Buffer, render_region
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, parse_note
from rehearse.core.session import EditSession, Saved, SaveOutcome
from rehearse.core.text import (
    LINE_ENDINGS,
    UTF8_BOM,
    DecodedNote,
    UndecodableNote,
    decode_note,
    dominant_line_ending,
    encoded,
    line_ending_of,
    restore_line_endings,
    split_lines,
    to_lf,
)
from tests.conftest import write_note

ENDINGS = ("\r\n", "\n", "\r")
NOTE_PATH = Path("노트.md")

# --- strategies -----------------------------------------------------------------------------

hangul = st.text(
    alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=6
)
word = st.one_of(
    hangul,
    st.sampled_from(["Kafka", "파티션", "동시성", "GC", "레디스", "트랜잭션", "C#", "1.5초"]),
)
phrase = st.lists(word, min_size=1, max_size=4).map(" ".join)
# Anything an editor could hold on one line: no line breaks, no NUL (a NUL makes a file binary).
any_line = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\n\x00"),
    max_size=20,
)


@st.composite
def titles(draw: st.DrawFn) -> str:
    text = draw(phrase)
    style = draw(st.sampled_from(["plain", "strong", "em", "closing", "wiki", "link", "comment"]))
    return {
        "plain": text,
        "strong": f"**{text}**",
        "em": f"*{text}*를",
        "closing": f"{text} ##",
        "wiki": f"[[{text}|별칭]]",
        "link": f"[{text}](https://example.com)",
        "comment": f"{text} %% 메모 %%",
    }[style]


@st.composite
def heading_lines(draw: st.DrawFn) -> str:
    return "#" * draw(st.integers(1, 6)) + " " + draw(titles())


BLOCK_KINDS = (
    "prose", "spaces", "comment", "comment-block", "fence", "table", "list", "empty", "any",
)  # fmt: skip


@st.composite
def body_blocks(draw: st.DrawFn) -> list[str]:
    """A few lines of answer text: prose, tabs, trailing spaces, comments, fences, tables."""
    kind = draw(st.sampled_from(BLOCK_KINDS))
    text = draw(phrase)
    if kind == "prose":
        return [text]
    if kind == "spaces":
        return [f"\t{text}\t{draw(phrase)}   "]
    if kind == "comment":
        return [f"{text} %% {draw(phrase)} %%"]
    if kind == "comment-block":
        return [f"%% {text}", f"# {draw(phrase)}", "끝 %%"]
    if kind == "fence":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        return [f"{fence}bash", f"# {text}", f"## {draw(phrase)}", fence]
    if kind == "table":
        return [f"| {text} | 값 |", "| --- | :-: |", f"| {draw(phrase)} | 5ms |"]
    if kind == "list":
        return [f"- {text}", f"- **{draw(phrase)}**"]
    if kind == "empty":
        return [""]
    return [draw(any_line)]


@st.composite
def section_lines(draw: st.DrawFn) -> list[str]:
    lines = [draw(heading_lines())]
    for block in draw(st.lists(body_blocks(), max_size=4)):
        lines.extend(block)
    return lines


@st.composite
def note_bytes(draw: st.DrawFn) -> bytes:
    """A note as stored on disk: BOM or not, front matter or not, mixed line endings."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", f"회사: {draw(phrase)}", "# 제목 아님", "---"]
    for block in draw(st.lists(body_blocks(), max_size=2)):
        lines.extend(block)
    for section in draw(st.lists(section_lines(), max_size=5)):
        lines.extend(section)
    endings = draw(st.lists(st.sampled_from(ENDINGS), min_size=len(lines), max_size=len(lines)))
    if lines and not draw(st.booleans()):
        endings[-1] = ""  # no trailing newline
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
    bom = UTF8_BOM if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


@st.composite
def editor_texts(draw: st.DrawFn) -> str:
    """What an editor hands back for a section: LF lines, maybe new headings, maybe no final LF."""
    line = st.one_of(
        phrase,
        heading_lines(),
        st.just(""),
        any_line,
        phrase.map(lambda text: f"## 새 질문 {text}"),
    )
    lines = draw(st.lists(line, max_size=6))
    final_newline = draw(st.booleans())
    return "\n".join(lines) + ("\n" if lines and final_newline else "")


def parse(raw: bytes) -> NoteFile:
    return parse_note(NOTE_PATH, raw)


def splice(note: NoteFile, start: int, end: int, edited: str) -> str:
    return note.text[:start] + render_region(note, start, end, edited) + note.text[end:]


def save_edit(path: Path, title: str, new_text: str) -> tuple[SaveOutcome, Buffer]:
    session = EditSession(open_notebook(path.parent))
    note = session.note(path)
    assert note is not None
    section = next(s for s in note.questions if s.title == title)
    buffer = session.open_section(note, section)
    session.edit(buffer, new_text)
    return session.save(buffer), buffer


def expected_region(new_text: str, follows: str) -> str:
    """The spliced region with LF endings: the new text, plus one line ending when the
    new text stops mid-line and more of the file follows (so the next heading stays a heading)."""
    if new_text and not new_text.endswith("\n") and follows:
        return new_text + "\n"
    return new_text


# --- (1) bytes survive parsing --------------------------------------------------------------


@given(note_bytes())
@example("\ufeff---\r\n회사: 예시\n---\r## 자기소개\r\n본문\r\n\r".encode())
def test_parse_then_encode_is_byte_identical(raw: bytes) -> None:
    note = parse(raw)
    assert note.raw == raw
    assert note.decoded.encode() == raw
    assert note.decoded.has_bom == raw.startswith(UTF8_BOM)
    # The sections tile the text.
    assert note.sections[0].start == 0
    assert note.sections[-1].end == len(note.text)
    assert "".join(note.section_text(s) for s in note.sections) == note.text


# --- (2) an edit changes only its own section -----------------------------------------------


@given(note_bytes(), st.integers(min_value=0, max_value=1000), editor_texts())
@example(
    # A blank line typed after a CR-ended line, followed by a changed last line.
    "## 가\r\n나\r다\n## 라\n".encode(),
    1,
    "## 가\n나\n\n라",
)
@example(
    # An old blank line matched as kept lands first in the region, right after a lone CR.
    b"a\r\n- x\r# b\r\n- y\r\n\n# c\r",
    1,
    "\n",
)
def test_splice_changes_only_the_section(raw: bytes, choice: int, new_text: str) -> None:
    note = parse(raw)
    section = note.sections[choice % len(note.sections)]
    text = note.text
    before, follows = text[: section.start], text[section.end :]

    spliced = splice(note, section.start, section.end, new_text)
    encoded = note.decoded.encode(spliced)

    bom = UTF8_BOM if note.decoded.has_bom else b""
    prefix = bom + before.encode("utf-8")
    suffix = follows.encode("utf-8")
    assert encoded.startswith(prefix)
    assert encoded.endswith(suffix)
    assert len(encoded) >= len(prefix) + len(suffix)
    assert encoded.startswith(UTF8_BOM) == raw.startswith(UTF8_BOM)

    region = spliced[len(before) : len(spliced) - len(follows)]
    assert spliced == before + region + follows
    if new_text and not new_text.endswith("\n") and follows:
        # The one permitted addition: a single line ending, so the next heading stays on its line.
        assert region[-1:] in ("\n", "\r")
        assert to_lf(region) == new_text + "\n"
    else:
        assert to_lf(region) == new_text

    # What the user sees after the file is read again: everything else as before, the
    # section exactly as typed (no line merged into its neighbour by a stray CR + LF).
    reread = parse(encoded)
    assert to_lf(reread.text) == to_lf(before) + expected_region(new_text, follows) + to_lf(follows)


@given(note_bytes(), st.integers(min_value=0, max_value=1000), editor_texts())
@example("## 질문 A\n\n## 질문 B\n답 B\n".encode(), 1, "## 질문 A\n\n답 A")
def test_a_saved_buffer_is_clean(raw: bytes, choice: int, new_text: str) -> None:
    """Saved means saved: after writing, the buffer's text is what its region holds."""
    note = parse(raw)
    section = note.sections[choice % len(note.sections)]
    buffer = Buffer(note, section.start, section.end, whole_file=section.is_preamble)
    buffer.text = new_text
    written = parse(note.decoded.encode(splice(note, section.start, section.end, new_text)))
    start = section.start
    buffer.place(written, start, start + len(buffer.rendered()))

    assert not buffer.dirty


# --- (3) an unchanged section writes back identical bytes ------------------------------------


@given(note_bytes())
def test_splicing_back_unchanged_sections_is_identity(raw: bytes) -> None:
    note = parse(raw)
    for section in note.sections:
        unchanged = to_lf(note.section_text(section))
        spliced = splice(note, section.start, section.end, unchanged)
        assert spliced == note.text
        assert note.decoded.encode(spliced) == raw


# --- (4) line endings are restored ----------------------------------------------------------

mixed_text = st.lists(st.tuples(any_line, st.sampled_from(ENDINGS)), max_size=12).map(
    lambda pairs: "".join(body + ending for body, ending in pairs)
)


@given(mixed_text, any_line)
def test_restore_line_endings_of_unedited_text_is_identity(text: str, tail: str) -> None:
    for original in (text, text + tail):
        assert restore_line_endings(original, to_lf(original)) == original


@st.composite
def line_edits(draw: st.DrawFn) -> tuple[list[str], list[str], int, int, list[str]]:
    """Unique original lines with mixed endings; a block [a, b) of them replaced by new lines."""
    count = draw(st.integers(0, 8))
    bodies = [f"줄 {i} {draw(phrase)}" for i in range(count)]
    endings = draw(st.lists(st.sampled_from(ENDINGS), min_size=count, max_size=count))
    a = draw(st.integers(0, count))
    b = draw(st.integers(a, count))
    new = draw(st.lists(st.one_of(st.just(""), phrase.map(lambda t: f"새 {t}")), max_size=3))
    return bodies, endings, a, b, new


@given(line_edits())
@example((["줄 0 가", "줄 1 나"], ["\r", "\n"], 1, 2, ["", "새 다"]))
def test_restore_line_endings_keeps_endings_of_unchanged_lines(
    case: tuple[list[str], list[str], int, int, list[str]],
) -> None:
    bodies, endings, a, b, new = case
    old_lines = [body + ending for body, ending in zip(bodies, endings, strict=True)]
    original = "".join(old_lines)
    edited_bodies = bodies[:a] + new + bodies[b:]
    edited = "".join(body + "\n" for body in edited_bodies)

    restored = restore_line_endings(original, edited)

    assert to_lf(restored) == edited
    lines = split_lines(restored)
    assert len(lines) == len(edited_bodies)
    assert lines[:a] == old_lines[:a]
    assert lines[len(lines) - (len(bodies) - b) :] == old_lines[b:]
    for line in lines[a : a + len(new)]:
        assert line.endswith(ENDINGS)


# --- a real file on disk ---------------------------------------------------------------------


def test_save_region_on_disk_changes_only_that_section(tmp_path: Path) -> None:
    raw = (
        UTF8_BOM
        + (
            "---\r\n회사: 예시\r\n---\r\n"
            "# 기술\n"
            "## 카프카란?\r\n"
            "분산 로그입니다.\t \r\n"
            "%% 꼬리 질문 대비 %%\r"
            "```\n# 코드 주석\n```\n"
            "## 레디스\r"
            "인메모리 저장소\n"
            "| 항목 | 값 |\r\n|---|---|\r\n"
            "### 자료구조\r\n"
            "끝"
        ).encode()
    )
    path = write_note(tmp_path, "기술.md", raw)
    note = parse_note(path, path.read_bytes())
    section = next(s for s in note.questions if s.title == "레디스")
    new_text = (
        "## 레디스\n인메모리 **키-값** 저장소입니다.\n\n## 새 질문: 캐시 전략\n캐시 어사이드\n"
    )

    outcome, buffer = save_edit(path, "레디스", new_text)

    assert isinstance(outcome, Saved) and not buffer.dirty
    on_disk = path.read_bytes()
    prefix = UTF8_BOM + note.text[: section.start].encode()
    suffix = note.text[section.end :].encode()
    assert on_disk.startswith(prefix)
    assert on_disk.endswith(suffix)
    middle = on_disk[len(prefix) : len(on_disk) - len(suffix)].decode()
    assert to_lf(middle) == new_text
    # The edited lines take the section's own (CR) endings, not the file's majority.
    assert middle.startswith("## 레디스\r인메모리")
    assert outcome.note.raw == on_disk
    assert [s.title for s in outcome.note.questions] == [
        "기술", "카프카란?", "레디스", "새 질문: 캐시 전략", "자료구조",
    ]  # fmt: skip


def test_blank_line_typed_after_a_cr_line_survives(tmp_path: Path) -> None:
    # Old Mac (CR) lines pasted into an LF note: the user adds a blank line under "나".
    path = write_note(tmp_path, "혼합.md", "## 가\r\n나\r다\n## 라\n".encode())
    new_text = "## 가\n나\n\n라"

    outcome, buffer = save_edit(path, "가", new_text)

    assert isinstance(outcome, Saved) and not buffer.dirty
    reread = parse_note(path, path.read_bytes())
    assert to_lf(reread.section_text(reread.questions[0])) == "## 가\n나\n\n라\n"
    assert to_lf(reread.text) == "## 가\n나\n\n라\n## 라\n"


def test_line_endings_of_a_long_region_come_back_at_the_cost_of_the_edit() -> None:
    """A region of 150,000 CRLF lines, a third of them blank, with one line typed: every
    line keeps its CRLF and the new one takes it. difflib held the UI for minutes over
    such a region (hostile trial, round 3)."""
    lines = [
        f"## 질문 {n}" if n % 3 == 0 else ("" if n % 3 == 1 else "답변.") for n in range(150_000)
    ]
    original = "".join(line + "\r\n" for line in lines)
    edited = "\n".join([*lines[:70_000], "새 줄", *lines[70_000:]]) + "\n"
    restored = restore_line_endings(original, edited)
    assert restored == "".join(
        line + "\r\n" for line in [*lines[:70_000], "새 줄", *lines[70_000:]]
    )


@given(text=st.text(alphabet="a가\r\n", max_size=60))
def test_dominant_line_ending_is_the_one_most_lines_end_with(text: str) -> None:
    endings = [line_ending_of(line) for line in split_lines(text)]
    ended = [ending for ending in endings if ending]
    expected = max(LINE_ENDINGS, key=ended.count) if ended else "\n"
    assert dominant_line_ending(text) == expected


@given(text=st.text(alphabet="\ufeff\x00가a\r\n\ufffe", max_size=30), has_bom=st.booleans())
@example(text="\ufeff자기소개", has_bom=False)
def test_encoded_text_reads_as_decoding_its_bytes_reads(text: str, has_bom: bool) -> None:
    like = DecodedNote("", has_bom)
    try:
        expected = decode_note(like.encode(text))
    except UndecodableNote:
        with pytest.raises(UndecodableNote):
            encoded(like, text)
        return
    assert encoded(like, text) == (expected, like.encode(text))
