"""A line diff whose cost follows the number of changed lines, not the length of the note.

difflib's SequenceMatcher (without its popular-line heuristic, which misaligns notes
full of blank lines) looks at every place a line occurs: on a note of 200,000 lines,
a third of them blank, one external edit near its top and one at its end took
minutes. Myers' algorithm walks the lines the two share at C speed and spends its
Python steps on the differences only: O((N + M) D) for D changed lines. Changes all
over the note (a `sed` of every answer) are anchored first, as patience diff does, on
the lines found once in each version (headings, mostly), and each stretch between two
anchors is diffed on its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

Opcode = tuple[str, int, int, int, int]  # as difflib's get_opcodes() gives them
STEP = 64  # lines compared in one slice while following a run of shared lines
MAX_DEPTH = 4  # stretches anchored again on their own unique lines, this many levels deep
SHORT = 4000  # lines (both sides) still diffed by difflib, as they always were
MOST_CHANGED = 200  # changed lines a long stretch is diffed through before it is anchored


class ExactMatcher(SequenceMatcher[Any]):
    """difflib's matcher without its "popular line" heuristic, which misaligns long notes
    full of blank lines (merge3 makes its own, hence the signature)."""

    def __init__(
        self,
        isjunk: Callable[[Any], bool] | None = None,
        a: Sequence[Any] = "",
        b: Sequence[Any] = "",
        autojunk: bool = False,
    ) -> None:
        super().__init__(isjunk, a, b, autojunk=False)


def line_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """ExactMatcher's opcodes for short texts; long ones at the cost of their changes
    (`opcodes`)."""
    if len(a) + len(b) <= SHORT:
        return list(ExactMatcher(None, a, b).get_opcodes())
    return opcodes(a, b, MOST_CHANGED)


def _shared_run(a: Sequence[str], b: Sequence[str], x: int, y: int) -> int:
    """How many lines from a[x] and b[y] on are the same."""
    start, limit = x, min(len(a) - x, len(b) - y) + x
    while x + STEP <= limit and a[x : x + STEP] == b[y : y + STEP]:
        x, y = x + STEP, y + STEP
    while x < limit and a[x] == b[y]:
        x, y = x + 1, y + 1
    return x - start


def matching_blocks(
    a: Sequence[str], b: Sequence[str], most: int
) -> list[tuple[int, int, int]] | None:
    """(i, j, size) runs where a[i:i+size] == b[j:j+size], in order, as a shortest edit
    script leaves them; None when more than `most` lines are inserted or deleted."""
    n, m = len(a), len(b)
    furthest = {1: 0}  # the furthest x reached on each diagonal k = x - y
    trace: list[dict[int, int]] = []
    for d in range(min(most, n + m) + 1):
        trace.append(dict(furthest))
        for k in range(-d, d + 1, 2):
            down = k == -d or (k != d and furthest[k - 1] < furthest[k + 1])
            x = furthest[k + 1] if down else furthest[k - 1] + 1
            x += _shared_run(a, b, x, x - k)
            furthest[k] = x
            if x >= n and x - k >= m:
                return _backtrack(trace, n, m)
    return None


def _backtrack(trace: list[dict[int, int]], n: int, m: int) -> list[tuple[int, int, int]]:
    blocks: list[tuple[int, int, int]] = []
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        furthest, k = trace[d], x - y
        down = k == -d or (k != d and furthest[k - 1] < furthest[k + 1])
        previous_x = furthest[k + 1] if down else furthest[k - 1]
        previous_y = previous_x - (k + 1 if down else k - 1)
        start_x, start_y = (previous_x, previous_y + 1) if down else (previous_x + 1, previous_y)
        if x > start_x:
            blocks.append((start_x, start_y, x - start_x))
        x, y = previous_x, previous_y
    if x > 0:
        blocks.append((0, 0, x))
    return blocks[::-1]


def anchored_blocks(
    a: Sequence[str], b: Sequence[str], most: int, depth: int = 0
) -> list[tuple[int, int, int]]:
    """Matching runs through the lines found once in each (in order in both); between two
    of them Myers' runs, or anchors again on the lines found once in that stretch (a title
    many sections share is unique between its neighbours), or failing those `_ends`."""
    in_a, in_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if in_b[line] == 1}
    pairs = [(i, where_b[line]) for i, line in enumerate(a) if in_a[line] == 1 and line in where_b]
    anchors = _in_order(pairs)
    if not anchors:
        return _ends(a, b)
    blocks: list[tuple[int, int, int]] = []
    low_a = low_b = 0
    for i, j in [*anchors, (len(a), len(b))]:
        gap_a, gap_b = a[low_a:i], b[low_b:j]
        between = matching_blocks(gap_a, gap_b, most)
        if between is None:
            between = (
                anchored_blocks(gap_a, gap_b, most, depth + 1)
                if depth < MAX_DEPTH
                else _ends(gap_a, gap_b)
            )
        blocks += [(low_a + x, low_b + y, size) for x, y, size in between]
        if i < len(a):
            blocks.append((i, j, 1))
        low_a, low_b = i + 1, j + 1
    return _joined(blocks)


def _ends(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Without anchors: as many lines each way line for line (a `sed` keeps the count),
    else the lines both start with and those both end with."""
    if len(a) == len(b):
        same = [i for i in range(len(a)) if a[i] == b[i]]
        return _joined([(i, i, 1) for i in same])
    head = _shared_run(a, b, 0, 0)
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    runs = [(0, 0, head)] if head else []
    return [*runs, (len(a) - tail, len(b) - tail, tail)] if tail else runs


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first) whose seconds increase too."""
    tails: list[int] = []  # the smallest second ending a run of each length
    ends: list[int] = []  # which pair ends it
    before = [-1] * len(pairs)
    for number, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(number)
        else:
            tails[length], ends[length] = j, number
        before[number] = ends[length - 1] if length else -1
    found: list[tuple[int, int]] = []
    number = ends[-1] if ends else -1
    while number != -1:
        found.append(pairs[number])
        number = before[number]
    return found[::-1]


def _joined(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    joined: list[tuple[int, int, int]] = []
    for i, j, size in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            start_a, start_b, length = joined.pop()
            joined.append((start_a, start_b, length + size))
        else:
            joined.append((i, j, size))
    return joined


def opcodes(a: Sequence[str], b: Sequence[str], most: int) -> list[Opcode]:
    """difflib-style opcodes turning a into b: Myers' when at most `most` lines are
    inserted or deleted, else through anchors (anchored_blocks)."""
    blocks = matching_blocks(a, b, most)
    if blocks is None:
        blocks = anchored_blocks(a, b, most)
    found: list[Opcode] = []
    i = j = 0
    for start_a, start_b, size in [*blocks, (len(a), len(b), 0)]:
        if i < start_a and j < start_b:
            found.append(("replace", i, start_a, j, start_b))
        elif i < start_a:
            found.append(("delete", i, start_a, j, start_b))
        elif j < start_b:
            found.append(("insert", i, start_a, j, start_b))
        i, j = start_a + size, start_b + size
        if size:
            found.append(("equal", start_a, i, start_b, j))
    return found
