"""A spoken pace, and whether a person could have spoken at it.

The pace of a run is the answer's text over its talk time: Korean syllables a
minute (an English word in a Korean answer counts as the syllables it takes at
the configured rates), or English words a minute for an answer with no Hangul.
Talk time is what the detector heard as speech, short breaths inside it, so
the figure is close to an articulation rate.

A pace is plausible only within what a human speaker reaches. Korean talk runs
at about 4-7 syllables a second (240-420 a minute; conversational speech sits
at 250-400, newsreaders at 6-7 a second) and fast read speech at 8-10 a second
(500-600 a minute); English conversation at 120-180 words a minute and fast
speech at up to about 300. Below 2 syllables (1 word) a second is slower than
a careful dictation. Beyond the band the run was not this answer read aloud:
its talk was too short for the text (read in part, or the detector missed the
voice) or too long for it (a long talk over a one-line answer). Such a run has
no pace: it is not shown, logged or counted anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rehearse.core.speech import SpeakingRates, spoken_length

Unit = Literal["syllables", "words"]
BANDS: dict[Unit, tuple[float, float]] = {
    "syllables": (120.0, 600.0),  # Korean syllables a minute of talk
    "words": (60.0, 300.0),  # English words a minute of talk
}


def pace_unit(text: str) -> Unit:
    """Korean syllables for an answer with any Hangul, English words otherwise."""
    return "syllables" if spoken_length(text).syllables else "words"


def plausible_pace(value: float, unit: Unit | None = None) -> bool:
    """Whether a person can speak at `value` units a minute; with the unit unknown (a
    record whose answer is gone), within either band."""
    if unit is None:
        return any(low <= value <= high for low, high in BANDS.values())
    low, high = BANDS[unit]
    return low <= value <= high


@dataclass(frozen=True, slots=True)
class PaceReading:
    """An answer's text over the talk time it was said in."""

    measured: float | None  # units a minute; None when there is no text or no talk
    unit: Unit
    talk_s: float

    @property
    def value(self) -> float | None:
        """The pace, when a person could have spoken at it."""
        measured = self.measured
        return measured if measured is not None and plausible_pace(measured, self.unit) else None

    def note(self) -> str | None:
        """Why there is no pace (`2.0 s of talk is too short for this answer ...`)."""
        measured = self.measured
        if measured is None:
            return "no speech heard" if self.talk_s <= 0 else "no words in this answer"
        if self.value is not None:
            return None
        low, high = BANDS[self.unit]
        too = "short" if measured > high else "long"
        return (
            f"{self.talk_s:.1f} s of talk is too {too} for this answer "
            f"({measured:.0f} {self.unit} a minute; people speak {low:.0f}-{high:.0f})"
        )


def read_pace(text: str, talk_s: float, rates: SpeakingRates) -> PaceReading:
    """The pace of `text` said in `talk_s` seconds of talk, plausible or not."""
    length = spoken_length(text)
    unit: Unit = "syllables" if length.syllables else "words"
    if talk_s <= 0 or (length.syllables == 0 and length.words == 0):
        return PaceReading(None, unit, max(talk_s, 0.0))
    if length.syllables:
        units = length.syllables + length.words * (
            rates.syllables_per_minute / rates.words_per_minute
        )
    else:
        units = length.words
    return PaceReading(units * 60.0 / talk_s, unit, talk_s)


def pace(text: str, talk_s: float, rates: SpeakingRates) -> float | None:
    """The plausible pace of `text` said in `talk_s`; None when there is none."""
    return read_pace(text, talk_s, rates).value
