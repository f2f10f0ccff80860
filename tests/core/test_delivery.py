"""Delivery analysis from detector frames: segments, talk time, first word, pauses, pace."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.delivery import (
    END_HOLD_S,
    FRAME_S,
    Delivery,
    Pause,
    Segmenter,
    delivery_from_json,
    pace,
)
from rehearse.core.speech import SpeakingRates

SPEECH, QUIET = 0.95, 0.02


def frames(*runs: tuple[float, float]) -> list[float]:
    """(probability, seconds) runs, as detector frames."""
    out: list[float] = []
    for probability, seconds in runs:
        out += [probability] * round(seconds / FRAME_S)
    return out


def analyse(*runs: tuple[float, float]) -> Delivery:
    return Segmenter().feed_all(frames(*runs)).delivery()


def test_lead_in_speech_pauses_and_tail() -> None:
    figures = analyse(
        (QUIET, 1.216), (SPEECH, 2.016), (QUIET, 0.8), (SPEECH, 1.504), (QUIET, 2.016),
        (SPEECH, 1.024), (QUIET, 0.512),
    )  # fmt: skip
    assert figures.first_word_s == pytest.approx(1.216, abs=1e-9)
    assert figures.talk_s == pytest.approx(2.016 + 1.504 + 1.024 - 3 * END_HOLD_S, abs=1e-6)
    assert [p.duration_s for p in figures.pauses] == pytest.approx(
        [0.8 + END_HOLD_S, 2.016 + END_HOLD_S], abs=0.04
    )
    assert figures.pauses[0].start_s == pytest.approx(1.216 + 2.016 - END_HOLD_S, abs=0.04)
    assert figures.longest_pause_s == figures.pauses[1].duration_s
    assert figures.duration_s == pytest.approx(len(frames((QUIET, 9.088))) * FRAME_S, abs=0.05)


def test_a_gap_under_0_3_s_is_inside_speech_and_a_short_silence_is_no_pause() -> None:
    figures = analyse((SPEECH, 1.0), (QUIET, 0.2), (SPEECH, 1.0), (QUIET, 0.35), (SPEECH, 1.0))
    assert figures.pauses == ()  # 0.2 s merges, 0.35 s stays under 0.5 s
    assert figures.talk_s == pytest.approx(3.2 - 2 * END_HOLD_S, abs=0.07)  # two stretches


def test_a_click_is_dropped_and_never_counts_as_the_first_word() -> None:
    figures = analyse((QUIET, 1.0), (SPEECH, 0.064), (QUIET, 1.0), (SPEECH, 1.0), (QUIET, 0.5))
    assert figures.first_word_s == pytest.approx(2.048, abs=0.04)
    assert figures.pauses == ()


def test_hysteresis_keeps_speech_on_between_the_two_thresholds() -> None:
    # 0.4 is below "on" (0.5) but above "off" (0.35): it continues speech, never starts it.
    assert analyse((0.4, 2.0)).talk_s == 0
    held = analyse((SPEECH, 0.5), (0.4, 1.0), (QUIET, 1.0))
    assert held.talk_s == pytest.approx(1.5 - END_HOLD_S, abs=0.04)


def test_silence_only_has_no_first_word_and_no_pace() -> None:
    figures = Segmenter().feed_all(frames((QUIET, 3.0))).delivery(text="안녕하세요")
    assert figures.first_word_s is None
    assert figures.talk_s == 0
    assert figures.syllables_per_minute is None
    assert figures.longest_pause_s == 0


def test_live_figures_count_speech_once_it_has_lasted_and_silence_since_it() -> None:
    heard = Segmenter()
    for number, probability in enumerate(frames((QUIET, 0.5), (SPEECH, 0.128))):
        heard.feed(number * FRAME_S, probability)
    assert not heard.speaking  # 0.128 s: not yet 0.15 s of speech
    assert heard.talk_s == 0
    for number, probability in enumerate(frames((SPEECH, 1.0), (QUIET, 1.0)), start=20):
        heard.feed(number * FRAME_S, probability)
    assert heard.first_word_s == pytest.approx(0.512, abs=1e-9)
    assert not heard.speaking
    assert heard.silence_s == pytest.approx(1.0 + END_HOLD_S, abs=0.04)


@given(st.lists(st.floats(min_value=0, max_value=1), max_size=400), st.integers(0, 400))
def test_live_figures_never_go_back_and_the_end_equals_the_offline_analysis(
    probabilities: list[float], cut: int
) -> None:
    live = Segmenter()
    talk = 0.0
    for number, probability in enumerate(probabilities):
        live.feed(number * FRAME_S, probability)
        assert live.talk_s >= talk - 1e-9
        talk = live.talk_s
    offline = Segmenter().feed_all(probabilities).delivery()
    assert live.delivery() == offline
    assert offline.talk_s <= len(probabilities) * FRAME_S + 1e-9
    for pause in offline.pauses:
        assert pause.duration_s >= 0.5


def test_frames_before_the_origin_are_ignored() -> None:
    heard = Segmenter()
    heard.feed(-0.5, SPEECH)
    assert heard.segments == []
    assert heard.heard_until == 0


def test_pace_counts_korean_syllables_and_english_words() -> None:
    rates = SpeakingRates(270, 150)
    korean = "안녕하세요 저는 개발자입니다"  # 13 syllables
    assert pace(korean, 3.0, rates) == pytest.approx(13 * 20)
    assert pace("I build payment systems", 2.0, rates) == pytest.approx(4 * 30)
    # A Korean answer with an English word: the word counts as 270/150 syllables.
    assert pace("저는 Kafka를 씁니다", 2.0, rates) == pytest.approx((6 + 1.8) * 30)
    assert pace(korean, 0.0, rates) is None


def test_the_delivery_json_has_exactly_the_documented_keys() -> None:
    figures = Delivery(12.3456, 8.04, 1.216, (Pause(3.1, 0.81), Pause(6.0, 2.04)), 271.44)
    data = figures.as_json()
    assert list(data) == [
        "duration_s", "talk_s", "first_word_s", "longest_pause_s", "pauses",
        "syllables_per_minute",
    ]  # fmt: skip
    assert data["pauses"] == [
        {"start_s": 3.1, "duration_s": 0.81},
        {"start_s": 6.0, "duration_s": 2.04},
    ]
    assert data["longest_pause_s"] == 2.04
    assert data["syllables_per_minute"] == 271.4
    assert json.loads(json.dumps(data)) == data
    assert set(figures.voice_json()) == set(data) - {"duration_s"}


def test_a_records_voice_object_reads_back() -> None:
    figures = Delivery(30.0, 21.5, 0.9, (Pause(4.0, 1.2),), 260.0)
    assert delivery_from_json(figures.voice_json(), 30.0) == figures


@pytest.mark.parametrize(
    "foreign",
    [
        {"talk_s": "long"},
        {"talk_s": -1},
        {"talk_s": True},
        {"first_word_s": 1.0},
        {"talk_s": 1.0, "pauses": [{"start_s": 1}]},
        {"talk_s": 1.0, "pauses": "none"},
    ],
)
def test_a_foreign_voice_object_is_refused(foreign: dict[str, object]) -> None:
    with pytest.raises((ValueError, KeyError, TypeError, AttributeError)):
        delivery_from_json(foreign, 10.0)
