"""The text of one tree row: an icon, marks, the name or title, and what follows it.

A title that does not fit is cut with an ellipsis; the spoken time and the marks
after it never are. On the cursor row every part takes the cursor's colours, so
the row reads at the contrast the theme gives the cursor.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from rich.cells import cell_len, split_graphemes
from rich.style import Style
from rich.text import Text

from rehearse.core.notes import NoteFile, Section
from rehearse.core.questions import Kind, QuestionRules, question_count, section_kind
from rehearse.core.refs import QuestionId
from rehearse.core.shortcodes import with_emoji
from rehearse.core.speech import SpeakingRates, format_duration
from rehearse.core.targets import question_target

ELLIPSIS = "…"
MIN_NAME = 8  # cells of a title worth keeping before the marks after it shorten
# A joined emoji (👨‍👩‍👧‍👦, 👩‍💻) is one grapheme of two cells to rich and to tmux 3.3 alike, so
# it is shown whole. A skin tone (👍🏽) is no cell to rich but two more in tmux and most
# terminals, and a variation selector (❤️) makes rich count two cells where terminals draw
# one: rows would push the border, so those two are dropped (👍, ❤).
_UNAGREED = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f]")


def display_title(title: str) -> str:
    """A title as the tree shows it: `:bulb:` as 💡, without skin tones and variation
    selectors (joined emoji stay whole)."""
    return _UNAGREED.sub("", with_emoji(title))


def rehearsed_ago(when: float, now: float | None = None) -> str:
    """`today`, `1d`, `12d`, `3mo`: how long since a rehearsal."""
    days = int(((now if now is not None else time.time()) - when) // 86400)
    if days <= 0:
        return "today"
    return f"{days}d" if days < 60 else f"{days // 30}mo"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, with an ellipsis when cut."""
    spans, total = split_graphemes(text)
    if total <= width:
        return text
    if width <= 0:
        return ""
    end, used = 0, 0
    for _start, stop, cells in spans:  # whole graphemes only: never half a joined emoji
        if used + cells > width - 1:
            break
        end, used = stop, used + cells
    return text[:end] + ELLIPSIS


Styler = Callable[[str], Style]  # component class -> its style on this row


class RowLabel:
    """Builds one row: `head` (icon and marks), the name, then `tail` parts that are kept."""

    def __init__(self, styler: Styler, base: Style, width: int) -> None:
        self._styler = styler
        self._base = base
        self._width = width
        self._head = Text()
        self._name = ""
        self._name_style = Style()
        self._tail: list[tuple[str, Style, str]] = []  # text, style, its short form

    def head(self, text: str, component: str | None = None) -> None:
        self._head.append(text, self._styler(component) if component else self._base)

    def name(self, text: str, component: str | None = None) -> None:
        self._name = text
        self._name_style = self._base + (self._styler(component) if component else Style())

    def tail(self, text: str, component: str, short: str | None = None) -> None:
        """A part after the name, never cut; on a narrow row it may give way to `short`."""
        self._tail.append((text, self._styler(component), text if short is None else short))

    def build(self) -> Text:
        label = self._head.copy()
        tail = [(text, style) for text, style, _ in self._tail]
        for index in reversed(range(len(tail))):  # the last part is the first to shorten
            if self._width - label.cell_len - sum(cell_len(t) for t, _ in tail) >= MIN_NAME:
                break
            tail[index] = (self._tail[index][2], tail[index][1])
        room = max(4, self._width - label.cell_len - sum(cell_len(t) for t, _ in tail))
        label.append(fit(self._name, room), self._name_style)
        for text, style in tail:
            label.append(text, style)
        return label


def file_label(row: RowLabel, name: str, note: NoteFile, rules: QuestionRules) -> None:
    row.name(name, "question-tree--file")
    count = question_count(note, rules)
    row.tail(f"  {count} question{'' if count == 1 else 's'}", "question-tree--count")


def section_label(
    row: RowLabel,
    note: NoteFile,
    section: Section,
    *,
    rules: QuestionRules,
    rates: SpeakingRates,
    target_seconds: float,
    question: QuestionId,
    last_rehearsed: float | None,
    due: bool,
) -> None:
    kind = section_kind(note, section, rules)
    if kind is Kind.EMPTY:
        row.head("∅ ", "question-tree--empty")
    row.name(display_title(section.title) or "(untitled)")
    if kind is Kind.ANSWER:
        seconds = note.spoken_length(section).seconds(rates)
        over = seconds > question_target(note, section, target_seconds, rules)
        row.tail(
            f"  {format_duration(seconds)}",
            "question-tree--overtime" if over else "question-tree--time",
        )
    elif kind in _KIND_TAGS:
        row.tail(f"  {_KIND_TAGS[kind]}", "question-tree--count")
    if last_rehearsed is not None:
        row.tail(f"  ✓ {rehearsed_ago(last_rehearsed)}", "question-tree--time", " ✓")
    if due:
        row.tail(" ↻ due", "question-tree--due", " ↻")


_KIND_TAGS = {
    Kind.CODE_ONLY: "code",
    Kind.LINKS_ONLY: "links",
    Kind.SAME_AS_BELOW: "= below",
    Kind.IGNORED: "not a question",
}
