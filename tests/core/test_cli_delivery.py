"""`rehearse delivery FILE.wav`: the analysis from the shell; bad files get one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.spoken_pace import pace
from rehearse.core.speech import SpeakingRates
from tests.audio_fixtures import Fixture, build
from tests.conftest import REPO, write_note

KEYS = ["duration_s", "talk_s", "first_word_s", "longest_pause_s", "pauses", "syllables_per_minute"]


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build(tmp_path_factory.mktemp("wav"), language="ko", pauses_s=(1.0,), name="답변")


def test_json_has_exactly_the_keys_and_the_truth(
    korean: Fixture, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["delivery", str(korean.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == KEYS
    assert data["talk_s"] == pytest.approx(korean.truth.talk_s, rel=0.06)
    assert data["first_word_s"] == pytest.approx(korean.truth.lead_in_s, abs=0.1)
    assert [p["duration_s"] for p in data["pauses"]] == pytest.approx([1.0], abs=0.15)
    assert data["syllables_per_minute"] is None  # no question given: no text to pace


def test_the_question_gives_the_pace(
    korean: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = "\n\n".join(korean.sentences)
    write_note(tmp_path, "인성.md", f"# 인성\n## 자기 소개\n{answer}\n## 지원 동기\n성장.\n")
    args = ["delivery", str(korean.path), "--question", "자기  소개", str(tmp_path), "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    truth = pace(" ".join(korean.sentences), korean.truth.talk_s, SpeakingRates())
    assert data["syllables_per_minute"] == pytest.approx(truth, rel=0.08)
    assert main(["delivery", str(korean.path), "--question", "자기 소개", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "first word   1.2" in out and "pauses       1, longest 1." in out
    assert "pace" in out


def test_an_unknown_question_is_one_line(
    korean: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    assert main(["delivery", str(korean.path), "--question", "없는 질문", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"rehearse: no question titled '없는 질문' in {tmp_path}\n"


def test_missing_empty_and_broken_files_exit_non_zero_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk" + os.urandom(64))
    for path in (tmp_path / "없는.wav", empty, broken, tmp_path):
        # The installed command, so that a traceback anywhere would show.
        result = subprocess.run(
            [sys.executable, "-m", "rehearse", "delivery", str(path), "--json"],
            capture_output=True, text=True, cwd=REPO, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("rehearse: ")
        assert "Traceback" not in result.stderr


def test_audio_that_cannot_be_heard_stops_the_app_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    assert main([str(tmp_path), "--audio", str(tmp_path / "없는.wav")]) == 2
    assert capsys.readouterr().err == f"rehearse: {tmp_path / '없는.wav'}: no such file\n"
