"""The analysis against recordings whose truth is known: espeak-ng speech, sox silences and noise.

Tolerances (what Silero VAD plus the segmenting achieve on these fixtures, with room
for other builds of espeak-ng): talk time within 6% of the truth, the first word
within 0.1 s, every pause of 0.7 s or more found and none invented, each pause's
length and start within 0.15 s (0.2 s in white noise, where the detector holds on
longer), and the pace within 8%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.delivery import Segmenter
from rehearse.core.listening import probabilities
from rehearse.core.speech import SpeakingRates
from rehearse.core.spoken_pace import pace
from rehearse.core.wavfile import read_wav
from tests.audio_fixtures import NOISES, Fixture, build, noise_only

CASES = [(language, noise) for language in ("ko", "en") for noise in NOISES]
PAUSES = {"ko": (0.8, 2.0, 0.7), "en": (1.4, 0.7, 3.0)}


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Fixture]:
    folder = tmp_path_factory.mktemp("speech")
    return {
        (language, noise): build(
            folder, language=language, noise=noise, lead_in_s=1.2, pauses_s=PAUSES[language]
        )
        for language, noise in CASES
    }


@pytest.mark.parametrize(("language", "noise"), CASES)
def test_talk_first_word_and_pauses_match_the_truth(
    fixtures: dict[tuple[str, str], Fixture], language: str, noise: str
) -> None:
    fixture = fixtures[language, noise]
    truth = fixture.truth
    text = " ".join(fixture.sentences)
    rates = SpeakingRates()
    figures = (
        Segmenter().feed_all(probabilities(read_wav(fixture.path))).delivery(text=text, rates=rates)
    )
    assert figures.talk_s == pytest.approx(truth.talk_s, rel=0.06)
    assert figures.first_word_s == pytest.approx(truth.lead_in_s, abs=0.1)
    assert len(figures.pauses) == len(truth.pauses_s)
    within = 0.2 if noise == "white" else 0.15
    for found, length, start in zip(
        figures.pauses, truth.pauses_s, truth.pause_starts_s, strict=True
    ):
        assert found.duration_s == pytest.approx(length, abs=within)
        assert found.start_s == pytest.approx(start, abs=within)
    assert figures.longest_pause_s == pytest.approx(max(truth.pauses_s), abs=within)
    assert figures.duration_s == pytest.approx(truth.duration_s, abs=0.04)
    assert figures.syllables_per_minute == pytest.approx(pace(text, truth.talk_s, rates), rel=0.08)


@pytest.mark.parametrize("noise", ["white", "clicks"])
def test_noise_alone_is_no_speech(tmp_path: Path, noise: str) -> None:
    figures = Segmenter().feed_all(probabilities(read_wav(noise_only(tmp_path, noise)))).delivery()
    assert figures.first_word_s is None
    assert figures.talk_s == 0
