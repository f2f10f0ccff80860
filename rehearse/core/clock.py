"""The rehearsal clock and the teleprompter's pace, both derived from a monotonic clock.

Nothing here sums ticks: elapsed time is always `now - start` (plus what ran
before a pause), so a blocked event loop or irregular ticks never make the
countdown drift. The clock is injected, so tests drive it by hand.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from enum import Enum
from itertools import accumulate

from rehearse.core import pacing
from rehearse.core.speech import format_duration

Clock = Callable[[], float]
WARNING_SECONDS = 10.0
VOICE_GRACE_SECONDS = 2.0  # after a key moves the teleprompter, the voice waits this long


class Phase(Enum):
    NORMAL = "normal"
    WARNING = "warning"  # the last 10 seconds
    OVERTIME = "overtime"  # past zero


class Countdown:
    def __init__(self, target: float, clock: Clock = time.monotonic) -> None:
        self.target = target
        self._clock = clock
        self._started_at: float | None = None
        self._banked = 0.0  # seconds run before the last pause

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self, at: float | None = None) -> None:
        """Run from now, or from `at` (a moment already past on the same clock)."""
        if self._started_at is None:
            self._started_at = self._clock() if at is None else at

    def pause(self) -> None:
        if self._started_at is not None:
            self._banked += self._clock() - self._started_at
            self._started_at = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def restart(self) -> None:
        self._banked = 0.0
        self._started_at = self._clock()

    def reset(self) -> None:
        """Back to zero, not running."""
        self._banked = 0.0
        self._started_at = None

    def set_target(self, seconds: float) -> None:
        self.target = seconds

    @property
    def elapsed(self) -> float:
        running = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._banked + running

    @property
    def remaining(self) -> float:
        return self.target - self.elapsed

    @property
    def phase(self) -> Phase:
        remaining = self.remaining
        if remaining < 0:
            return Phase.OVERTIME
        return Phase.WARNING if remaining <= WARNING_SECONDS else Phase.NORMAL

    def display(self) -> str:
        """`1:00` counting down (a second shows until it is used up), then `+0:07` in overtime."""
        remaining = self.remaining
        if remaining >= 0:
            return format_duration(math.ceil(remaining))
        return format_duration(-math.floor(-remaining)) if remaining <= -1 else "+0:00"

    @property
    def fraction(self) -> float:
        """Share of the target used, 0..1 (1 in overtime)."""
        return min(1.0, self.elapsed / self.target) if self.target > 0 else 1.0


class Pacer:
    """Where the reader should be in the answer, as a share of its spoken length.

    In "fit" mode the speed is what is left to say divided by the time left,
    recomputed at every update, so the text ends when the clock does, but never
    slower than the speaking rate: a short answer is read at your rate and ends
    early. In "rate" mode it is the speaking rate. `faster`/`slower` scale the
    speed (by tenths, 0.3-3.0), `nudge` moves the position; the countdown is
    never touched.

    With `voice` on, the clock no longer moves the text: `listen` does, by the
    speech heard since its last call at the speaking rate, so the text waits while
    the reader pauses. A key (`hold`) wins: the voice leads again after a grace.
    """

    def __init__(
        self,
        countdown: Countdown,
        line_weights: Sequence[float],
        natural_seconds: float,
        *,
        fit: bool = True,
    ) -> None:
        self.countdown = countdown
        self.fit = fit
        self.factor = 1.0
        self._natural = max(natural_seconds, 1.0)
        total = sum(line_weights) or 1.0
        self._line_ends = [end / total for end in accumulate(line_weights)]
        self.position = 0.0
        self._last = countdown.elapsed
        self.voice = False
        self._talk = 0.0  # the speech heard when `listen` was last called
        self._held_until = -math.inf

    def update(self) -> float:
        # Steps of the countdown's own running time: a pause never counts as reading.
        elapsed = self.countdown.elapsed
        step, self._last = elapsed - self._last, elapsed
        if step > 0 and not self.voice:
            remaining = self.countdown.remaining
            before = remaining + step  # the time that was left when this step began
            advance = step / self._natural
            if self.fit and before > 0:
                # What is left to say over the time that was left, for as long as this step
                # lasted: exact whatever the step size, so irregular ticks do not drift.
                advance = max(advance, (1.0 - self.position) * min(step, before) / before)
            self.position = min(1.0, self.position + advance * self.factor)
        return self.position

    def follow_voice(self, on: bool, talk_s: float = 0.0) -> None:
        """Let the voice lead (from `talk_s` of speech already heard), or the clock again."""
        self.voice = on
        self._talk = talk_s
        self._last = self.countdown.elapsed

    def listen(self, talk_s: float, now: float) -> float:
        """Voice on: move on by the speech heard since the last call (`talk_s` is the total)."""
        step, self._talk = talk_s - self._talk, talk_s
        if self.voice and step > 0 and now >= self._held_until and self.countdown.running:
            self.position = min(1.0, self.position + step / self._natural * self.factor)
        return self.position

    def hold(self, now: float) -> None:
        """A key moved the text: the voice waits `VOICE_GRACE_SECONDS` before it leads again."""
        self._held_until = now + VOICE_GRACE_SECONDS

    def faster(self) -> None:
        self.factor = pacing.faster(self.factor)

    def slower(self) -> None:
        self.factor = pacing.slower(self.factor)

    def nudge(self, lines: int) -> None:
        """Move by whole lines (negative: back)."""
        line = min(max(self.line + lines, 0), len(self._line_ends) - 1) if self._line_ends else 0
        start = self._line_ends[line - 1] if line > 0 else 0.0
        self.position = start

    def restart(self) -> None:
        self.position = 0.0
        self.factor = 1.0
        self._last = self.countdown.elapsed
        self._talk = 0.0
        self._held_until = -math.inf

    @property
    def line(self) -> int:
        """The line to read now."""
        if not self._line_ends:
            return 0
        return min(bisect_right(self._line_ends, self.position), len(self._line_ends) - 1)
