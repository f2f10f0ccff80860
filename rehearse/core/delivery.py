"""How an answer was delivered, from voice activity frames: talk time, the first word, pauses.

The detector scores each 32 ms frame with a speech probability. Frames become
speech with hysteresis (on at 0.5, off below 0.35, as Silero's own helper
does); runs of speech separated by gaps under 0.3 s are one segment (breaths,
stops between words), and segments shorter than 0.15 s are dropped (a click, a
cough). The detector holds speech on for a few frames after the voice stops, so
each segment's end is pulled back by a calibrated amount (see the fixtures in
tests/core/test_delivery_audio.py and benchmarks/bench_voice.py).

`Segmenter` takes one frame at a time, so the screens follow a live voice with
the very code that analyses a recording: the same frames give the same figures.
This module is pure Python; the detector and the audio live in `listening` and
`audio`, which need the `voice` extra.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rehearse.core.audio import CHUNK_SAMPLES
from rehearse.core.speech import SpeakingRates
from rehearse.core.spoken_pace import pace
from rehearse.core.wavfile import SAMPLE_RATE

FRAME_S = CHUNK_SAMPLES / SAMPLE_RATE  # one detector frame: 32 ms
SPEECH_ON = 0.5  # probability at which a frame starts speech
SPEECH_OFF = 0.35  # below which speech ends
MERGE_GAP_S = 0.3  # shorter silences are inside one stretch of speech
MIN_SPEECH_S = 0.15  # shorter speech is a noise
MIN_PAUSE_S = 0.5  # a silence this long between speech is a pause
END_HOLD_S = 0.09  # calibrated: the detector stays on this long after the voice stops


@dataclass(frozen=True, slots=True)
class Pause:
    start_s: float
    duration_s: float


@dataclass(frozen=True, slots=True)
class Delivery:
    """One answer's delivery; times in seconds from when the question was shown."""

    duration_s: float
    talk_s: float
    first_word_s: float | None  # None: no speech heard
    pauses: tuple[Pause, ...]
    syllables_per_minute: float | None = None  # the answer's pace, when its text is known

    @property
    def longest_pause_s(self) -> float:
        return max((pause.duration_s for pause in self.pauses), default=0.0)

    def as_json(self) -> dict[str, Any]:
        """`rehearse delivery --json`: exactly these keys."""
        return {"duration_s": round(self.duration_s, 2), **self.voice_json()}

    def voice_json(self) -> dict[str, Any]:
        """The `voice` object of a rehearsal record."""
        return {
            "talk_s": round(self.talk_s, 2),
            "first_word_s": None if self.first_word_s is None else round(self.first_word_s, 2),
            "longest_pause_s": round(self.longest_pause_s, 2),
            "pauses": [
                {"start_s": round(p.start_s, 2), "duration_s": round(p.duration_s, 2)}
                for p in self.pauses
            ],
            "syllables_per_minute": (
                None if self.syllables_per_minute is None else round(self.syllables_per_minute, 1)
            ),
        }


def delivery_from_json(data: Mapping[str, Any], duration_s: float) -> Delivery:
    """A record's `voice` object back; raises ValueError, KeyError or TypeError on a foreign one."""
    pauses = tuple(
        Pause(_seconds(p["start_s"]), _seconds(p["duration_s"])) for p in data.get("pauses") or ()
    )
    first = data.get("first_word_s")
    pace = data.get("syllables_per_minute")
    return Delivery(
        duration_s=duration_s,
        talk_s=_seconds(data["talk_s"]),
        first_word_s=None if first is None else _seconds(first),
        pauses=pauses,
        syllables_per_minute=None if pace is None else _seconds(pace),
    )


RUN_MARGIN_S = 1.0  # a frame's lag, a clock's last tick, the rounding of the record


def fits_run(voice: Delivery, spoken_s: float, first_word_in_run: bool = True) -> bool:
    """Whether these figures could be a run of `spoken_s` seconds: its talk no longer than it,
    nor its first word when the run's time counts from the question (the teleprompter; a
    mock interview's clock starts at the first word). Pauses are not held to it: the
    teleprompter's clock stops while it is paused, the voice's does not."""
    limit = spoken_s + RUN_MARGIN_S
    first = voice.first_word_s if first_word_in_run else None
    return voice.talk_s <= limit and (first is None or first <= limit)


