"""The teleprompter: one answer, paced to the clock (or led by the voice), the line to read
now highlighted."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

from rehearse.core.clock import Clock, Countdown, Pacer, Phase
from rehearse.core.delivery import Segmenter
from rehearse.core.history import MIN_SECONDS, Rehearsal, RehearsalLog, record_now
from rehearse.core.listening import VoiceSetup
from rehearse.core.practice import Prompt, refreshed_prompt
from rehearse.core.refs import QuestionId
from rehearse.core.speech import SpeakingRates, estimate_seconds, format_duration
from rehearse.core.stats import measured_rates, voice_line
from rehearse.ui.notes_feed import NotesFeed
from rehearse.ui.voice_bar import VoiceBar

TICK_SECONDS = 0.1


class TeleprompterScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "leave", "Back", id="prompter.back"),
        Binding("space", "pause_resume", "Pause", id="prompter.pause"),
        Binding("plus,equals_sign", "faster", "Faster", id="prompter.faster"),
        Binding("minus", "slower", "Slower", id="prompter.slower"),
        Binding("up", "nudge(-1)", "Back a line", id="prompter.line_back", show=False),
        Binding("down", "nudge(1)", "On a line", id="prompter.line_on", show=False),
        Binding("left", "step(-1)", "Previous", id="prompter.previous"),
        Binding("right", "step(1)", "Next", id="prompter.next"),
        Binding("r", "restart", "Restart", id="prompter.restart"),
        Binding("6", "target(60)", "60 s", id="prompter.target_60"),
        Binding("9", "target(90)", "90 s", id="prompter.target_90"),
        Binding("t", "next_target", "Next target", id="prompter.next_target", show=False),
        Binding("v", "voice", "Voice", id="prompter.voice"),
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
        clock: Clock = time.monotonic,
        tick: bool = True,
    ) -> None:
        super().__init__()
        # Made when first shown: making every prompt of a big notebook up front took ~0.5 s.
        self._prompt_at = prompt_at
        self._prompts: dict[int, Prompt] = {}
        self._count = count
        self._index = index
        self._target = target
        self._presets = sorted({60, 90, int(target), *presets})
        self._rates = rates or SpeakingRates()
        self._measured: SpeakingRates | None = None  # from your voiced runs, once read
        self._fit = fit
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

    def compose(self) -> ComposeResult:
        yield Label("", id="prompter-question", markup=False)
        with Horizontal(id="prompter-top"):
            yield Digits("1:00", id="prompter-clock")
            with Center(id="prompter-meter"):
                yield Label("", id="prompter-info", markup=False)
                yield ProgressBar(total=100, show_eta=False, id="prompter-progress")
                yield Label("", id="prompter-voice", markup=False)
            if self._voice is not None:
                yield VoiceBar(self._voice, self._clock, id="prompter-mic")
        with Horizontal(id="prompter-body"):  # centres the reading column
            yield VerticalScroll(id="prompter-lines")
        yield Footer()

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
        natural = sum(weights)
        position = self.pacer.position if keep_place else 0.0
        self.pacer = Pacer(self.countdown, weights or [1.0], natural, fit=self._fit)
        self.pacer.position = position
        self.query_one("#prompter-question", Label).update(" › ".join(prompt.heading_path))
        pace = "your measured pace" if self._measured is not None else "your speaking rate"
        advice = f"{prompt.file} · about {format_duration(natural)} at {pace}"
        if natural > self._target:
            advice += f": does not fit {format_duration(self._target)}, cut or speed up"
        self.query_one("#prompter-info", Label).update(advice)
        lines = self.query_one("#prompter-lines", VerticalScroll)
        lines.remove_children()
        shown = prompt.lines or ("(no answer yet)",)
        lines.mount_all(Static(line, classes="prompter-line", markup=False) for line in shown)
        self._shown_line = -1
        if not keep_place:
            self.countdown.restart()
            self._new_run()
        elif self.heard is not None:
            self.pacer.follow_voice(self._listening, self.heard.talk_s)
        self.tick()

    def _new_run(self) -> None:
        """The clock starts again: so does what the voice hears, and its recording."""
        self._run_started = self._clock()
        self.heard = None
        self.pacer.follow_voice(False)
        if self._listening:
            self._hear_this_run()

    def _hear_this_run(self) -> None:
        """Listen to this run from now on (the clock and the place stay as they are); what was
        heard of it before the voice went off counts on."""
        if self.heard is None:
            self.heard = Segmenter()
        self.pacer.follow_voice(True, self.heard.talk_s)
        bar, voice = self._voice_bar, self._voice
        if bar is not None and voice is not None and voice.record and voice.recordings:
            bar.record_to(voice.recordings.path_for((self.prompt.file, self.prompt.heading_path)))

    def _notes_changed(self, paths: frozenset[Path]) -> None:
        """An answer saved while it is being read (here or elsewhere) shows up at once."""
        assert self._notes is not None
        notebook = self._notes.notebook
        if any(notebook.relative(path) == self.prompt.file for path in paths):
            refreshed = refreshed_prompt(notebook, self.prompt)
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
        self.set_class(phase is Phase.WARNING, "-warning")
        self.set_class(phase is Phase.OVERTIME, "-overtime")
        self.set_class(not countdown.running, "-paused")
        self.set_class(self.heard is not None, "-voiced")
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

    # -- the voice --------------------------------------------------------------------------

    @property
    def _voice_bar(self) -> VoiceBar | None:
        bars = self.query(VoiceBar)
        return bars.first() if bars else None

    @property
    def _listening(self) -> bool:
        bar = self._voice_bar
        return bar is not None and bar.listening

    def action_voice(self) -> None:
        """`v`: listen (the microphone, or the `--audio` file), or stop listening."""
        bar = self._voice_bar
        if bar is None:
            self.notify("Voice is not set up in this rehearsal.", severity="warning")
            return
        if bar.wanted:
            self._finish_recording(keep=True)
            bar.stop()
            self.pacer.follow_voice(False)
        else:
            bar.start()

    @on(VoiceBar.Opened)
    def _voice_opened(self) -> None:
        self._hear_this_run()

    @on(VoiceBar.Failed)
    def _voice_failed(self, message: VoiceBar.Failed) -> None:
        self.notify(f"Voice off: {message.reason}", severity="warning", markup=False)

    @on(VoiceBar.Heard)
    def _heard(self, message: VoiceBar.Heard) -> None:
        if self.heard is not None and self._listening:
            self.heard.feed(message.at - self._run_started, message.frame.probability)

    @on(VoiceBar.Ended)
    def _voice_ended(self, message: VoiceBar.Ended) -> None:
        self.pacer.follow_voice(False)
        why = message.reason or f"the end of {message.label}"
        self.notify(f"Voice off: {why}", markup=False)

    def _show_voice(self) -> None:
        if self.heard is None:
            return
        spoken = self.countdown.elapsed
        figures = self.heard.delivery(duration_s=spoken)
        line = voice_line(figures.talk_s, self._target, figures.first_word_s, None)
        if figures.pauses:
            line += f" · longest pause {figures.longest_pause_s:.1f} s"
        self.query_one("#prompter-voice", Label).update(line)

    def _finish_recording(self, keep: bool) -> None:
        bar = self._voice_bar
        if bar is not None and bar.listening:
            bar.record_to(None, discard=not keep)

    # -- keys -------------------------------------------------------------------------------

    def action_pause_resume(self) -> None:
        self.countdown.toggle()
        self.pacer.update()
        self.pacer.hold(self._clock())
        self.tick()

    def action_faster(self) -> None:
        self.pacer.faster()

    def action_slower(self) -> None:
        self.pacer.slower()

    def action_nudge(self, lines: int) -> None:
        self.pacer.nudge(lines)
        self.pacer.hold(self._clock())
        self.tick()

    def action_restart(self) -> None:
        self._record(finished=False)
        self.countdown.restart()
        self.pacer.restart()
        self._new_run()
        self.tick()

    def action_target(self, seconds: int) -> None:
        self._target = float(seconds)
        self.countdown.set_target(float(seconds))
        self.tick()

    def action_next_target(self) -> None:
        """Cycle through 60 s, 90 s and the presets from the config file."""
        later = [p for p in self._presets if p > self._target]
        self.action_target(later[0] if later else self._presets[0])

    def action_step(self, step: int) -> None:
        target = self._index + step
        if not 0 <= target < self._count:
            self.app.bell()
            return
        self._record(finished=False)
        self._index = target
        self.pacer.restart()
        self._load(keep_place=False)

    def action_leave(self) -> None:
        self._record(finished=self.countdown.remaining <= 0 or self.pacer.position >= 1.0)
        if self._timer is not None:
            self._timer.stop()
        bar = self._voice_bar
        if bar is not None:
            bar.stop()
        self.dismiss(None)

    def _record(self, finished: bool) -> None:
        spoken = self.countdown.elapsed
        logged = self._log is not None and spoken >= MIN_SECONDS
        self._finish_recording(keep=logged)
        if self._log is None or not logged:
            return
        prompt = self.prompt
        voice = None
        if self.heard is not None:
            # The pace counts the whole answer, so only once it has been read to its end.
            read_through = self.pacer.line >= len(prompt.lines) - 1
            voice = self.heard.delivery(
                duration_s=spoken,
                text=" ".join(prompt.lines) if read_through else None,
                rates=self._rates,
            )
        record = record_now(
            prompt.file,
            prompt.heading_path,
            "teleprompter",
            self._target,
            spoken,
            finished,
            answer_digest=prompt.answer_digest,
            voice=voice,
        )
        try:
            self._log.append(record)
        except OSError as error:
            self.notify(
                f"Could not write the rehearsal log: {error}", severity="warning", markup=False
            )
