"""The mock interview with the voice on: the clock from the first word, silence ends it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rehearse.core.delivery import END_HOLD_S, FRAME_S
from rehearse.core.identity import Question, answered_questions
from rehearse.core.interview import MockInterview, Stage
from rehearse.core.notebook import open_notebook
from tests.conftest import FakeClock, write_note
from tests.core.test_interview import NOTE, NOTE_TEXT


@pytest.fixture
def questions(tmp_path: Path) -> list[Question]:
    write_note(tmp_path, NOTE, NOTE_TEXT)
    return answered_questions(open_notebook(tmp_path))


class Voice:
    """Feeds the interview detector frames while moving the clock with them, as a microphone
    would: each frame arrives when it has been heard."""

    def __init__(self, mock: MockInterview, clock: FakeClock) -> None:
        self.mock, self.clock = mock, clock

    def hear(self, probability: float, seconds: float) -> None:
        for _ in range(math.ceil(seconds / FRAME_S - 1e-9)):
            began = self.clock.now
            self.clock.advance(FRAME_S)
            self.mock.hear(began, probability)
            self.mock.tick()


def voiced(questions: list[Question], clock: FakeClock, **kwargs: float) -> MockInterview:
    mock = MockInterview(
        questions,
        target_s=kwargs.get("target", 60.0),
        thinking_s=kwargs.get("thinking", 5.0),
        clock=clock,
        silence_ends_s=kwargs.get("silence", 4.0),
        listening=True,
    )
    return mock


def test_the_clock_waits_for_the_first_word_then_counts_from_its_start(
    questions: list[Question],
) -> None:
    clock = FakeClock()
    mock = voiced(questions, clock)
    voice = Voice(mock, clock)
    voice.hear(0.9, 2.0)  # speaking while thinking: the answer has not begun
    assert mock.stage is Stage.THINKING
    voice.hear(0.0, 3.0)
    assert mock.stage is Stage.ANSWERING
    assert mock.waiting
    voice.hear(0.0, 1.6)  # 1.6 s to the first word
    assert mock.waiting and mock.spoken_s == 0
    voice.hear(0.9, 0.096)  # too short to count yet
    assert mock.waiting
    voice.hear(0.9, 2.0)
    assert not mock.waiting
    # Backdated to where the word began, not when it was recognised.
    assert mock.answer.elapsed == pytest.approx(2.096, abs=FRAME_S)
    clock.advance(0.1)
    mock.stop()
    figures = mock.voice_figures
    assert figures is not None
    assert figures.first_word_s == pytest.approx(1.6, abs=FRAME_S)
    assert figures.talk_s == pytest.approx(2.096 - END_HOLD_S, abs=FRAME_S)
    # 2 s of talk for the 40 syllables of the answer: 1200 a minute, which no one speaks at.
    assert figures.syllables_per_minute is None
    record = mock.grade(3)
    assert record.voice == figures


def test_a_long_silence_after_speech_ends_the_answer_at_the_last_word(
    questions: list[Question],
) -> None:
    clock = FakeClock()
    mock = voiced(questions, clock, thinking=0, silence=4.0)
    voice = Voice(mock, clock)
    voice.hear(0.0, 0.5)
    voice.hear(0.9, 3.0)
    voice.hear(0.0, 2.0)  # a pause, not the end
    voice.hear(0.9, 2.0)
    assert mock.stage is Stage.ANSWERING
    voice.hear(0.0, 3.9)
    assert mock.stage is Stage.ANSWERING
    voice.hear(0.0, 0.3)
    assert mock.stage is Stage.REVEALED
    # From the first word (0.5 s) to the last (7.5 s, less the detector's hold).
    assert mock.spoken_s == pytest.approx(7.0 - END_HOLD_S, abs=2 * FRAME_S)
    figures = mock.voice_figures
    assert figures is not None
    assert [round(p.duration_s, 1) for p in figures.pauses] == [2.1]


def test_silence_before_the_first_word_never_ends_the_answer(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = voiced(questions, clock, thinking=0, silence=4.0)
    Voice(mock, clock).hear(0.0, 10.0)
    assert mock.stage is Stage.ANSWERING and mock.waiting


def test_space_starts_the_clock_and_voice_off_starts_it_too(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = voiced(questions, clock, thinking=0)
    clock.advance(3.0)
    mock.start_clock()  # Space while waiting
    clock.advance(2.0)
    assert mock.spoken_s == 2.0
    mock.stop()
    mock.grade(2)
    assert mock.waiting  # the next question waits again
    mock.set_listening(False)
    assert not mock.waiting and mock.answer.running


def test_without_voice_nothing_changes(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = MockInterview(questions, target_s=60, thinking_s=0, clock=clock)
    assert mock.answer.running
    mock.hear(clock.now, 0.9)  # frames are ignored while the voice is off
    clock.advance(5)
    mock.stop()
    assert mock.voice_figures is None
    assert mock.grade(3).voice is None
