"""The teleprompter: one answer, paced to the clock, the line to read now highlighted."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

from rehearse.core.clock import Clock, Countdown, Pacer, Phase
from rehearse.core.history import MIN_SECONDS, RehearsalLog, record_now
from rehearse.core.identity import answer_digest
from rehearse.core.markdown import paragraphs
from rehearse.core.notes import NoteFile, Section
from rehearse.core.speech import SpeakingRates, estimate_seconds, format_duration

TICK_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question ready to be read: where it is, and its spoken lines."""

    file: str
    heading_path: tuple[str, ...]
    lines: tuple[str, ...]
    answer_digest: str = ""  # logged, so a renamed heading keeps its history


def prompt_for(note: NoteFile, section: Section, file: str) -> Prompt:
    lines = tuple(paragraphs(note.spoken_text(section)))
    return Prompt(file, note.heading_path(section), lines, answer_digest(note, section))


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
        self._fit = fit
        self._log = log
        self._clock = clock
        self._tick_enabled = tick
        self._timer: Timer | None = None
        self._shown_line = -1
        self.countdown = Countdown(target, clock)
        self.pacer = Pacer(self.countdown, [1.0], 1.0)

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
        with Horizontal(id="prompter-body"):  # centres the reading column
            yield VerticalScroll(id="prompter-lines")
        yield Footer()

    def on_mount(self) -> None:
        self._load(keep_place=False)
        if self._tick_enabled:
            self._timer = self.set_interval(TICK_SECONDS, self.tick)

    # -- the answer -------------------------------------------------------------------------

    def _load(self, keep_place: bool) -> None:
        """Show the current prompt; a fresh one restarts the clock, a reloaded one keeps it."""
        prompt = self.prompt
        weights = [max(estimate_seconds(line, self._rates), 0.2) for line in prompt.lines]
        natural = sum(weights)
        position = self.pacer.position if keep_place else 0.0
        self.pacer = Pacer(self.countdown, weights or [1.0], natural, fit=self._fit)
        self.pacer.position = position
        self.query_one("#prompter-question", Label).update(" › ".join(prompt.heading_path))
        self.query_one("#prompter-info", Label).update(
            f"{prompt.file} · about {format_duration(natural)} at your speaking rate"
        )
        lines = self.query_one("#prompter-lines", VerticalScroll)
        lines.remove_children()
        shown = prompt.lines or ("(no answer yet)",)
        lines.mount_all(Static(line, classes="prompter-line", markup=False) for line in shown)
        self._shown_line = -1
        if not keep_place:
            self.countdown.restart()
        self.tick()

    def replace_prompt(self, prompt: Prompt) -> None:
        """The answer changed on disk: show the new text at the same place on the clock."""
        self._prompts[self._index] = prompt
        self._load(keep_place=True)

    def tick(self) -> None:
        self.pacer.update()
        countdown = self.countdown
        self.query_one("#prompter-clock", Digits).update(countdown.display())
        phase = countdown.phase
        self.set_class(phase is Phase.WARNING, "-warning")
        self.set_class(phase is Phase.OVERTIME, "-overtime")
        self.set_class(not countdown.running, "-paused")
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

    def action_pause_resume(self) -> None:
        self.countdown.toggle()
        self.pacer.update()
        self.tick()

    def action_faster(self) -> None:
        self.pacer.faster()

    def action_slower(self) -> None:
        self.pacer.slower()

    def action_nudge(self, lines: int) -> None:
        self.pacer.nudge(lines)
        self.tick()

    def action_restart(self) -> None:
        self._record(finished=False)
        self.countdown.restart()
        self.pacer.restart()
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
        self.dismiss(None)

    def _record(self, finished: bool) -> None:
        spoken = self.countdown.elapsed
        if self._log is None or spoken < MIN_SECONDS:
            return
        prompt = self.prompt
        record = record_now(
            prompt.file,
            prompt.heading_path,
            "teleprompter",
            self._target,
            spoken,
            finished,
            answer_digest=prompt.answer_digest,
        )
        try:
            self._log.append(record)
        except OSError as error:
            self.notify(
                f"Could not write the rehearsal log: {error}", severity="warning", markup=False
            )
