"""The Myers line diff: valid runs, a shortest edit script, and difflib's opcode shape."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from rehearse.core import linediff

LINES = ["## 질문\n", "답변입니다.\n", "\n", "", "- 항목\n", "```\n", "\r\n"]
notes = st.lists(st.sampled_from(LINES), max_size=40)


def fewest_edits(a: list[str], b: list[str]) -> int:
    """Lines inserted plus deleted by a shortest edit script (through the LCS)."""

    @cache
    def lcs(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return 0
        if a[i] == b[j]:
            return 1 + lcs(i + 1, j + 1)
        return max(lcs(i + 1, j), lcs(i, j + 1))

    return len(a) + len(b) - 2 * lcs(0, 0)


@settings(max_examples=400, deadline=None)
@given(a=notes, b=notes)
def test_runs_are_shared_in_order_and_the_script_is_shortest(a: list[str], b: list[str]) -> None:
    blocks = linediff.matching_blocks(a, b, most=len(a) + len(b))
    assert blocks is not None
    i = j = 0
    for start_a, start_b, size in blocks:
        assert size > 0 and start_a >= i and start_b >= j
        assert a[start_a : start_a + size] == b[start_b : start_b + size]
        i, j = start_a + size, start_b + size
    assert len(a) + len(b) - 2 * sum(size for *_, size in blocks) == fewest_edits(a, b)


@settings(max_examples=200, deadline=None)
@given(a=notes, b=notes)
def test_opcodes_cover_both_sides_end_to_end(a: list[str], b: list[str]) -> None:
    ops = linediff.opcodes(a, b, most=len(a) + len(b))
    rebuilt: list[str] = []
    i = j = 0
    for tag, a1, a2, b1, b2 in ops:
        assert (a1, b1) == (i, j)
        rebuilt += a[a1:a2] if tag == "equal" else b[b1:b2]
        i, j = a2, b2
    assert (i, j) == (len(a), len(b)) and rebuilt == b


def test_a_long_note_with_two_far_changes_costs_the_changes_not_the_length() -> None:
    """200,000 lines, a third of them blank, one edit near the top and one at the end:
    difflib took minutes over this (hostile trial); here two changes, two steps."""
    base = [
        f"## 질문 {n}\n" if n % 3 == 0 else ("\n" if n % 3 == 1 else "답변.\n")
        for n in range(200_000)
    ]
    theirs = [*base[:10], "바뀐 줄\n", *base[11:], "끝에 덧붙인 줄\n"]
    ops = linediff.opcodes(base, theirs, most=10)
    assert [op for op in ops if op[0] != "equal"] == [
        ("replace", 10, 11, 10, 11),
        ("insert", 200_000, 200_000, 200_000, 200_001),
    ]


@settings(max_examples=300, deadline=None)
@given(a=notes, b=notes, most=st.integers(0, 3))
def test_anchored_runs_are_shared_and_in_order(a: list[str], b: list[str], most: int) -> None:
    """Past `most` changes the runs come through the lines found once in each: still
    shared, in order, never overlapping, whatever they leave unmatched."""
    i = j = 0
    for start_a, start_b, size in linediff.anchored_blocks(a, b, most):
        assert size > 0 and start_a >= i and start_b >= j
        assert a[start_a : start_a + size] == b[start_b : start_b + size]
        i, j = start_a + size, start_b + size


def test_a_word_changed_on_every_answer_keeps_every_heading_in_place() -> None:
    """`sed` of a word on 60,000 answers: far past Myers' budget, so anchored on the
    headings (found once in each), and every heading maps to itself."""
    base = [line for n in range(60_000) for line in (f"## 질문 {n}\n", "the 답변.\n", "\n")]
    theirs = [line.replace("the", "THE") for line in base]
    ops = linediff.opcodes(base, theirs, most=200)
    equal = [op for op in ops if op[0] == "equal"]
    assert all(a1 == b1 for _, a1, _, b1, _ in equal)  # nothing moved
    kept = {line for _, a1, a2, _, _ in equal for line in range(a1, a2)}
    assert all(3 * n in kept for n in range(60_000))  # every heading matched to itself
