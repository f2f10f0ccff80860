"""Three-way merges of one edited region into a note, and where that region lands after.

base = the note as the buffer was opened from it, mine = base with the buffer's
region replaced, theirs = the note as it is now. The merge works on lines with
their endings kept, so every byte outside the changes survives. The region is
followed through the merge's own line mapping, never found again by looking for
similar text.

Where the region's edges meet a change of theirs:
- text they inserted just before the region stays outside it (it ends the section
  above); text they inserted just after it joins it up to their next heading line
  (it is the end of this section's body as the file now reads);
- lines they replaced across an edge join the region.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate, pairwise

from merge3 import Merge3

from rehearse.core import linediff
from rehearse.core.text import split_lines


class Prefer(Enum):
    NEITHER = "neither"  # a conflicting hunk stops the merge
    MINE = "mine"  # conflicting hunks take my lines (the user chose "keep mine")
    THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class Merged:
    text: str  # the whole merged note
    start: int  # the region in `text`
    end: int
    theirs_end: int  # where the region ends in `theirs` (it starts at `start` there too)
    theirs_inside: bool  # the region holds changes of theirs: it is not mine_region any more


@dataclass(frozen=True, slots=True)
class Conflicted:
    hunks: int  # how many places inside the region both sides changed
    theirs_region: str  # their version of the region


def line_index(line_starts: Sequence[int], total: int, offset: int) -> int:
    """The index of the line starting at `offset` (a line boundary); the line count at the end."""
    if offset >= total:
        return len(line_starts) if total else 0
    return bisect_left(line_starts, offset)


def merge(
    base: str,
    start: int,
    end: int,
    mine_region: str,
    theirs: str,
    *,
    whole_file: bool = False,
    theirs_headings: Container[int] = (),
    prefer: Prefer = Prefer.NEITHER,
) -> Merged | Conflicted:
    """Merge base[start:end] -> mine_region into `theirs`.

    The region is found in `theirs` first (their changes outside it never meet
    mine); inside it the three versions are merged line by line. `start` and `end`
    are line boundaries of `base`; `theirs_headings` holds the indices of the
    heading lines of `theirs` (where an insertion after the region stops joining it).
    """
    base_lines = split_lines(base)
    theirs_lines = base_lines if theirs == base else split_lines(theirs)
    if whole_file:
        first, last, t0, t1 = 0, len(base_lines), 0, len(theirs_lines)
    else:
        starts = list(accumulate(map(len, base_lines), initial=0))[:-1]
        first = line_index(starts, len(base), start)
        last = line_index(starts, len(base), end)
        t0, t1 = _follow(base_lines, first, last, theirs_lines, theirs_headings)
    base_region = base_lines[first:last]
    theirs_region = theirs_lines[t0:t1]
    mine_lines = split_lines(mine_region)
    merged = _merge_lines(base_region, mine_lines, theirs_region, prefer)
    if isinstance(merged, int):
        return Conflicted(merged, "".join(theirs_region))
    head = "".join(theirs_lines[:t0])
    region = "".join(merged)
    their_part = "".join(theirs_region)
    text = head + region + "".join(theirs_lines[t1:])
    return Merged(
        text, len(head), len(head) + len(region), len(head) + len(their_part), region != mine_region
    )


def map_region(
    old: str, start: int, end: int, new: str, headings: Container[int] = ()
) -> tuple[int, int]:
    """Where the region [start, end) of `old` stands in `new` (a clean buffer following a file)."""
    result = merge(old, start, end, old[start:end], new, theirs_headings=headings)
    assert isinstance(result, Merged)  # mine is base: nothing can conflict
    return result.start, result.end


def _follow(
    base: list[str], first: int, last: int, theirs: list[str], headings: Container[int]
) -> tuple[int, int]:
    """Lines [first, last) of `base` followed into `theirs` through the diff between them."""
    # Only the stretch where the two differ goes through the diff: the lines they share at
    # both ends map one to one.
    prefix = _common_prefix(base, theirs)
    suffix = _common_suffix(base, theirs, len(base) - prefix, len(theirs) - prefix)
    if last < prefix:
        return first, last
    if first > len(base) - suffix:
        shift = len(theirs) - len(base)
        return first + shift, last + shift
    low = min(first, prefix)
    kept = min(suffix, len(base) - last)  # the region never reaches into the lines left out
    ops = linediff.line_opcodes(base[low : len(base) - kept], theirs[low : len(theirs) - kept])
    t0, t1 = _Edges(len(theirs) - kept - low, first - low, last - low, low, headings).run(ops)
    return low + t0, low + t1


def _merge_lines(
    base: list[str], mine: list[str], theirs: list[str], prefer: Prefer
) -> list[str] | int:
    """A line merge of three versions of one region; the number of conflicts if any."""
    if theirs in (base, mine):
        return mine
    if mine == base:
        return theirs
    if not {line for line in base if line.strip()} & set(theirs):
        # None of the region's lines is left in theirs (deleted, rewritten, or a note read
        # half-written): what the user edited is gone on their side, so they choose.
        return {Prefer.MINE: mine, Prefer.THEIRS: theirs}.get(prefer, 1)
    out: list[str] = []
    conflicts = 0
    iz = ia = ib = 0
    # difflib returns Match tuples where merge3's protocol names plain tuples.
    matcher = Merge3(base, mine, theirs, sequence_matcher=linediff.ExactMatcher)  # type: ignore[arg-type]
    for zmatch, zend, amatch, aend, bmatch, bend in matcher.find_sync_regions():
        ours, yours, was = mine[ia:amatch], theirs[ib:bmatch], base[iz:zmatch]
        if ours == yours or yours == was:
            out += ours
        elif ours == was:
            out += yours
        elif (both := _apart(was, ours, yours)) is not None:
            out += both
        elif prefer is Prefer.MINE:
            out += ours
        elif prefer is Prefer.THEIRS:
            out += yours
        else:
            conflicts += 1
        out += mine[amatch:aend]
        iz, ia, ib = zend, aend, bend
    return conflicts or out


def _common_prefix(a: list[str], b: list[str]) -> int:
    """How many leading lines `a` and `b` share (list slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: list[str], b: list[str], a_limit: int, b_limit: int) -> int:
    """How many trailing lines they share, within the last `a_limit` / `b_limit` lines."""
    low, high = 0, min(a_limit, b_limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def _apart(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    """Both sides' changes to one stretch when no base line is changed by both, and no two
    insertions meet at one place (adjacent edits of different lines are not a conflict)."""
    changes: list[tuple[int, int, int, list[str]]] = []  # (from, to, side, new lines)
    for side, lines in ((0, mine), (1, theirs)):
        for tag, i1, i2, j1, j2 in linediff.ExactMatcher(None, base, lines).get_opcodes():
            if tag != "equal":
                changes.append((i1, i2, side, lines[j1:j2]))
    changes.sort(key=lambda change: (change[0], change[1] > change[0], change[2]))
    for (a1, a2, a_side, _), (b1, b2, b_side, _) in pairwise(changes):
        if a_side == b_side:
            continue
        if b1 < a2 or (a1 == a2 == b1 and b1 == b2) or (a1 == a2 and b1 < a1 < b2):
            return None
    out: list[str] = []
    position = 0
    for start, end, _, lines in changes:
        out += base[position:start] + lines
        position = max(position, end)
    return out + base[position:]


class _Edges:
    """Follows the region's two edges through the diff of base and theirs."""

    def __init__(
        self,
        theirs_length: int,
        r0: int,
        r1: int,
        theirs_offset: int,
        theirs_headings: Container[int],
    ) -> None:
        self.theirs_length = theirs_length
        self.r0, self.r1 = r0, r1
        self.theirs_offset = theirs_offset
        self.theirs_headings = theirs_headings
        self.o0: int | None = None
        self.o1: int | None = None

    def run(self, opcodes: Sequence[linediff.Opcode]) -> tuple[int, int]:
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                self._same(i1, i2, j1)
            else:
                self._replaced(i1, i2, j1, j2)
        end = self.theirs_length
        o0 = end if self.o0 is None else self.o0
        o1 = end if self.o1 is None else self.o1
        return o0, max(o0, o1)

    def _same(self, a_from: int, a_to: int, b_from: int) -> None:
        """Lines the two share: the edges inside map one to one."""
        if a_from <= self.r0 < a_to:
            self.o0 = b_from + self.r0 - a_from
        if a_from < self.r1 <= a_to:
            self.o1 = b_from + self.r1 - a_from

    def _replaced(self, a_from: int, a_to: int, before: int, after: int) -> None:
        """Their lines [before, after) replace base[a_from:a_to]."""
        r0, r1 = self.r0, self.r1
        if a_from == a_to:  # an insertion
            if r0 == a_from:
                self.o0 = after  # it ends the text above the region
            if r1 == a_from:
                self.o1 = before + self._body_lines(before, after)
            return
        if a_from <= r0 < a_to:
            self.o0 = before
        elif r0 == a_to:
            self.o0 = after
        if a_from < r1 <= a_to:
            self.o1 = after
        elif r1 == a_from:
            self.o1 = before

    def _body_lines(self, b_from: int, b_to: int) -> int:
        """How many of their inserted lines come before their first heading line."""
        for index in range(b_from, b_to):
            if index + self.theirs_offset in self.theirs_headings:
                return index - b_from
        return b_to - b_from
