"""What the teleprompter says about its pace: how long the answer takes at your rate against
its target, the slack or the speed it needs, and how the text is moving now.

Fit to the clock never reads slower than your speaking rate: an answer shorter
than its target scrolls at your rate and ends early (the slack is shown); a
longer one is sped up to end with the clock, and the speed it needs is shown in
the warning colour; `f` reads it at your rate instead (and back).
"""

from __future__ import annotations

from dataclasses import dataclass

from rehearse.core.speech import format_duration

MIN_SPEED, MAX_SPEED, SPEED_STEP = 0.3, 3.0, 0.1


def faster(factor: float) -> float:
    return round(min(MAX_SPEED, factor + SPEED_STEP), 1)


def slower(factor: float) -> float:
    return round(max(MIN_SPEED, factor - SPEED_STEP), 1)


@dataclass(frozen=True, slots=True)
class PaceAdvice:
    natural_s: float  # the answer at your speaking rate (or measured pace)
    target_s: float
    fit: bool  # fit to the clock chosen (else your rate)

    @property
    def fits(self) -> bool:
        return self.natural_s <= self.target_s

    @property
    def needs(self) -> float:
        """The speed-up over your rate that ends the answer with the clock."""
        return self.natural_s / self.target_s if self.target_s > 0 else 1.0

    @property
    def fitting(self) -> bool:
        """The text is sped up to end with the clock."""
        return self.fit and not self.fits

    @property
    def mode(self) -> str:
        return "fit to the clock" if self.fitting else "your rate"

    def estimate(self, pace: str = "your rate") -> str:
        """`1:37 at your rate · needs 1.6× to fit 1:00`, or `0:08 at your rate · 0:52 to spare`."""
        line = f"{format_duration(self.natural_s)} at {pace}"
        if self.fits:
            return f"{line} · {format_duration(self.target_s - self.natural_s)} to spare"
        if self.fit:
            return f"{line} · needs {self.needs:.1f}× to fit {format_duration(self.target_s)}"
        return f"{line} · does not fit {format_duration(self.target_s)} (needs {self.needs:.1f}×)"


def speed_state(factor: float, mode: str, *, paused: bool, voice: bool) -> str:
    """`Paused · ×1.2 · fit to the clock`: what the text is doing now."""
    moving = "led by your voice" if voice else mode
    parts = ["Paused"] if paused else []
    parts += [f"×{factor:.1f}", moving]
    return " · ".join(parts)
