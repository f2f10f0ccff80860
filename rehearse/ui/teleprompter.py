"""The teleprompter: one answer, paced to the clock (or led by the voice), the line to read
now highlighted."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

from rehearse.core.clock import Clock, Countdown, Pacer, Phase
from rehearse.core.delivery import Segmenter
from rehearse.core.history import MIN_SECONDS, Rehearsal, RehearsalLog
from rehearse.core.listening import VoiceSetup
from rehearse.core.pacing import PaceAdvice, speed_state
from rehearse.core.practice import Prompt, refreshed_prompt, teleprompter_record
from rehearse.core.questions import DEFAULT_RULES, QuestionRules
from rehearse.core.refs import QuestionId
from rehearse.core.speech import SpeakingRates, estimate_seconds
from rehearse.core.stats import measured_rates
from rehearse.ui.fitted_line import FittedLine
from rehearse.ui.keys_help import KeysScreen
from rehearse.ui.notes_feed import NotesFeed
from rehearse.ui.prompter_voice import PrompterVoice
from rehearse.ui.voice_bar import VoiceBar

TICK_SECONDS = 0.1
_QUESTION = Binding.Group("Question", compact=True)
_SPEED = Binding.Group("Speed", compact=True)


class TeleprompterScreen(PrompterVoice):
    """Dismissed with the position of the question last shown, so the tree can follow."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="prompter.back"),
        # One key, two words: the footer says what Space does now (check_action picks).
        Binding("space", "pause", "Pause", id="prompter.pause"),
        Binding("space", "resume", "Resume", id="prompter.pause"),
        Binding("left", "step(-1)", "Previous question", id="prompter.previous", group=_QUESTION),
        Binding("right", "step(1)", "Next question", id="prompter.next", group=_QUESTION),
        Binding("plus,equals_sign", "faster", "Faster", id="prompter.faster", group=_SPEED),
        Binding("minus", "slower", "Slower", id="prompter.slower", group=_SPEED),
        Binding("f", "pacing('rate')", "Your rate", id="prompter.pacing"),
        Binding("f", "pacing('fit')", "Fit to clock", id="prompter.pacing"),
        Binding("question_mark", "keys", "Keys", id="prompter.keys"),
        Binding("up", "nudge(-1)", "Back a line", id="prompter.line_back", show=False),
        Binding("down", "nudge(1)", "On a line", id="prompter.line_on", show=False),
        Binding("r", "restart", "Restart", id="prompter.restart", show=False),
        Binding("6", "target(60)", "A 60 s answer", id="prompter.target_60", show=False),
        Binding("9", "target(90)", "A 90 s answer", id="prompter.target_90", show=False),
        Binding(
            "t",
            "next_target",
            "Next target: 60, 90, presets",
            id="prompter.next_target",
            show=False,
        ),
        Binding("v", "voice", "Voice on / off", id="prompter.voice", show=False),
    ]

    def __init__(
        self,
        prompt_at: Callable[[int], Prompt],
        count: int,
        index: int,
        *,
        target: float = 60.0,
        presets: Sequence[int] = (),
        rates: SpeakingRates | None = None,
        fit: bool = True,
        log: RehearsalLog | None = None,
        voice: VoiceSetup | None = None,
        text_of: Callable[[QuestionId], str | None] | None = None,
        notes: NotesFeed | None = None,
        rules: QuestionRules = DEFAULT_RULES,
        clock: Clock = time.monotonic,
        tick: bool = True,
    ) -> None:
        super().__init__()
        self._rules = rules
        # Made when first shown: making every prompt of a big notebook up front took ~0.5 s.
        self._prompt_at = prompt_at
        self._prompts: dict[int, Prompt] = {}
        self._count = count
        self._index = index
        self._default_target = target  # for questions without a target of their own
        self._chosen_target: float | None = None  # 6, 9 or t on this question
        self._presets = sorted({60, 90, int(target), *presets})
        self._rates = rates or SpeakingRates()
        self._measured: SpeakingRates | None = None  # from your voiced runs, once read
        self._fit = fit
        self._natural = 0.0  # this answer at your rate
        self._log = log
        self._voice = voice
        self._text_of = text_of
        self._notes = notes
        self._clock = clock
        self._tick_enabled = tick
        self._timer: Timer | None = None
        self._shown_line = -1
        self.countdown = Countdown(target, clock)
        self.pacer = Pacer(self.countdown, [1.0], 1.0)
        self.heard: Segmenter | None = None  # this run as heard, while the voice is on
        self._run_started = clock()

    @property
    def prompt(self) -> Prompt:
        if self._index not in self._prompts:
            self._prompts[self._index] = self._prompt_at(self._index)
        return self._prompts[self._index]

    @property
    def index(self) -> int:
        """The position of the question shown."""
        return self._index

    @property
    def target(self) -> float:
        """This question's target: a key's choice, else its own, else the default."""
        if self._chosen_target is not None:
            return self._chosen_target
        own = self.prompt.target_s
        return own if own is not None else self._default_target

    @property
    def advice(self) -> PaceAdvice:
        return PaceAdvice(self._natural, self.target, self._fit)

    @property
    def _silent(self) -> bool:
        return not self.prompt.lines

    def compose(self) -> ComposeResult:
        yield Label("", id="prompter-question", markup=False)
        with Horizontal(id="prompter-top"):
            yield Digits("1:00", id="prompter-clock")
            with Vertical(id="prompter-meter"):
                yield Label("", id="prompter-state", markup=False)
                yield FittedLine(id="prompter-info")
                yield ProgressBar(total=100, show_eta=False, id="prompter-progress")
                yield Label("", id="prompter-voice", markup=False)
            if self._voice is not None:
                yield VoiceBar(self._voice, self._clock, id="prompter-mic")
        with Horizontal(id="prompter-body"):  # centres the reading column
            # Not focusable: the arrow keys belong to the screen (lines and questions).
            yield VerticalScroll(id="prompter-lines", can_focus=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self._notes is not None:
            self._notes.subscribe(self, self._notes_changed)
        self._load(keep_place=False)
        if self._tick_enabled:
            self._timer = self.set_interval(TICK_SECONDS, self.tick)
        if self._voice is not None and self._voice.on_at_start:
            self.action_voice()
        if self._log is not None and self._text_of is not None:
            self._read_measured_rates(self._log)

    @work(thread=True, exclusive=True, group="measured")
    def _read_measured_rates(self, log: RehearsalLog) -> None:
        try:
            records = log.read()
        except OSError:
            return  # the configured rate stands; the log's problem is reported elsewhere
        self.app.call_from_thread(self._measured_from, records)

    def _measured_from(self, records: list[Rehearsal]) -> None:
        if self._text_of is not None:
            self._measured = measured_rates(records, self._text_of, self._rates)
            if self._measured is not None and self.is_attached:
                self._load(keep_place=True)

    # -- the answer -------------------------------------------------------------------------

    def _load(self, keep_place: bool) -> None:
        """Show the current prompt; a fresh one restarts the clock, a reloaded one keeps it."""
        prompt = self.prompt
        rates = self._measured or self._rates
        weights = [max(estimate_seconds(line, rates), 0.2) for line in prompt.lines]
        self._natural = sum(weights)
        position = self.pacer.position if keep_place else 0.0
        factor = self.pacer.factor
        self.pacer = Pacer(self.countdown, weights or [1.0], self._natural, fit=self._fit)
        self.pacer.position, self.pacer.factor = position, factor
        self.countdown.set_target(self.target)
        self.query_one("#prompter-question", Label).update(" › ".join(prompt.heading_path))
        lines = self.query_one("#prompter-lines", VerticalScroll)
        lines.remove_children()
        shown = prompt.lines or (prompt.silent,)
        lines.mount_all(Static(line, classes="prompter-line", markup=False) for line in shown)
        self._shown_line = -1
        was_silent = self.has_class("-silent")
        self.set_class(self._silent, "-silent")
        if self._silent:
            self.countdown.reset()  # nothing to say: no clock, no run
            self._new_run()
        elif not keep_place or was_silent:  # an answer written meanwhile starts its clock
            self.countdown.restart()
            self._new_run()
        elif self.heard is not None:
            self.pacer.follow_voice(self._listening, self.heard.talk_s)
        self._show_advice()
        self.refresh_bindings()
        self.tick()

    def _show_advice(self) -> None:
        prompt, advice = self.prompt, self.advice
        if self._silent:
            line = f"{prompt.silent} · → the next question"
        else:
            pace = "your measured pace" if self._measured is not None else "your rate"
            line = advice.estimate(pace)
        self.query_one("#prompter-info", FittedLine).show(line, prompt.file)
        self.set_class(not self._silent and not advice.fits, "-misfit")

    def _new_run(self) -> None:
        """The clock starts again: so does what the voice hears, and its recording."""
        self._run_started = self._clock()
        self.heard = None
        self.pacer.follow_voice(False)
        if self._listening and not self._silent:
            self._hear_this_run()

    def _notes_changed(self, paths: frozenset[Path]) -> None:
        """An answer saved while it is being read (here or elsewhere) shows up at once."""
        assert self._notes is not None
        notebook = self._notes.notebook
        if any(notebook.relative(path) == self.prompt.file for path in paths):
            refreshed = refreshed_prompt(notebook, self.prompt, self._rules)
            if refreshed is not None:
                self.replace_prompt(refreshed)

    def replace_prompt(self, prompt: Prompt) -> None:
        """The answer changed on disk: show the new text at the same place on the clock."""
        self._prompts[self._index] = prompt
        self._load(keep_place=True)

    def tick(self) -> None:
        self.pacer.update()
        if self.heard is not None:
            self.pacer.listen(self.heard.talk_s, self._clock())
            self._show_voice()  # the run's figures stay on show when the voice goes off
        countdown = self.countdown
        self.query_one("#prompter-clock", Digits).update(countdown.display())
        phase = countdown.phase
        paused = not countdown.running and not self._silent
        self.set_class(phase is Phase.WARNING, "-warning")
        self.set_class(phase is Phase.OVERTIME, "-overtime")
        if paused != self.has_class("-paused"):
            self.set_class(paused, "-paused")
            self.refresh_bindings()  # Pause or Resume
        self.set_class(self.heard is not None, "-voiced")
        self.query_one("#prompter-state", Label).update(
            ""
            if self._silent
            else speed_state(
                self.pacer.factor, self.advice.mode, paused=paused, voice=self.pacer.voice
            )
        )
        self.query_one("#prompter-progress", ProgressBar).update(progress=countdown.fraction * 100)
        self._highlight(self.pacer.line)

    def _highlight(self, line: int) -> None:
        if line == self._shown_line:
            return
        statics = list(self.query(".prompter-line").results(Static))
        for number, widget in enumerate(statics):
            widget.set_class(number == line, "-current")
            widget.set_class(number < line, "-read")
        if 0 <= line < len(statics):
            self.query_one("#prompter-lines", VerticalScroll).scroll_to_center(
                statics[line], animate=False
            )
        self._shown_line = line

    @property
    def current_line(self) -> int:
        return self._shown_line

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        silent_off = ("pause", "resume", "restart", "faster", "slower", "nudge", "pacing")
        if action in silent_off and self._silent:
            return False  # nothing to read here: the keys are not offered
        if action == "pause":
            return self.countdown.running
        if action == "resume":
            return not self.countdown.running
        if action == "pacing":
            return parameters == (("rate",) if self._fit else ("fit",))
        return True

    def action_pause(self) -> None:
        self._pause_resume()

    def action_resume(self) -> None:
        self._pause_resume()

    def _pause_resume(self) -> None:
        self.countdown.toggle()
        self.pacer.update()
        self.pacer.hold(self._clock())
        self.tick()

    def action_faster(self) -> None:
        self.pacer.faster()
        self.tick()

    def action_slower(self) -> None:
        self.pacer.slower()
        self.tick()

    def action_pacing(self, mode: str) -> None:
        """`f`: read at your rate, or fit the text to the clock."""
        self._fit = mode == "fit"
        self.pacer.fit = self._fit
        self._show_advice()
        self.refresh_bindings()
        self.tick()

    def action_keys(self) -> None:
        if self.countdown.running:
            self._pause_resume()  # reading the keys is not reading the answer
        self.app.push_screen(KeysScreen(self, "Teleprompter"))

    def action_nudge(self, lines: int) -> None:
        self.pacer.nudge(lines)
        self.pacer.hold(self._clock())
        self.tick()

    def action_restart(self) -> None:
        self._record()
        self.countdown.restart()
        self.pacer.restart()
        self._new_run()
        self.tick()

    def action_target(self, seconds: int) -> None:
        """A 60 or 90 second answer: this one, and the next ones without a target of their own."""
        self._default_target = self._chosen_target = float(seconds)
        self.countdown.set_target(float(seconds))
        self._show_advice()
        self.tick()

    def action_next_target(self) -> None:
        """Cycle through 60 s, 90 s and the presets from the config file."""
        later = [p for p in self._presets if p > self.target]
        self.action_target(later[0] if later else self._presets[0])

    def action_step(self, step: int) -> None:
        target = self._index + step
        if not 0 <= target < self._count:
            self.app.bell()
            return
        self._record()
        self._index = target
        self._chosen_target = None
        self.pacer.restart()
        self._load(keep_place=False)

    def action_leave(self) -> None:
        self._record()
        if self._timer is not None:
            self._timer.stop()
        bar = self._voice_bar
        if bar is not None:
            bar.stop()
        self.dismiss(self._index)

    @property
    def finished(self) -> bool:
        """Read to the end, or the clock ran out (overtime counts)."""
        return self.countdown.remaining <= 0 or self.pacer.position >= 1.0

    def _record(self) -> None:
        """Log this run, if there was one: something to say, and three seconds or more."""
        self.pacer.update()  # read to this moment, not to the last tick
        spoken = self.countdown.elapsed
        logged = self._log is not None and spoken >= MIN_SECONDS and not self._silent
        self._finish_recording(keep=logged)
        if self._log is None or not logged:
            return
        record = teleprompter_record(
            self.prompt, self.target, spoken, self.finished, self._delivery(spoken)
        )
        try:
            self._log.append(record)
        except OSError as error:
            self.notify(
                f"Could not write the rehearsal log: {error}", severity="warning", markup=False
            )
