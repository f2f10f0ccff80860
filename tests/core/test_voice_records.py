"""The voice in the log, the config, `rehearse stats`, and the pacer led by the voice."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.clock import VOICE_GRACE_SECONDS, Countdown, Pacer
from rehearse.core.config import load_config
from rehearse.core.delivery import Delivery, Pause
from rehearse.core.history import Rehearsal, RehearsalLog, record_now
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.speech import SpeakingRates
from rehearse.core.stats import measured_rates, progress, progress_json
from tests.conftest import FakeClock, write_note

NOTE = (
    "# 인성\n## 자기소개\n안녕하세요 저는 개발자입니다.\n"
    "# English\n## Conflict\nI listened first.\n"
)
INTRO = ("인성", "자기소개")
CONFLICT = ("English", "Conflict")
DAY = time.mktime((2026, 11, 20, 12, 0, 0, 0, 0, -1))


def voiced(
    question: tuple[str, ...], talk: float, pace: float | None, day: float = 0, first: float = 1.2
) -> Rehearsal:
    voice = Delivery(talk + 5, talk, first, (Pause(3.0, 1.5),), pace)
    at = DAY + day * 86400
    return Rehearsal("면접.md", question, "teleprompter", 60.0, talk + 5, True, at, voice=voice)


def test_a_voiced_record_round_trips_and_old_records_stay_valid(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "history.jsonl")
    old = record_now("면접.md", INTRO, "teleprompter", 60.0, 42.0, True)
    new = voiced(INTRO, 30.0, 266.0)
    log.append(old)
    log.append(new)
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert "voice" not in json.loads(lines[0])
    assert json.loads(lines[1])["voice"] == {
        "talk_s": 30.0,
        "first_word_s": 1.2,
        "longest_pause_s": 1.5,
        "pauses": [{"start_s": 3.0, "duration_s": 1.5}],
        "syllables_per_minute": 266.0,
    }
    back = log.read()
    assert back[0] == old
    assert back[1].voice == new.voice
    assert back[1].voice is not None and back[1].voice.duration_s == back[1].spoken_s


def test_a_foreign_voice_object_costs_only_the_figures(tmp_path: Path) -> None:
    log = RehearsalLog(tmp_path / "history.jsonl")
    log.append(record_now("면접.md", INTRO, "mock", 60.0, 42.0, True, grade=3))
    data = json.loads(log.path.read_text(encoding="utf-8"))
    data["voice"] = {"talk_s": "a lot"}
    log.path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    (record,) = log.read()
    assert record.grade == 3
    assert record.voice is None


def test_the_voice_keys_in_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "voice: true\nrecord: true\nrecordings_max_mb: 50\nsilence_ends_answer: 6\n", "utf-8"
    )
    config = load_config(path)
    assert (config.voice, config.record, config.recordings_max_mb) == (True, True, 50)
    assert config.silence_ends_answer == 6.0
    assert config.problems == ()
    path.write_text("silence_ends_answer: false\nvoice: 예\nrecordings_max_mb: 0\n", "utf-8")
    config = load_config(path)
    assert config.silence_ends_answer is None
    assert config.voice is False and config.recordings_max_mb == 500
    assert [p.line for p in config.problems] == [2, 3]


def test_progress_shows_talk_first_word_and_pace_per_question_and_day(tmp_path: Path) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    questions = answered_questions(open_notebook(tmp_path))
    records = [
        voiced(INTRO, 30.0, 260.0, first=1.0),
        voiced(INTRO, 40.0, 280.0, day=1, first=2.0),
        voiced(CONFLICT, 20.0, 140.0, day=1.01, first=0.6),
        Rehearsal("면접.md", CONFLICT, "teleprompter", 60.0, 25.0, True, DAY + 2 * 86400),
    ]
    figures = progress(questions, records, now=DAY + 3 * 86400)
    assert [run.question[1] for run in figures.voice_runs] == [CONFLICT, INTRO]  # latest first
    intro = figures.voice_runs[1]
    assert (intro.talk_s, intro.first_word_s, intro.pace, intro.target_s) == (40, 2.0, 280, 60)
    days = list(figures.voice_days.values())
    assert [(d.runs, d.talk_s, d.first_word_s, d.pace) for d in days] == [
        (1, 30.0, 1.0, 260.0),
        (2, 60.0, 1.3, 210.0),
    ]
    data = progress_json(figures)["voice"]
    assert data["questions"][1]["heading_path"] == list(INTRO)
    assert data["questions"][1]["syllables_per_minute"] == 280


def test_stats_prints_the_voice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    log = RehearsalLog.for_notes(tmp_path)
    log.append(voiced(INTRO, 30.0, 262.0))
    assert main(["stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Your voice, per day:" in out
    assert "1 run · talked 0:30 · first word 1.2 s · 262/min" in out
    assert "면접.md › 인성 › 자기소개  talk 0:30/1:00 · first word 1.2 s · 262/min" in out


def test_measured_rates_per_language_once_each_has_three_plausible_paces(tmp_path: Path) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    notebook = open_notebook(tmp_path)
    texts = {q.id: q.note.spoken_text(q.section) for q in answered_questions(notebook)}
    rates = SpeakingRates(270, 150)
    assert measured_rates([], texts.get, rates) is None
    records = [
        voiced(INTRO, 30.0, 300.0),
        voiced(INTRO, 31.0, 320.0, day=1),
        voiced(INTRO, 2.0, 330.0, day=2),  # too short to time a pace
        voiced(CONFLICT, 20.0, None),  # not read to the end: no pace
    ]
    assert measured_rates(records, texts.get, rates) is None, "two paced runs are not yet three"
    records.append(voiced(INTRO, 30.0, 340.0, day=3))
    assert measured_rates(records, texts.get, rates) == SpeakingRates(320.0, 150.0)
    records += [voiced(CONFLICT, 20.0, 120.0 + n, day=4 + n) for n in range(2)]
    assert measured_rates(records, texts.get, rates) == SpeakingRates(320.0, 150.0)
    records.append(voiced(CONFLICT, 20.0, 130.0, day=6))
    assert measured_rates(records, texts.get, rates) == SpeakingRates(320.0, 121.0)


def test_only_runs_with_a_plausible_pace_count_toward_the_three(tmp_path: Path) -> None:
    """The hostile repro: three voiced runs of 10 s, one timed at 800 syllables a minute and
    two with no pace, made `0:10 at your measured pace`. None of them is a pace."""
    write_note(tmp_path, "면접.md", NOTE)
    notebook = open_notebook(tmp_path)
    texts = {q.id: q.note.spoken_text(q.section) for q in answered_questions(notebook)}
    rates = SpeakingRates(270, 150)
    runs = [voiced(INTRO, 10.0, 800.0), voiced(INTRO, 10.0, None, 1), voiced(INTRO, 10.0, None, 2)]
    assert measured_rates(runs, texts.get, rates) is None
    crawl = [voiced(INTRO, 23.0, 7.7, day=n) for n in range(3)]  # a long talk, a short answer
    assert measured_rates(crawl, texts.get, rates) is None
    fast = [voiced(INTRO, 20.0, 601.0, day=n) for n in range(3)]  # over 10 syllables a second
    assert measured_rates(fast, texts.get, rates) is None
    edge = [voiced(INTRO, 20.0, pace, day=n) for n, pace in enumerate((120.0, 600.0, 400.0))]
    assert measured_rates([*crawl, *edge], texts.get, rates) == SpeakingRates(400.0, 150.0)
    rushed = [voiced(CONFLICT, 20.0, 301.0, day=n) for n in range(3)]  # 5 words a second
    assert measured_rates(rushed, texts.get, rates) is None


def test_the_pacer_moves_with_speech_heard_and_keys_win_for_a_grace() -> None:
    clock = FakeClock()
    countdown = Countdown(60.0, clock)
    countdown.start()
    pacer = Pacer(countdown, [10.0, 10.0], 20.0, fit=True)
    pacer.follow_voice(True)
    clock.advance(5.0)
    pacer.update()
    assert pacer.listen(0.0, clock.now) == 0.0  # the clock ran, nobody spoke: it waits
    assert pacer.listen(5.0, clock.now) == pytest.approx(0.25)  # 5 s of 20 s said
    pacer.nudge(1)
    pacer.hold(clock.now)
    assert pacer.position == pytest.approx(0.5)
    assert pacer.listen(7.0, clock.now + VOICE_GRACE_SECONDS - 0.1) == pytest.approx(0.5)
    assert pacer.listen(9.0, clock.now + VOICE_GRACE_SECONDS) == pytest.approx(0.6)
    countdown.pause()
    assert pacer.listen(12.0, clock.now + 10) == pytest.approx(0.6)  # paused: it stays
    pacer.follow_voice(False)
    countdown.start()
    clock.advance(1.0)
    assert pacer.update() > 0.6  # the clock leads again
