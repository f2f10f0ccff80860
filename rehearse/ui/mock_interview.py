"""The mock interview: the question alone, a thinking countdown, the answer clock with the
answer hidden, then the written answer beside the time taken and a self-grade."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Digits, Footer, Label, Static

from rehearse.core.clock import Clock
from rehearse.core.history import RehearsalLog
from rehearse.core.identity import Question, answered_questions
from rehearse.core.interview import Link, MockInterview, Stage, hint
from rehearse.core.interview_summary import summarize
from rehearse.core.listening import VoiceSetup
from rehearse.core.markdown import paragraphs
from rehearse.core.questions import DEFAULT_RULES, QuestionRules
from rehearse.core.refs import QuestionId
from rehearse.core.speech import SpeakingRates, format_duration
from rehearse.core.stats import voice_line, voice_report
from rehearse.core.voice import speak
from rehearse.ui.keys_help import KeysScreen
from rehearse.ui.mock_setup import MockSetupScreen
from rehearse.ui.mock_voice import MockVoice
from rehearse.ui.notes_feed import NotesFeed
from rehearse.ui.voice_bar import VoiceBar

__all__ = ["MockInterviewScreen", "MockSetupScreen"]

TICK_SECONDS = 0.1


class MockInterviewScreen(MockVoice):
    BINDINGS = [
        # Priority, so Enter closes the summary even while its table has the focus.
        Binding("enter,escape", "close", "Close", id="mock.close", priority=True),
        Binding("escape", "end", "End", id="mock.end"),
        # One key, the word for what it does now (check_action picks by stage).
        Binding("space", "start_answer", "Start answering", id="mock.stop"),
        Binding("space", "start_clock", "Start the clock", id="mock.stop"),
        Binding("space", "stop", "Show the answer", id="mock.stop"),
        Binding("h", "hint", "Hint", id="mock.hint"),
        Binding("1", "grade(1)", "Again", id="mock.again"),
        Binding("2", "grade(2)", "Hard", id="mock.hard"),
        Binding("3", "grade(3)", "Good", id="mock.good"),
        Binding("4", "grade(4)", "Easy", id="mock.easy"),
        Binding("n", "skip", "Skip", id="mock.skip"),
        Binding("n", "skip_chain", "Skip the chain", id="mock.skip"),
        Binding("question_mark", "keys", "Keys", id="mock.keys"),
        Binding("6", "target(60)", "A 60 s answer", id="mock.target_60", show=False),
        Binding("9", "target(90)", "A 90 s answer", id="mock.target_90", show=False),
        Binding("v", "voice", "Voice on / off", id="mock.voice", show=False),
    ]
    _STAGE_ACTIONS = {
        "start_answer": (Stage.THINKING,),
        "start_clock": (Stage.ANSWERING,),
        "stop": (Stage.ANSWERING,),
        "hint": (Stage.THINKING, Stage.ANSWERING),
        "grade": (Stage.REVEALED,),
        "skip": (Stage.THINKING, Stage.ANSWERING, Stage.REVEALED),
        "skip_chain": (Stage.THINKING, Stage.ANSWERING, Stage.REVEALED),
        "target": (Stage.THINKING, Stage.ANSWERING),
        "close": (Stage.DONE,),
        "end": (Stage.THINKING, Stage.ANSWERING, Stage.REVEALED),
        "voice": (Stage.THINKING, Stage.ANSWERING, Stage.REVEALED),
    }

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        target: float = 60.0,
        thinking: float = 5.0,
        log: RehearsalLog | None = None,
        aliases: Mapping[QuestionId, tuple[QuestionId, ...]] | None = None,
        voice: bool = False,
        listen: VoiceSetup | None = None,
        rates: SpeakingRates | None = None,
        notes: NotesFeed | None = None,
        rules: QuestionRules = DEFAULT_RULES,
        links: Sequence[Link] | None = None,
        clock: Clock = time.monotonic,
        tick: bool = True,
    ) -> None:
        super().__init__()
        self._notes = notes
        self._rules = rules
        self.interview = MockInterview(
            questions,
            target_s=target,
            thinking_s=thinking,
            clock=clock,
            aliases=aliases,
            rates=rates,
            silence_ends_s=listen.silence_ends_s if listen is not None else None,
            listening=listen is not None and listen.on_at_start,
            links=links,
        )
        self._log = log
        self._listen = listen
        self._clock = clock
        self._recording_round: int | None = None  # the round being recorded
        self._voice_enabled = voice
        self._voice: subprocess.Popen[bytes] | None = None
        self._tick_enabled = tick
        self._timer: Timer | None = None
        self._shown: tuple[Stage, int, int, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="mock-where", markup=False)
        yield Label("", id="mock-chain", markup=False)
        yield Label("", id="mock-question", markup=False)
        with Horizontal(id="mock-top"):
            yield Digits("0:05", id="mock-clock")
            yield Label("", id="mock-stage", markup=False)
            if self._listen is not None:
                yield VoiceBar(self._listen, self._clock, id="mock-mic")
        yield Static("", id="mock-hint", markup=False)
        with Horizontal(id="mock-reveal"):
            yield VerticalScroll(id="mock-answer")
            yield Static("", id="mock-verdict", markup=False)
        with Vertical(id="mock-summary"):
            yield Label("", id="mock-summary-line", markup=False)
            yield DataTable(id="mock-results", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self._notes is not None:
            self._notes.subscribe(self, self._notes_changed)
        if self._listen is not None and self._listen.on_at_start:
            self.action_voice()  # the interview was made listening: its clock waits for it
        self.tick()
        if self._tick_enabled:
            self._timer = self.set_interval(TICK_SECONDS, self.tick)

    def on_unmount(self) -> None:
        self._silence()

    # -- showing the interview --------------------------------------------------------------

    def tick(self) -> None:
        interview = self.interview
        interview.tick()
        key = (interview.stage, interview.index, interview.hint_level, interview.waiting)
        if key != self._shown:
            self._show_stage()
            self._shown = key
        self._show_clock()

    def _show_stage(self) -> None:
        interview = self.interview
        stage = interview.stage
        for each in Stage:
            self.set_class(each is stage, f"-{each.value}")
        self.refresh_bindings()
        self._record_round()
        if stage is Stage.DONE:
            self._silence()
            self._show_summary()
            return
        question = interview.current
        self.query_one("#mock-where", Label).update(f"{interview.where()} · {question.category}")
        above = interview.above
        self.query_one("#mock-chain", Label).update(" › ".join((*above, "")) if above else "")
        self.set_class(bool(above), "-under")
        self.set_class(bool(interview.link.above), "-follow-up")
        self.query_one("#mock-question", Label).update(interview.asked_as)
        spoken = question.note.spoken_text(question.section)
        self.query_one("#mock-hint", Static).update(hint(spoken, interview.hint_level))
        if stage is Stage.THINKING:
            self.query_one("#mock-stage", Label).update(
                "Think it through. The answer clock starts when this runs out "
                "(space: start answering now)."
            )
        elif stage is Stage.ANSWERING and interview.waiting:
            self.query_one("#mock-stage", Label).update(
                "Start when ready: the clock starts at your first word (space: start it now)"
            )
        elif stage is Stage.ANSWERING:
            self.query_one("#mock-stage", Label).update(
                f"Answer aloud: {format_duration(interview.target_s)} · "
                "space when done shows the answer · h hint"
            )
        elif stage is Stage.REVEALED:
            self._show_answer(question)
        if self._shown is None or self._shown[1] != interview.index:
            self._say(interview.asked_as)

    def _show_clock(self) -> None:
        interview = self.interview
        if interview.stage is Stage.THINKING:
            shown = interview.thinking.display()
        elif interview.stage is Stage.ANSWERING:
            shown = interview.answer.display()
        else:
            shown = format_duration(interview.spoken_s)
        self.query_one("#mock-clock", Digits).update(shown)
        warning = interview.stage is Stage.ANSWERING and interview.answer.remaining <= 10
        self.set_class(warning, "-warning")

    def _show_answer(self, question: Question) -> None:
        interview = self.interview
        answer = self.query_one("#mock-answer", VerticalScroll)
        answer.remove_children()
        lines = paragraphs(question.note.answer_text(question.section))
        answer.mount_all(Static(line, classes="mock-answer-line", markup=False) for line in lines)
        answer.scroll_home(animate=False)
        answer.focus()  # ↑↓ and PgUp/PgDn scroll a long answer
        spoken, target = interview.spoken_s, interview.target_s
        verdict = "time ran out" if spoken >= target else "in time"
        voice = interview.voice_figures
        heard = "".join(f"{line}\n" for line in voice_report(voice)) if voice is not None else ""
        self.query_one("#mock-verdict", Static).update(
            f"Time taken  {format_duration(spoken)}\n"
            f"Target      {format_duration(target)}  ({verdict})\n"
            f"{heard}\n"
            "How did it go?\n"
            "  1  again  forgot it\n"
            "  2  hard   struggled\n"
            "  3  good   got it\n"
            "  4  easy   effortless"
        )

    def _show_summary(self) -> None:
        interview = self.interview
        summary = summarize(interview.results, len(interview.questions))
        self.query_one("#mock-summary-line", Label).update(
            f"{summary.line()} (enter or esc to close)"
        )
        table = self.query_one("#mock-results", DataTable)
        table.clear(columns=True)
        voiced = any(row.result.voice is not None for row in summary.rows)
        table.add_column("#")
        # The question takes what the other columns leave, so they stay on screen at 80
        # columns; a longer title ends in an ellipsis.
        others = 4 + 6 + 7 + 12 + (44 if voiced else 0) + 2 * (6 if voiced else 5) + 4
        table.add_column("Question", width=max(16, self.size.width - others))
        table.add_columns("Time", "Target", "Grade", *(["Voice"] * voiced))
        for row in summary.rows:
            indent = "  " * (row.depth - 1) + "↳ " if row.depth else ""
            cells: list[str | Text] = [
                row.number,
                Text(indent + row.title, no_wrap=True, overflow="ellipsis"),
                format_duration(row.seconds),
                format_duration(row.target),
                row.grade,
            ]
            voice = row.result.voice
            if voiced:
                cells.append(
                    ""
                    if voice is None
                    else voice_line(
                        voice.talk_s, row.target, voice.first_word_s, voice.syllables_per_minute
                    )
                )
            table.add_row(*cells)
        table.focus()  # a long interview scrolls

    def _say(self, text: str) -> None:
        if self._voice_enabled:
            self._silence()
            self._voice = speak(text)

    def _silence(self) -> None:
        if self._voice is not None and self._voice.poll() is None:
            self._voice.terminate()
        self._voice = None

    def _notes_changed(self, paths: frozenset[Path]) -> None:
        assert self._notes is not None
        self.notes_changed(answered_questions(self._notes.notebook, self._rules))

    def notes_changed(self, questions: Sequence[Question]) -> None:
        """Answers edited meanwhile: ask and reveal them as they are now."""
        if self.interview.refresh(questions) and self.interview.stage is Stage.REVEALED:
            self._show_answer(self.interview.current)

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        interview = self.interview
        stages = self._STAGE_ACTIONS.get(action)
        if stages is not None and interview.stage not in stages:
            return False
        if action in ("start_clock", "stop"):
            return interview.waiting == (action == "start_clock")
        if action in ("skip", "skip_chain"):
            return self._chain_follows() == (action == "skip_chain")
        return True

    def _chain_follows(self) -> bool:
        """Follow-ups of this chain come after this question."""
        interview = self.interview
        following = interview.index + 1
        return (
            following < len(interview.links)
            and interview.links[following].group == interview.link.group
        )

    def action_start_answer(self) -> None:
        """Space while thinking: start answering now."""
        self.interview.start_answer()
        self.tick()

    def action_start_clock(self) -> None:
        """Space while the clock waits for the first word: start it now."""
        self.interview.start_clock()
        self.tick()

    def action_stop(self) -> None:
        """Space while answering: done, show the answer."""
        self.interview.stop()
        self.tick()

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen(self, "Mock interview"))

    def action_hint(self) -> None:
        self.interview.more_hint()
        self.tick()

    def action_grade(self, grade: int) -> None:
        record = self.interview.grade(grade)
        if self._log is not None:
            try:
                self._log.append(record)
            except OSError as error:
                self.notify(
                    f"Could not write the rehearsal log: {error}", severity="warning", markup=False
                )
        self.tick()

    def action_skip(self) -> None:
        self.interview.skip()
        self.tick()

    def action_skip_chain(self) -> None:
        """`n` inside a chain: this question and the rest of its follow-ups."""
        self.action_skip()

    def action_target(self, seconds: int) -> None:
        self.interview.set_target(float(seconds))
        self._show_stage()
        self._show_clock()

    def action_end(self) -> None:
        self.interview.end()
        self.tick()

    def action_close(self) -> None:
        if not self.is_current:  # a second Enter queued behind the first
            return
        if self._timer is not None:
            self._timer.stop()
        self._silence()
        bar = self._voice_bar
        if bar is not None:
            bar.stop()
        self.dismiss(None)
