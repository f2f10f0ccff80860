"""F7: rehearsals per day, time spent, and the questions to work on next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, OptionList, Static

from rehearse.core.recordings import Recordings
from rehearse.core.refs import QuestionId
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration
from rehearse.core.stats import Progress, day_chart, headline, voice_line
from rehearse.core.wavfile import AudioUnavailable

Player = Callable[[Path], None]  # starts playing a recording; raises AudioUnavailable

LISTED = 50  # questions shown in each list


def _name(question: QuestionId, with_file: bool) -> str:
    file, heading_path = question
    return " › ".join([file, *heading_path] if with_file else heading_path)


class ProgressScreen(Screen[QuestionId | None]):
    """Enter on a listed question opens it in the editor."""

    CSS_PATH = "rehearsal.tcss"

    BINDINGS = [
        Binding("escape", "close", "Back", id="progress.back"),
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
        files = {file for file, _ in [*figures.due, *figures.never_rehearsed]}
        files.update(weak.question[0] for weak in figures.weakest)
        self._with_file = len(files) > 1

    def compose(self) -> ComposeResult:
        figures = self._figures
        yield Label(headline(figures), id="progress-title", markup=False)
        with Horizontal(id="progress-body"):
            with VerticalScroll(id="progress-left"):
                yield Label("Rehearsals per day, last 14 days", classes="progress-heading")
                yield Static(
                    "\n".join(day_chart(figures.per_day, self._today)),
                    id="progress-chart",
                    markup=False,
                )
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
        yield Footer()

    def _question_list(self, name: str, title: str, questions: list[QuestionId]) -> ComposeResult:
        self._listed[name] = questions[:LISTED]
        yield Label(f"{title} ({len(questions)})", classes="progress-heading")
        details = {weak.question: weak for weak in self._figures.weakest}
        options = []
        for question in self._listed[name]:
            label = _name(question, self._with_file)
            weak = details.get(question) if name == "weakest" else None
            if weak is not None:
                grade = GRADE_NAMES[weak.grade] if weak.grade else "read"
                timing = f"{format_duration(weak.spoken_s)}/{format_duration(weak.target_s)}"
                label = f"{label}  ({grade}, {timing})"
            options.append(label)
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

    @on(OptionList.OptionSelected, ".progress-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if not self.is_current:  # a second Enter queued behind the first
            return
        name = (event.option_list.id or "").removeprefix("progress-")
        self.dismiss(self._listed[name][event.option_index])

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
            runs.add_row(Text(_name(run.question, self._with_file)), line)

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

    def action_play(self) -> None:
        """`p`: play the latest recording of the selected question."""
        question = self._selected()
        if question is None:
            self.notify("Select a question first.", severity="warning")
            return
        found = self._recordings.latest(question) if self._recordings is not None else None
        if found is None or self._player is None:
            self.notify("No recording of this question yet (record: true keeps them).")
            return
        try:
            self._player(found)
        except AudioUnavailable as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"Playing {found.name}", markup=False)

    @on(DataTable.RowSelected, "#progress-voice")
    def _open_voiced(self, event: DataTable.RowSelected) -> None:
        runs = self._figures.voice_runs
        if self.is_current and 0 <= event.cursor_row < len(runs):
            self.dismiss(runs[event.cursor_row].question)

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
