"""What the teleprompter says about its pace: the estimate against the target, the slack or
the speed it needs, and the speed in tenths."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.pacing import (
    MAX_SPEED,
    MIN_SPEED,
    PaceAdvice,
    faster,
    slower,
    speed_state,
)


def test_a_short_answer_has_slack_and_is_read_at_your_rate() -> None:
    advice = PaceAdvice(natural_s=8.0, target_s=60.0, fit=True)
    assert advice.fits and not advice.fitting
    assert advice.mode == "your rate"
    assert advice.estimate() == "0:08 at your rate · 0:52 to spare"


def test_a_long_answer_says_the_speed_it_needs() -> None:
    fitted = PaceAdvice(natural_s=97.0, target_s=60.0, fit=True)
    assert not fitted.fits and fitted.fitting
    assert fitted.mode == "fit to the clock"
    assert fitted.needs == 97.0 / 60.0
    assert fitted.estimate() == "1:37 at your rate · needs 1.6× to fit 1:00"
    at_rate = PaceAdvice(natural_s=97.0, target_s=60.0, fit=False)
    assert at_rate.mode == "your rate"
    assert at_rate.estimate("your measured pace") == (
        "1:37 at your measured pace · does not fit 1:00 (needs 1.6×)"
    )


def test_the_state_line() -> None:
    assert speed_state(1.2, "fit to the clock", paused=False, voice=False) == (
        "×1.2 · fit to the clock"
    )
    assert speed_state(1.0, "your rate", paused=True, voice=False) == "Paused · ×1.0 · your rate"
    assert speed_state(0.8, "your rate", paused=False, voice=True) == "×0.8 · led by your voice"


@given(st.lists(st.booleans(), max_size=60))
def test_the_speed_moves_in_tenths_within_its_bounds(presses: list[bool]) -> None:
    factor = 1.0
    for up in presses:
        factor = faster(factor) if up else slower(factor)
        assert MIN_SPEED <= factor <= MAX_SPEED
        assert f"{factor:.1f}" == str(factor)  # ×1.2, never ×1.2100000000000002
