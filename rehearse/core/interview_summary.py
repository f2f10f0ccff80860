"""The mock interview's summary: one row a question, chains kept together, sums that add up.

Every time is rounded once, to whole seconds, and the total is the sum of the
rounded rows, so `0:07 + 0:01 + 0:01` is `0:09 spoken`, never `0:08`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rehearse.core.interview import RoundResult
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration


def whole_seconds(seconds: float) -> int:
    """Rounded half up, as `format_duration` shows it."""
    return int(max(seconds, 0.0) + 0.5)


@dataclass(frozen=True, slots=True)
class SummaryRow:
    number: str  # the chain's number on its first row; "" on its follow-ups
    title: str
    depth: int  # 0 for a question, 1 for its follow-up, 2 for a follow-up's follow-up …
    seconds: int
    target: int
    grade: str  # again … easy, or skipped / not graded
    result: RoundResult


@dataclass(frozen=True)
class Summary:
    rows: list[SummaryRow]
    asked: int  # questions in the interview
    graded: int
    skipped: int
    not_graded: int
    seconds: int  # the sum of the rows' seconds
    cut_off: int  # graded answers the clock ran out on
    grades: dict[str, int]  # again … easy -> how many

    def line(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.grades.items())
        stopped = f", {self.not_graded} not graded" if self.not_graded else ""
        return (
            f"Done: {self.graded} of {self.asked} graded, {self.skipped} skipped{stopped}, "
            f"{format_duration(self.seconds)} spoken, {self.cut_off} cut off by the clock. "
            f"Grades: {counts}."
        )


def summarize(results: Sequence[RoundResult], asked: int) -> Summary:
    rows = []
    seen_groups: set[int] = set()
    for result in results:
        group = result.link.group
        first = group not in seen_groups
        seen_groups.add(group)
        if result.grade is not None:
            grade = GRADE_NAMES[result.grade]
        else:
            grade = "skipped" if result.skipped else "not graded"
        rows.append(
            SummaryRow(
                str(group + 1) if first else "",
                result.question.title,
                len(result.link.above),
                whole_seconds(result.spoken_s),
                whole_seconds(result.target_s),
                grade,
                result,
            )
        )
    graded = [result for result in results if result.grade is not None]
    skipped = sum(result.skipped for result in results)
    return Summary(
        rows=rows,
        asked=asked,
        graded=len(graded),
        skipped=skipped,
        not_graded=len(results) - len(graded) - skipped,
        seconds=sum(row.seconds for row in rows),
        cut_off=sum(result.over_time for result in graded),
        grades={name: sum(r.grade == grade for r in graded) for grade, name in GRADE_NAMES.items()},
    )
