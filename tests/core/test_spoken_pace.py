"""One plausibility rule for a spoken pace: shown, logged and counted only when a person
speaks at it; voice figures longer than their run are not read back."""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.delivery import Delivery, Pause, Segmenter, fits_run
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.speech import SpeakingRates
from rehearse.core.spoken_pace import BANDS, pace, pace_unit, plausible_pace, read_pace
from rehearse.core.stats import progress
from rehearse.core.stats_report import stats_lines
from tests.conftest import write_note

RATES = SpeakingRates(270, 150)
ANSWER = "카프카는 분산 이벤트 스트리밍 플랫폼입니다."  # 19 syllables
ONE_LINE = "네, 맞습니다."  # 5 syllables
NOTE = f"# 기술\n## 카프카란?\n{ANSWER}\n## 짧은 답\n{ONE_LINE}\n# English\n## Why?\nI like it.\n"
KAFKA = ("기술", "카프카란?")
SHORT = ("기술", "짧은 답")
DAY = time.mktime((2026, 11, 20, 12, 0, 0, 0, 0, -1))


def test_a_pace_is_what_a_person_can_speak_at() -> None:
    assert BANDS == {"syllables": (120.0, 600.0), "words": (60.0, 300.0)}
    assert pace_unit(ANSWER) == "syllables" and pace_unit("I like it.") == "words"
    assert pace_unit("Kafka는 빠릅니다") == "syllables"
    # 19 syllables in 4 s: 285 a minute.
    assert pace(ANSWER, 4.0, RATES) == 285.0
    too_fast = read_pace(ANSWER, 0.24, RATES)  # the detector caught a word of it
    assert too_fast.value is None and too_fast.measured == 4750.0
    assert too_fast.note() == (
        "0.2 s of talk is too short for this answer (4750 syllables a minute; people speak 120-600)"
    )
    too_slow = read_pace(ONE_LINE, 8.6, RATES)  # a long talk over a one-line answer
    assert too_slow.value is None
    assert too_slow.note() is not None and "8.6 s of talk is too long" in too_slow.note()
    assert "35 syllables a minute" in too_slow.note()
    assert read_pace(ANSWER, 0.0, RATES).note() == "no speech heard"
    assert read_pace("...", 3.0, RATES).note() == "no words in this answer"
    assert read_pace(ANSWER, 4.0, RATES).note() is None
    assert read_pace("I like it.", 1.0, RATES).value == 180.0
    assert read_pace("I like it.", 0.5, RATES).value is None  # 360 words a minute


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_the_bands(value: float) -> None:
    korean = 120 <= value <= 600
    english = 60 <= value <= 300
    assert plausible_pace(value, "syllables") is korean
    assert plausible_pace(value, "words") is english
    assert plausible_pace(value) is (korean or english)


@given(
    st.text(alphabet="가나다라마바사 아자차카타파하 ABC xyz 12.", max_size=60),
    st.floats(min_value=0.01, max_value=600, allow_nan=False),
)
def test_a_shown_pace_is_always_plausible_and_otherwise_said_why(text: str, talk: float) -> None:
    reading = read_pace(text, talk, RATES)
    if reading.value is not None:
        assert plausible_pace(reading.value, pace_unit(text))
        assert reading.note() is None
    else:
        assert reading.note()


def test_the_segmenter_gives_no_pace_for_a_run_too_short_for_its_text() -> None:
    """7 s of silence, 2 s of speech, 8 s of silence over a 40-syllable answer: the mock
    reveal once showed `Pace 4492/min` and logged it."""
    frames = [0.0] * 219 + [0.9] * 63 + [0.0] * 250
    answer = ANSWER + " 프로듀서가 토픽에 메시지를 쓰고 컨슈머가 읽습니다."
    figures = Segmenter().feed_all(frames).delivery(text=answer, rates=RATES)
    assert 1.8 < figures.talk_s < 2.1
    assert figures.syllables_per_minute is None
    assert figures.voice_json()["syllables_per_minute"] is None
    assert Segmenter().feed_all([0.9] * 300).delivery(text=answer).syllables_per_minute


