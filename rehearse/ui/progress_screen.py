"""F7: rehearsals per day, time spent, and the questions to work on next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, OptionList

from rehearse.core.progress_charts import chart_caption, chart_days, history_caption, question_runs
from rehearse.core.recordings import Recordings
from rehearse.core.refs import QuestionId
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration
from rehearse.core.stats import Progress, headline, voice_line
from rehearse.core.wavfile import AudioUnavailable
from rehearse.ui.tree_labels import display_title, fit

Player = Callable[[Path], None]  # starts playing a recording; raises AudioUnavailable

LISTED = 50  # questions shown in each list
# The grades' colours, as the chart draws them (progress_plots.GRADE_COLOURS).
GRADES_HEADING = (
    "Grades a day: [$error]again[/] [$warning]hard[/] [$success]good[/] [$primary]easy[/]"
)


def _name(question: QuestionId, with_file: bool) -> str:
    """The question as the tree shows its titles (`:bulb:` as 💡)."""
    file, heading_path = question
    titles = [display_title(title) for title in heading_path]
    return " › ".join([file, *titles] if with_file else titles)


def _row(text: str) -> Text:
    """A list row on one line: a long one ends in an ellipsis rather than wrapping."""
    return Text(text, no_wrap=True, overflow="ellipsis")


class _TitleThenFigures:
    """`title  (hard, 0:28/1:00)` on one line: the title is cut to make room, never the
    figures after it."""

    def __init__(self, title: str, figures: str) -> None:
        self.title, self.figures = title, figures

    def __str__(self) -> str:
        return self.title + self.figures

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(options.max_width - cell_len(self.figures), 1)
        yield Text(fit(self.title, room) + self.figures, no_wrap=True, overflow="ellipsis")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(str(self)))


class ProgressScreen(Screen[QuestionId | None]):
    """Enter on a listed question opens it in the editor."""

    CSS_PATH = "rehearsal.tcss"

    BINDINGS = [
        Binding("escape", "close", "Back", id="progress.back"),
        # Priority: the footer shows it even while a list (whose Enter it replaces) has focus.
        Binding("enter", "open", "Open the question", id="progress.open", priority=True),
        Binding("p", "play", "Play recording", id="progress.play"),
    ]

    def __init__(
        self,
        figures: Progress,
        today: float,
        *,
        recordings: Recordings | None = None,
        player: Player | None = None,
    ) -> None:
        super().__init__()
        self._figures = figures
        self._today = today
        self._recordings = recordings
        self._player = player
        self._listed: dict[str, list[QuestionId]] = {}
        self._latest: dict[QuestionId, Path | None] = {}  # each question's latest recording
        files = {file for file, _ in [*figures.due, *figures.never_rehearsed]}
        files.update(weak.question[0] for weak in figures.weakest)
        self._with_file = len(files) > 1

    def compose(self) -> ComposeResult:
        # Imported here: plotext costs ~13 ms, which the app's start need not pay.
        from rehearse.ui.progress_plots import DayGrades, DayMinutes, RunHistory

        figures = self._figures
        yield Label(headline(figures), id="progress-title", markup=False)
        with Horizontal(id="progress-body"):
            with VerticalScroll(id="progress-left"):
                days = chart_days(figures, self._today)
                yield Label("Minutes spoken a day, 30 days", classes="progress-heading")
                yield Label(chart_caption(days), id="progress-caption", markup=False)
                yield DayMinutes(days, id="progress-minutes")
                yield Label(GRADES_HEADING, classes="progress-heading")
                yield DayGrades(days, id="progress-grades")
                yield Label("Per category", classes="progress-heading")
                yield DataTable(id="progress-categories", cursor_type="row", zebra_stripes=True)
                if figures.voice_days:
                    yield Label("Your voice, per day", classes="progress-heading")
                    yield DataTable(id="progress-voice-days", zebra_stripes=True)
                    yield Label(
                        "Your voice, latest run (p plays its recording)",
                        classes="progress-heading",
                    )
                    yield DataTable(id="progress-voice", cursor_type="row", zebra_stripes=True)
            with Vertical(id="progress-right"):
                weakest = [weak.question for weak in figures.weakest]
                yield from self._question_list("due", "Due for review", figures.due)
                yield from self._question_list("weakest", "Weakest", weakest)
                yield from self._question_list("never", "Never rehearsed", figures.never_rehearsed)
                yield Label("", id="progress-history-title", classes="progress-heading")
                yield Label("", id="progress-history-caption", markup=False)
                yield RunHistory(id="progress-history")
        yield Footer()

    def _question_list(self, name: str, title: str, questions: list[QuestionId]) -> ComposeResult:
        self._listed[name] = questions[:LISTED]
        yield Label(f"{title} ({len(questions)})", classes="progress-heading")
        details = {weak.question: weak for weak in self._figures.weakest}
        options: list[Text | _TitleThenFigures] = []
        for question in self._listed[name]:
            label = _name(question, self._with_file)
            weak = details.get(question) if name == "weakest" else None
            if weak is not None:
                grade = GRADE_NAMES[weak.grade] if weak.grade else "read"
                timing = f"{format_duration(weak.spoken_s)}/{format_duration(weak.target_s)}"
                options.append(_TitleThenFigures(label, f"  ({grade}, {timing})"))
            else:
                options.append(_row(label))
        yield OptionList(*options, id=f"progress-{name}", classes="progress-list", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#progress-categories", DataTable)
        table.add_columns("Category", "Done", "Of")
        for category, (done, total) in self._figures.per_category.items():
            table.add_row(Text(category), str(done), str(total))
        if self._figures.voice_days:
            self._fill_voice()
        lists = [self.query_one(f"#progress-{name}", OptionList) for name in self._listed]
        next((found for found in lists if found.option_count), lists[0]).focus()

    @on(OptionList.OptionHighlighted, ".progress-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        listed = self._listed.get((event.option_list.id or "").removeprefix("progress-"), [])
        index = event.option_index
        self._show_history(listed[index] if 0 <= index < len(listed) else None)

    @on(DataTable.RowHighlighted, "#progress-voice")
    def _voice_highlighted(self, event: DataTable.RowHighlighted) -> None:
        runs = self._figures.voice_runs
        row = event.cursor_row
        self._show_history(runs[row].question if 0 <= row < len(runs) else None)

    def on_descendant_focus(self) -> None:
        self._show_history(self._selected())

    def _show_history(self, question: QuestionId | None) -> None:
        """The question's runs, each against its target."""
        if question is None:
            return
        runs = question_runs(self._figures, question)
        self.query_one("#progress-history-title", Label).update(
            _row(f"History: {_name(question, with_file=False)}")
        )
        self.refresh_bindings()  # `p` is offered when this question has a recording
        self.query_one("#progress-history-caption", Label).update(history_caption(runs))
        from rehearse.ui.progress_plots import RunHistory

        self.query_one("#progress-history", RunHistory).show(runs)

    def action_open(self) -> None:
        """Enter: open the selected question in the editor."""
        question = self._selected()
        if question is None:
            raise SkipAction()  # a table of categories: Enter is its own
        if self.is_current:  # a second Enter queued behind the first
            self.dismiss(question)

    def _fill_voice(self) -> None:
        figures = self._figures
        days = self.query_one("#progress-voice-days", DataTable)
        days.add_columns("Day", "Runs", "Talked", "First word", "Pace")
        for day, voice in list(figures.voice_days.items())[-14:]:
            first = "" if voice.first_word_s is None else f"{voice.first_word_s:.1f} s"
            pace = "" if voice.pace is None else f"{voice.pace:.0f}/min"
            days.add_row(day[5:], str(voice.runs), format_duration(voice.talk_s), first, pace)
        runs = self.query_one("#progress-voice", DataTable)
        runs.add_columns("Question", "Voice")
        for run in figures.voice_runs[:LISTED]:
            line = voice_line(run.talk_s, run.target_s, run.first_word_s, run.pace)
            runs.add_row(_row(_name(run.question, self._with_file)), line)

    def _selected(self) -> QuestionId | None:
        """The question under the cursor of the focused list or table."""
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            listed = self._listed.get((focused.id or "").removeprefix("progress-"), [])
            return listed[focused.highlighted] if focused.highlighted < len(listed) else None
        if isinstance(focused, DataTable) and focused.id == "progress-voice":
            runs = self._figures.voice_runs
            row = focused.cursor_row
            return runs[row].question if 0 <= row < len(runs) else None
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play":
            question = self._selected()
            return question is not None and self._recording(question) is not None
        return True

    def _recording(self, question: QuestionId) -> Path | None:
        if question not in self._latest:  # a look in the recordings folder, once a question
            found = self._recordings.latest(question) if self._recordings is not None else None
            self._latest[question] = found if self._player is not None else None
        return self._latest[question]

    def action_play(self) -> None:
        """`p`: play the latest recording of the selected question."""
        question = self._selected()
        if question is None:
            self.notify("Select a question first.", severity="warning")
            return
        found = self._recording(question)
        if found is None or self._player is None:
            self.notify("No recording of this question yet (record: true keeps them).")
            return
        try:
            self._player(found)
        except AudioUnavailable as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"Playing {found.name}", markup=False)

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
