"""The mock interview with the voice on: the answer clock waits for the first word, a long
silence ends the answer, and each answer can be recorded."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from rehearse.core.interview import MockInterview, Stage
from rehearse.core.listening import VoiceSetup
from rehearse.ui.voice_bar import VoiceBar


class MockVoice(Screen[None]):
    """The mock interview screen's voice half."""

    CSS_PATH = "rehearsal.tcss"

    interview: MockInterview
    _listen: VoiceSetup | None
    _recording_round: int | None

    def tick(self) -> None:
        raise NotImplementedError

    @property
    def _voice_bar(self) -> VoiceBar | None:
        bars = self.query(VoiceBar)
        return bars.first() if bars else None

    def action_voice(self) -> None:
        """`v`: listen (the microphone, or the `--audio` file), or stop listening."""
        bar = self._voice_bar
        if bar is None:
            self.notify("Voice is not set up in this interview.", severity="warning")
            return
        if bar.wanted:
            bar.stop()
            self._recording_round = None
            self.interview.set_listening(False)
            self.tick()
        else:
            bar.start()

    @on(VoiceBar.Opened)
    def _voice_opened(self) -> None:
        self.interview.set_listening(True)
        self._record_round()
        self.tick()

    @on(VoiceBar.Failed)
    def _voice_failed(self, message: VoiceBar.Failed) -> None:
        self.interview.set_listening(False)  # a clock that waited for a word starts now
        self.notify(f"Voice off: {message.reason}", severity="warning", markup=False)
        self.tick()

    @on(VoiceBar.Heard)
    def _heard(self, message: VoiceBar.Heard) -> None:
        bar = self._voice_bar
        interview = self.interview
        if bar is not None and bar.listening:
            before = (interview.stage, interview.waiting)
            interview.hear(message.at, message.frame.probability)
            if (interview.stage, interview.waiting) != before:  # the first word, or the end
                self.tick()

    @on(VoiceBar.Ended)
    def _voice_ended(self, message: VoiceBar.Ended) -> None:
        self._recording_round = None
        self.interview.set_listening(False)
        self.notify(f"Voice off: {message.reason or f'the end of {message.label}'}", markup=False)
        self.tick()

    def _record_round(self) -> None:
        """With `record: true`, each answer from its start to its reveal; a skipped one is
        thrown away."""
        bar, listen, interview = self._voice_bar, self._listen, self.interview
        if bar is None or listen is None or not listen.record or not bar.listening:
            return
        recording = self._recording_round
        if interview.stage is Stage.ANSWERING and recording != interview.index:
            if listen.recordings is not None:
                bar.record_to(listen.recordings.path_for(interview.current.id))
                self._recording_round = interview.index
        elif recording is not None and interview.stage is not Stage.ANSWERING:
            bar.record_to(None, discard=interview.stage is not Stage.REVEALED)
            self._recording_round = None