def _line(spoken: float, mode: str = "teleprompter", **voice: object) -> str:
    figures = {"talk_s": 4.0, "first_word_s": 0.5, "longest_pause_s": 0, "pauses": []}
    figures.update(voice)
    record = {
        "file": "n.md", "heading_path": list(KAFKA), "mode": mode, "target_s": 60,
        "spoken_s": spoken, "finished": True, "at": DAY, "voice": figures,
    }  # fmt: skip
    return json.dumps(record, ensure_ascii=False)


def test_voice_figures_longer_than_their_run_are_not_read(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "history.jsonl")
    lines = [
        _line(5, talk_s=86400, first_word_s=86400),  # the hostile record
        _line(5, talk_s=4.0, first_word_s=6.1),  # the first word after the run's end
        _line(5, talk_s=6.1, first_word_s=1.0),  # more talk than the run
        _line(5, talk_s=5.9, first_word_s=5.9),  # within the run and its margin
        # The teleprompter paused: its clock stopped, the voice heard a long silence.
        _line(5, talk_s=3.0, pauses=[{"start_s": 2, "duration_s": 20}], longest_pause_s=20),
        _line(5, "mock", talk_s=4.0, first_word_s=30.0),  # a mock's clock starts at the word
        _line(5, "mock", talk_s=30.0, first_word_s=1.0),  # talk is held to a mock's clock
    ]
    log.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = log.read()
    assert len(records) == 7, "a run with impossible voice figures is still a run"
    voices = [record.voice for record in records]
    assert voices[:3] == [None, None, None]
    assert voices[3] is not None and voices[3].talk_s == 5.9
    assert voices[4] is not None and voices[4].longest_pause_s == 20
    assert voices[5] is not None and voices[5].first_word_s == 30.0
    assert voices[6] is None


def test_fits_run() -> None:
    voice = Delivery(10.0, 6.0, 8.0, (Pause(3.0, 30.0),), None)
    assert fits_run(voice, 7.0) and fits_run(voice, 8.0)
    assert not fits_run(voice, 6.9)
    assert fits_run(voice, 5.0, first_word_in_run=False)
    assert not fits_run(voice, 4.9, first_word_in_run=False)


def test_an_impossible_logged_pace_is_dropped_and_its_talk_kept(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "history.jsonl")
    log.path.write_text(
        _line(20, talk_s=10, syllables_per_minute=4491.8)
        + "\n"
        + _line(20, talk_s=10, syllables_per_minute=270.0)
        + "\n",
        encoding="utf-8",
    )
    first, second = log.read()
    assert first.voice is not None and first.voice.syllables_per_minute is None
    assert first.voice.talk_s == 10
    assert second.voice is not None and second.voice.syllables_per_minute == 270.0


def _run(question: tuple[str, ...], talk: float, spm: float | None, day: float) -> Rehearsal:
    voice = Delivery(talk + 2, talk, 1.0, (), spm)
    at = DAY + day * 3600
    return Rehearsal("면접.md", question, "teleprompter", 60.0, talk + 2, True, at, voice=voice)


def test_f7_and_stats_count_only_plausible_paces(tmp_path: Path) -> None:
    """The day's pace was the median of 800, 76.9, 227.6 and 4491.8: 514/min."""
    write_note(tmp_path, "면접.md", NOTE)
    questions = answered_questions(open_notebook(tmp_path))
    records = [
        _run(KAFKA, 10, 800.0, 0),
        _run(SHORT, 8.6, 76.9, 1),  # a long talk over a one-line answer
        _run(KAFKA, 10, 227.6, 2),
        _run(("기술", "사라진 질문"), 10, 90.0, 3),  # gone from the notes: either band
        _run(("English", "Why?"), 10, 90.0, 4),  # 90 words a minute is English speech
    ]
    figures = progress(questions, records, now=DAY + 86400)
    (day,) = figures.voice_days.values()
    assert day.runs == 5 and day.pace == 90.0  # the median of 227.6, 90 and 90
    by_question = {run.question[1]: run.pace for run in figures.voice_runs}
    assert by_question[SHORT] is None and by_question[KAFKA] == 227.6
    lines = stats_lines(figures, DAY + 86400, show_all=True)
    assert any("5 runs" in line and "90/min" in line for line in lines)
    assert not any("77/min" in line or "800/min" in line for line in lines)
