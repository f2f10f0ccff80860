"""The teleprompter with the voice on: the text moves while you speak and waits while you
pause; what was heard is shown under the progress bar and kept with the run."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Label

from rehearse.core.clock import Clock, Countdown, Pacer
from rehearse.core.delivery import Delivery, Segmenter
from rehearse.core.listening import VoiceSetup
from rehearse.core.practice import Prompt
from rehearse.core.speech import SpeakingRates
from rehearse.core.stats import voice_line
from rehearse.ui.voice_bar import VoiceBar


class PrompterVoice(Screen[int]):
    """The teleprompter screen's voice half: what it listens with, and to which run."""

    CSS_PATH = "rehearsal.tcss"

    heard: Segmenter | None
    pacer: Pacer
    countdown: Countdown
    _voice: VoiceSetup | None
    _clock: Clock
    _run_started: float
    _rates: SpeakingRates
    prompt: Prompt  # the teleprompter's properties
    target: float

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

    def on_voice_bar_opened(self) -> None:
        self._hear_this_run()

    def on_voice_bar_failed(self, message: VoiceBar.Failed) -> None:
        self.notify(f"Voice off: {message.reason}", severity="warning", markup=False)

    def on_voice_bar_heard(self, message: VoiceBar.Heard) -> None:
        if self.heard is not None and self._listening:
            self.heard.feed(message.at - self._run_started, message.frame.probability)

    def on_voice_bar_ended(self, message: VoiceBar.Ended) -> None:
        self.pacer.follow_voice(False)
        why = message.reason or f"the end of {message.label}"
        self.notify(f"Voice off: {why}", markup=False)

    def _show_voice(self) -> None:
        if self.heard is None:
            return
        spoken = self.countdown.elapsed
        figures = self.heard.delivery(duration_s=spoken)
        line = voice_line(figures.talk_s, self.target, figures.first_word_s, None)
        if figures.pauses:
            line += f" · longest pause {figures.longest_pause_s:.1f} s"
        self.query_one("#prompter-voice", Label).update(line)

    def _delivery(self, spoken: float) -> Delivery | None:
        """How this run was said, for its log record; None when the voice was off."""
        if self.heard is None:
            return None
        lines = self.prompt.lines
        # The pace counts the whole answer, so only once it has been read to its end.
        read_through = self.pacer.line >= len(lines) - 1
        text = " ".join(lines) if read_through else None
        return self.heard.delivery(duration_s=spoken, text=text, rates=self._rates)

    def _finish_recording(self, keep: bool) -> None:
        bar = self._voice_bar
        if bar is not None and bar.listening:
            bar.record_to(None, discard=not keep)

    def _hear_this_run(self) -> None:
        """Listen to this run from now on (the clock and the place stay as they are); what was
        heard of it before the voice went off counts on."""
        if self.heard is None:
            self.heard = Segmenter()
        self.pacer.follow_voice(True, self.heard.talk_s)
        bar, voice = self._voice_bar, self._voice
        if bar is not None and voice is not None and voice.record and voice.recordings:
            bar.record_to(voice.recordings.path_for(self.prompt.question))
