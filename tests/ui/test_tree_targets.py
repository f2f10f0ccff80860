"""The tree's over-time colour honours a question's own target and its file's."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.style import Style

from rehearse.core.questions import DEFAULT_RULES
from rehearse.core.refs import QuestionId
from rehearse.core.speech import SpeakingRates
from rehearse.ui.tree_labels import RowLabel, section_label
from tests.core.test_targets import note_of, section


def test_the_tree_colours_an_answer_over_its_own_target(tmp_path: Path) -> None:
    note = note_of(tmp_path)

    def tail_components(title: str) -> list[str]:
        used: list[str] = []

        def styler(component: str) -> Style:
            used.append(component)
            return Style()

        row = RowLabel(styler, Style(), 60)
        section_label(
            row,
            note,
            section(note, title),
            rules=DEFAULT_RULES,
            rates=SpeakingRates(),
            target_seconds=90.0,
            question=QuestionId("인성.md", ("인성", title)),
            last_rehearsed=None,
            due=False,
        )
        return used

    assert "question-tree--overtime" in tail_components("지원 동기")  # over the file's 40 s
    assert "question-tree--overtime" not in tail_components("자기소개")  # inside its 1:30


def test_on_a_narrow_row_the_marks_shorten_before_the_title_goes(tmp_path: Path) -> None:
    """`✓ today ↻ due` become `✓ ↻` when they would leave the title too few cells; the
    time is never cut."""
    note = note_of(tmp_path)

    def row_text(width: int) -> str:
        row = RowLabel(lambda component: Style(), Style(), width)
        section_label(
            row,
            note,
            section(note, "자기소개"),
            rules=DEFAULT_RULES,
            rates=SpeakingRates(),
            target_seconds=90.0,
            question=QuestionId("인성.md", ("인성", "자기소개")),
            last_rehearsed=1_700_000_000.0,
            due=True,
        )
        return row.build().plain

    wide = row_text(60)
    assert wide.startswith("자기소개  ") and wide.endswith(" ↻ due") and "  ✓ " in wide
    narrow = row_text(22)
    assert narrow.endswith(" ✓ ↻") and "↻ due" not in narrow
    assert cell_len(narrow) <= 22 and narrow.startswith("자기소개")
    time = wide.split("  ")[1]
    assert f"  {time} ✓ ↻" in narrow  # the time whole
