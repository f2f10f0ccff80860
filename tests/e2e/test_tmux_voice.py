"""End to end: `rehearse NOTES --audio FILE.wav`, F5, and the voice figures in the log.

The recording (espeak-ng and sox, made here: its truth known) is replayed in real time
as if it were the microphone. The test waits for the open-microphone mark, then for the
notice that the file has ended, leaves with Esc, and reads the record the run logged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rehearse.core.speech import SpeakingRates
from rehearse.core.spoken_pace import pace
from tests.audio_fixtures import build
from tests.e2e.test_tmux import Terminal, crumb, open_question

pytestmark = pytest.mark.e2e

NOTE = "인성.md"
OTHER = "기술.md"  # a second note: two notes start collapsed, as open_question expects
QUESTION = [NOTE, "인성", "자기소개"]


def test_f5_with_audio_logs_what_the_voice_did(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    fixture = build(tmp_path / "audio", language="ko", pauses_s=(1.0, 2.0), name="자기소개-연습")
    notes = tmp_path / "notes"
    notes.mkdir()
    answer = "\n\n".join(fixture.sentences)
    (notes / NOTE).write_text(f"# 인성\n\n## 자기소개\n\n{answer}\n", encoding="utf-8")
    (notes / OTHER).write_text("# 기술\n\n## 인덱스란?\n\n자료구조입니다.\n", encoding="utf-8")
    terminal.start(notes, empty_config, "--audio", str(fixture.path))
    terminal.wait_for("the tree", lambda s: s.tree_has(NOTE) and s.tree_has(OTHER))
    open_question(terminal, QUESTION)

    terminal.keys("F5")
    mark = f"● {fixture.path.name}"
    listening = terminal.wait_for("the open-microphone mark", lambda s: mark in s.text)
    assert crumb(*QUESTION[1:]) in [line.strip() for line in listening.lines], listening.text
    # The whole recording plays in real time (about 12 s), then its end is announced.
    ended = f"Voice off: the end of {fixture.path.name}"
    terminal.wait_for("the end of the recording", lambda s: ended in s.text, timeout=60.0)
    heard = terminal.screen()
    assert re.search(r"talk 0:\d\d/1:00 · first word \d+\.\d s", heard.text), heard.text
    assert mark not in heard.text, heard.text  # the mark goes with the microphone
    terminal.keys("Escape")
    log = notes / ".rehearse" / "history.jsonl"

    def one_whole_line() -> bool:
        return log.exists() and log.read_text(encoding="utf-8").endswith("}\n")

    terminal.wait_for("the run's record, written whole", lambda s: one_whole_line())
    (record,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert record["heading_path"] == ["인성", "자기소개"]
    voice = record["voice"]
    truth = fixture.truth
    # Counted from when the question was shown; the recording starts when the microphone
    # opens (the model loads first, on a worker), a moment later on a busy machine.
    assert truth.lead_in_s - 0.1 <= voice["first_word_s"] <= truth.lead_in_s + 1.5
    assert voice["talk_s"] == pytest.approx(truth.talk_s, rel=0.08)
    assert [p["duration_s"] for p in voice["pauses"]] == pytest.approx([1.0, 2.0], abs=0.2)
    assert voice["longest_pause_s"] == pytest.approx(2.0, abs=0.2)
    # Read to its last line, so the pace of the whole answer counts.
    spoken = pace(" ".join(fixture.sentences), truth.talk_s, SpeakingRates())
    assert voice["syllables_per_minute"] == pytest.approx(spoken, rel=0.1)