def _seconds(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError("a number, not a switch")
    number = float(value)
    if not 0 <= number <= 86400:  # also false for NaN
        raise ValueError(f"out of range: {value!r}")
    return number


class Segmenter:
    """Speech segments from detector frames fed in order, live or from a recording.

    Times are seconds from the origin (when the question was shown); frames that
    start before it are ignored. Live figures (`talk_s`, `speaking`, `silence_s`)
    count only speech that has lasted `MIN_SPEECH_S`, so a click never moves them.
    """

    def __init__(self, frame_s: float = FRAME_S) -> None:
        self.frame_s = frame_s
        self.heard_until = 0.0  # the end of the last frame fed
        self._closed: list[tuple[float, float]] = []
        self._open: list[float] | None = None  # [start, end] of the stretch being heard
        self._in_speech = False

    def feed(self, start_s: float, probability: float) -> None:
        if start_s < 0:
            return
        end = start_s + self.frame_s
        speech = probability >= SPEECH_ON or (self._in_speech and probability >= SPEECH_OFF)
        self._in_speech = speech
        current = self._open
        if speech:
            if current is not None and start_s - current[1] < MERGE_GAP_S:
                current[1] = end
            else:
                self._close()
                self._open = [start_s, end]
        elif current is not None and end - current[1] >= MERGE_GAP_S:
            self._close()
        self.heard_until = max(self.heard_until, end)

    def feed_all(self, probabilities: Iterable[float], start_s: float = 0.0) -> Segmenter:
        for number, probability in enumerate(probabilities):
            self.feed(start_s + number * self.frame_s, probability)
        return self

    def _close(self) -> None:
        current, self._open = self._open, None
        if current is not None and current[1] - current[0] >= MIN_SPEECH_S:
            self._closed.append(_trimmed(current[0], current[1]))

    @property
    def segments(self) -> list[tuple[float, float]]:
        """Speech so far, the stretch still being heard included once it counts."""
        current = self._open
        if current is not None and current[1] - current[0] >= MIN_SPEECH_S:
            return [*self._closed, _trimmed(current[0], current[1])]
        return list(self._closed)

    @property
    def talk_s(self) -> float:
        return sum(end - start for start, end in self.segments)

    @property
    def first_word_s(self) -> float | None:
        segments = self.segments
        return segments[0][0] if segments else None

    @property
    def speaking(self) -> bool:
        """The voice is on now: counted speech, heard in the latest frame."""
        current = self._open
        return (
            current is not None
            and current[1] - current[0] >= MIN_SPEECH_S
            and current[1] >= self.heard_until
        )

    @property
    def last_word_end_s(self) -> float | None:
        segments = self.segments
        return segments[-1][1] if segments else None

    @property
    def silence_s(self) -> float:
        """Seconds since counted speech was last heard (since the origin before any)."""
        if self.speaking:
            return 0.0
        last = self.last_word_end_s
        return self.heard_until - (last if last is not None else 0.0)

    def delivery(
        self,
        duration_s: float | None = None,
        text: str | None = None,
        rates: SpeakingRates | None = None,
    ) -> Delivery:
        """The figures so far; `duration_s` defaults to the audio heard (whole frames: a
        recording's real length is its samples'), `text` gives the pace when it is plausible
        (`spoken_pace`)."""
        segments = self.segments
        pauses = tuple(
            Pause(end, start - end)
            for (_, end), (start, _) in itertools.pairwise(segments)
            if start - end >= MIN_PAUSE_S
        )
        talk = sum(end - start for start, end in segments)
        return Delivery(
            duration_s=self.heard_until if duration_s is None else duration_s,
            talk_s=talk,
            first_word_s=segments[0][0] if segments else None,
            pauses=pauses,
            syllables_per_minute=(
                None if text is None else pace(text, talk, rates or SpeakingRates())
            ),
        )


def _trimmed(start: float, end: float) -> tuple[float, float]:
    return start, max(start, end - END_HOLD_S)
