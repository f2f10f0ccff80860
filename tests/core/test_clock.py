"""The rehearsal countdown and the teleprompter pacer, driven by a hand-advanced fake clock."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.clock import WARNING_SECONDS, Countdown, Pacer, Phase
from tests.conftest import FakeClock


def started(target: float = 60.0, clock: FakeClock | None = None) -> tuple[Countdown, FakeClock]:
    clock = clock or FakeClock()
    countdown = Countdown(target, clock)
    countdown.start()
    return countdown, clock


# --- Countdown: start, pause, toggle, restart -----------------------------------------------


def test_a_new_countdown_is_stopped_at_zero() -> None:
    clock = FakeClock()
    countdown = Countdown(60.0, clock)
    clock.advance(30.0)
    assert not countdown.running
    assert countdown.elapsed == 0.0
    assert countdown.remaining == 60.0
    assert countdown.display() == "1:00"


def test_start_counts_from_the_moment_it_starts() -> None:
    clock = FakeClock()
    countdown = Countdown(60.0, clock)
    clock.advance(5.0)
    countdown.start()
    assert countdown.running
    clock.advance(12.0)
    assert countdown.elapsed == 12.0
    assert countdown.remaining == 48.0


def test_start_twice_does_not_reset() -> None:
    countdown, clock = started()
    clock.advance(10.0)
    countdown.start()
    clock.advance(5.0)
    assert countdown.elapsed == 15.0


def test_paused_time_is_not_counted() -> None:
    countdown, clock = started()
    clock.advance(10.0)
    countdown.pause()
    assert not countdown.running
    clock.advance(100.0)
    assert countdown.elapsed == 10.0
    countdown.start()
    clock.advance(5.0)
    assert countdown.elapsed == 15.0
    assert countdown.remaining == 45.0


def test_pause_twice_keeps_the_banked_time() -> None:
    countdown, clock = started()
    clock.advance(10.0)
    countdown.pause()
    clock.advance(3.0)
    countdown.pause()
    assert countdown.elapsed == 10.0


def test_toggle_pauses_and_resumes() -> None:
    countdown, clock = started()
    clock.advance(10.0)
    countdown.toggle()
    assert not countdown.running
    clock.advance(20.0)
    assert countdown.elapsed == 10.0
    countdown.toggle()
    assert countdown.running
    clock.advance(2.5)
    assert countdown.elapsed == 12.5


def test_toggle_starts_a_new_countdown() -> None:
    clock = FakeClock()
    countdown = Countdown(60.0, clock)
    countdown.toggle()
    assert countdown.running
    clock.advance(1.0)
    assert countdown.elapsed == 1.0


def test_restart_forgets_the_run_and_starts_again() -> None:
    countdown, clock = started()
    clock.advance(40.0)
    countdown.pause()
    clock.advance(5.0)
    countdown.restart()
    assert countdown.running
    assert countdown.elapsed == 0.0
    clock.advance(3.0)
    assert countdown.elapsed == 3.0
    assert countdown.display() == "0:57"


@pytest.mark.parametrize(("digit", "seconds", "shown"), [(6, 60.0, "1:00"), (9, 90.0, "1:30")])
def test_set_target_from_a_digit(digit: int, seconds: float, shown: str) -> None:
    countdown, _ = started(target=120.0)
    countdown.set_target(digit * 10)
    assert countdown.target == seconds
    assert countdown.remaining == seconds
    assert countdown.display() == shown


def test_set_target_keeps_the_elapsed_time() -> None:
    countdown, clock = started(target=60.0)
    clock.advance(20.0)
    countdown.set_target(90.0)
    assert countdown.elapsed == 20.0
    assert countdown.remaining == 70.0
    countdown.set_target(10.0)
    assert countdown.phase is Phase.OVERTIME
    assert countdown.display() == "+0:10"


# --- Countdown: phase, display, fraction ----------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "phase"),
    [
        (0.0, Phase.NORMAL),
        (30.0, Phase.NORMAL),
        (49.5, Phase.NORMAL),
        (50.0, Phase.WARNING),  # exactly 10 s left
        (55.0, Phase.WARNING),
        (60.0, Phase.WARNING),  # zero is not yet over
        (60.5, Phase.OVERTIME),
        (90.0, Phase.OVERTIME),
    ],
)
def test_phase(elapsed: float, phase: Phase) -> None:
    countdown, clock = started(60.0, FakeClock(100.0))
    clock.advance(elapsed)
    assert WARNING_SECONDS == 10.0
    assert countdown.phase is phase


@pytest.mark.parametrize(
    ("elapsed", "shown"),
    [
        (0.0, "1:00"),
        (0.3, "1:00"),
        (50.2, "0:10"),
        (59.9, "0:01"),
        (60.5, "+0:00"),
        (67.2, "+0:07"),
        (1.0, "0:59"),
        (60.0, "0:00"),
        (61.0, "+0:01"),
        (180.0, "+2:00"),
    ],
)
def test_display(elapsed: float, shown: str) -> None:
    countdown, clock = started(60.0)
    clock.advance(elapsed)
    assert countdown.display() == shown


def test_fraction() -> None:
    countdown, clock = started(60.0, FakeClock(100.0))
    assert countdown.fraction == 0.0
    clock.advance(15.0)
    assert countdown.fraction == 0.25
    clock.advance(15.0)
    assert countdown.fraction == 0.5
    clock.advance(30.0)
    assert countdown.fraction == 1.0
    clock.advance(30.0)
    assert countdown.fraction == 1.0  # capped in overtime


def test_fraction_of_a_zero_target_is_full() -> None:
    countdown, _ = started(0.0)
    assert countdown.fraction == 1.0


# --- Countdown: no drift --------------------------------------------------------------------


@given(
    steps=st.lists(
        st.tuples(
            st.floats(min_value=1e-4, max_value=7.0, allow_nan=False, allow_infinity=False),
            st.booleans(),
            st.floats(min_value=0.0, max_value=50.0, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=200,
    ),
    origin=st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False),
)
def test_no_drift_over_irregular_steps_and_pauses(
    steps: list[tuple[float, bool, float]], origin: float
) -> None:
    """Irregular running steps summing to 90 s, with pauses between: elapsed is their exact sum."""
    scale = 90.0 / math.fsum(step for step, _, _ in steps)
    clock = FakeClock(origin)
    countdown = Countdown(90.0, clock)
    countdown.start()
    intervals: list[float] = []
    for step, pause_after, paused_for in steps:
        before = clock()
        clock.advance(step * scale)
        intervals.append(clock() - before)  # what really ran, as the clock saw it
        if pause_after:
            countdown.pause()
            clock.advance(paused_for)
            assert not countdown.running
            countdown.start()
    assert abs(math.fsum(intervals) - 90.0) <= 1e-9
    assert abs(countdown.elapsed - math.fsum(intervals)) <= 1e-9
    assert abs(countdown.remaining) <= 1e-9


# --- Pacer ----------------------------------------------------------------------------------


def pacer_for(
    target: float = 60.0,
    weights: list[float] | None = None,
    natural: float = 60.0,
    *,
    fit: bool = True,
) -> tuple[Pacer, Countdown, FakeClock]:
    clock = FakeClock()
    countdown = Countdown(target, clock)
    pacer = Pacer(countdown, weights or [1.0] * 10, natural, fit=fit)
    countdown.start()
    return pacer, countdown, clock


def run(pacer: Pacer, clock: FakeClock, seconds: float, tick: float = 0.1) -> None:
    """Advance in ticks, updating the pacer after each, landing exactly on `seconds`."""
    end = clock.now + seconds
    while clock.now + tick < end - 1e-9:
        clock.advance(tick)
        pacer.update()
    clock.now = end
    pacer.update()


@given(
    steps=st.lists(
        st.floats(min_value=0.01, max_value=1.0, allow_nan=False, allow_infinity=False),
        min_size=20,
        max_size=300,
    ),
    natural=st.sampled_from([60.0, 90.0, 120.0]),
)
def test_fit_mode_ends_the_text_when_the_countdown_ends(steps: list[float], natural: float) -> None:
    """Irregular ticks: an answer as long as its target or longer follows the clock and
    reaches the end just as it hits zero."""
    pacer, countdown, clock = pacer_for(60.0, [1.0] * 10, natural)
    start = clock.now
    scale = 60.0 / math.fsum(steps)
    for step in steps[:-1]:
        clock.advance(step * scale)
        pacer.update()
        share = (clock.now - start) / 60.0
        assert abs(pacer.position - share) <= 0.01, (clock.now - start, pacer.position)
    clock.now = start + 60.0
    assert pacer.update() >= 0.999
    assert countdown.remaining == 0.0


@given(
    steps=st.lists(
        st.floats(min_value=0.01, max_value=1.0, allow_nan=False, allow_infinity=False),
        min_size=20,
        max_size=300,
    ),
    natural=st.sampled_from([8.0, 30.0, 59.0]),
)
def test_fit_mode_reads_a_short_answer_at_your_rate(steps: list[float], natural: float) -> None:
    """Shorter than its target: never slower than the speaking rate, so it ends early."""
    pacer, _, clock = pacer_for(60.0, [1.0] * 10, natural)
    start = clock.now
    for step in steps:
        clock.advance(step)
        pacer.update()
        assert pacer.position == pytest.approx(min(1.0, (clock.now - start) / natural))


def test_fit_mode_is_halfway_at_half_time() -> None:
    pacer, _, clock = pacer_for(60.0, [1.0] * 10, natural=90.0)
    run(pacer, clock, 30.0)
    assert pacer.position == pytest.approx(0.5, abs=0.01)
    run(pacer, clock, 1.0)  # 31 s: past the fifth of ten equal lines
    assert pacer.line == 5


def test_fit_mode_is_not_finished_before_the_countdown_is() -> None:
    pacer, countdown, clock = pacer_for(60.0, [1.0] * 10, natural=60.0)
    run(pacer, clock, 58.0)
    assert countdown.remaining == pytest.approx(2.0)
    assert pacer.position < 0.99
    run(pacer, clock, 2.0)
    assert pacer.position >= 0.999


def test_faster_moves_faster() -> None:
    plain, _, plain_clock = pacer_for(60.0, natural=60.0)
    quick, _, quick_clock = pacer_for(60.0, natural=60.0)
    quick.faster()
    assert quick.factor == pytest.approx(1.1)
    run(plain, plain_clock, 10.0)
    run(quick, quick_clock, 10.0)
    assert quick.position > plain.position + 0.01


def test_slower_moves_slower() -> None:
    plain, _, plain_clock = pacer_for(60.0, natural=60.0, fit=False)
    slow, _, slow_clock = pacer_for(60.0, natural=60.0, fit=False)
    slow.slower()
    run(plain, plain_clock, 10.0)
    run(slow, slow_clock, 10.0)
    assert slow.factor == 0.9
    assert slow.position == pytest.approx(plain.position * 0.9)


def test_speed_factor_is_bounded() -> None:
    pacer, _, _ = pacer_for()
    for _ in range(50):
        pacer.faster()
    assert pacer.factor == 3.0
    for _ in range(100):
        pacer.slower()
    assert pacer.factor == 0.3


def test_nudge_moves_whole_lines() -> None:
    pacer, _, _ = pacer_for(weights=[1.0, 1.0, 1.0, 1.0])
    assert pacer.line == 0
    pacer.nudge(+1)
    assert pacer.line == 1
    assert pacer.position == 0.25
    pacer.nudge(+1)
    assert pacer.line == 2
    pacer.nudge(-1)
    assert pacer.line == 1
    assert pacer.position == 0.25
    pacer.nudge(-1)
    assert pacer.line == 0
    assert pacer.position == 0.0


def test_nudge_stops_at_the_first_and_last_line() -> None:
    pacer, _, _ = pacer_for(weights=[1.0, 1.0, 1.0, 1.0])
    pacer.nudge(-3)
    assert (pacer.line, pacer.position) == (0, 0.0)
    pacer.nudge(+10)
    assert (pacer.line, pacer.position) == (3, 0.75)


def test_nudge_back_from_the_middle_of_a_line_goes_to_the_previous_line() -> None:
    pacer, _, _ = pacer_for(weights=[1.0, 1.0, 1.0, 1.0])
    pacer.position = 0.6  # inside line 2
    assert pacer.line == 2
    pacer.nudge(-1)
    assert (pacer.line, pacer.position) == (1, 0.25)


def test_nudge_does_not_touch_the_countdown() -> None:
    pacer, countdown, clock = pacer_for()
    clock.advance(10.0)
    pacer.nudge(+3)
    assert countdown.elapsed == 10.0
    assert countdown.running


def test_rate_mode_follows_natural_seconds() -> None:
    pacer, countdown, clock = pacer_for(60.0, natural=120.0, fit=False)
    run(pacer, clock, 30.0, tick=0.37)
    assert pacer.position == pytest.approx(0.25)
    run(pacer, clock, 30.0, tick=0.37)
    assert countdown.remaining == pytest.approx(0.0)
    assert pacer.position == pytest.approx(0.5)  # not squeezed to fit the countdown


def test_rate_mode_runs_out_before_the_countdown_when_the_answer_is_short() -> None:
    pacer, _, clock = pacer_for(60.0, natural=30.0, fit=False)
    run(pacer, clock, 15.0)
    assert pacer.position == pytest.approx(0.5)
    run(pacer, clock, 20.0)
    assert pacer.position == 1.0


def test_paused_countdown_holds_the_position() -> None:
    pacer, countdown, clock = pacer_for(60.0, natural=60.0)
    run(pacer, clock, 10.0)
    held = pacer.position
    assert held > 0.1
    countdown.pause()
    run(pacer, clock, 20.0)
    assert pacer.position == held
    countdown.start()
    run(pacer, clock, 5.0)
    assert pacer.position > held


def test_a_stopped_countdown_never_moves_the_pacer() -> None:
    clock = FakeClock()
    countdown = Countdown(60.0, clock)
    pacer = Pacer(countdown, [1.0, 1.0], 60.0)
    clock.advance(30.0)
    assert pacer.update() == 0.0


def test_time_paused_without_an_update_is_not_counted() -> None:
    """Pause, wait, resume, with no tick in the pause: only the 5 s run after it count."""
    pacer, countdown, clock = pacer_for(60.0, natural=60.0, fit=False)
    run(pacer, clock, 10.0)
    countdown.pause()
    clock.advance(20.0)
    countdown.start()
    clock.advance(5.0)
    pacer.update()
    assert pacer.position == pytest.approx(15.0 / 60.0)


def test_restart_goes_back_to_the_top() -> None:
    pacer, countdown, clock = pacer_for(60.0, natural=60.0)
    pacer.faster()
    run(pacer, clock, 20.0)
    countdown.restart()
    pacer.restart()
    assert (pacer.position, pacer.factor, pacer.line) == (0.0, 1.0, 0)
    run(pacer, clock, 30.0)
    assert pacer.position == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    ("position", "line"),
    [
        (0.0, 0),
        (0.05, 0),
        (0.0999, 0),
        (0.1, 1),  # line 0 ends at 0.1
        (0.25, 1),
        (0.3999, 1),
        (0.4, 2),
        (0.75, 2),
        (1.0, 2),  # the end is still the last line
    ],
)
def test_line_maps_position_through_unequal_weights(position: float, line: int) -> None:
    pacer, _, _ = pacer_for(weights=[1.0, 3.0, 6.0])  # lines end at 0.1, 0.4, 1.0
    pacer.position = position
    assert pacer.line == line


def test_nudge_with_unequal_weights_lands_on_line_starts() -> None:
    pacer, _, _ = pacer_for(weights=[1.0, 3.0, 6.0])
    pacer.nudge(+1)
    assert pacer.position == pytest.approx(0.1)
    pacer.nudge(+1)
    assert pacer.position == pytest.approx(0.4)
    assert pacer.line == 2


def test_fit_mode_with_unequal_weights_reads_the_long_line_longest() -> None:
    pacer, _, clock = pacer_for(60.0, [1.0, 3.0, 6.0], natural=60.0)
    run(pacer, clock, 5.0)
    assert pacer.line == 0
    run(pacer, clock, 10.0)  # 15 s: a quarter of the way, in the 3-weight line
    assert pacer.line == 1
    run(pacer, clock, 15.0)  # 30 s: half way, in the 6-weight line
    assert pacer.line == 2
