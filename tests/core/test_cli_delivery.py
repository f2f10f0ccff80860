"""`rehearse delivery FILE.wav`: the analysis from the shell; bad files get one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.speech import SpeakingRates
from rehearse.core.spoken_pace import pace
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


def _wav(path: Path, samples: int, declared: int | None = None) -> Path:
    """16 kHz mono 16-bit silence; `declared` bytes of data in the header (else the truth)."""
    import struct

    data = b"\0\0" * samples
    size = len(data) if declared is None else declared
    fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<I", 16)
    path.write_bytes(header + fmt + b"data" + struct.pack("<I", size) + data)
    return path


def test_the_duration_is_the_files_own_not_whole_frames(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = _wav(tmp_path / "1초.wav", 16000)  # 31.25 frames of 32 ms
    assert main(["delivery", str(second), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["duration_s"] == 1.0
    assert main(["delivery", str(second)]) == 0
    assert "duration     0:01 (1.00 s)" in capsys.readouterr().out


def test_a_file_shorter_than_its_header_says_is_named_as_cut_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = _wav(tmp_path / "잘림.wav", 2480, declared=146_240)  # 4.57 s said, 0.155 s held
    bogus = _wav(tmp_path / "거짓.wav", 1600, declared=0xFFFFFFF0)
    assert main(["delivery", str(cut)]) == 2
    assert capsys.readouterr().err == (
        f"rehearse: {cut}: cut off: the header says 4.57 s, the file holds 0.15 s\n"
    )
    assert main(["delivery", str(bogus), "--json"]) == 2
    assert "cut off: the header says 134217.73 s, the file holds 0.10 s" in capsys.readouterr().err
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    assert main([str(tmp_path), "--audio", str(cut)]) == 2  # the app refuses it before it opens
    assert capsys.readouterr().err.count("\n") == 1
    odd = _wav(tmp_path / "홀수.wav", 1600)
    odd.write_bytes(odd.read_bytes() + b"\0")  # a byte past the data: still a whole file
    assert main(["delivery", str(odd), "--json"]) == 0


def test_a_pace_no_one_speaks_at_is_no_pace_and_says_why(
    korean: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "인성.md", "# 인성\n## 한 줄\n네.\n")
    assert main(["delivery", str(korean.path), "--question", "한 줄", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "pace         " not in out
    said = re.search(r"\nno pace: (\d+\.\d) s of talk is too long for this answer \((\d+) "
                     r"syllables a minute; people speak 120-600\)\n", out)  # fmt: skip
    assert said is not None, out
    assert float(said[1]) == pytest.approx(korean.truth.talk_s, rel=0.06)
    assert abs(int(said[2]) - 60 / float(said[1])) < 1  # one syllable, 네
    assert main(["delivery", str(korean.path), "--question", "한 줄", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["syllables_per_minute"] is None


def test_two_questions_of_one_title_are_told_apart_by_path_or_place(
    korean: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = " ".join(korean.sentences)
    write_note(tmp_path, "dup.md", f"# A\n## 자기소개\n네.\n# B\n## 자기소개\n{answer}\n")
    assert main(["delivery", str(korean.path), "--question", "자기소개", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "rehearse: 2 questions titled '자기소개': A › 자기소개 (dup.md:2); "
        "B › 자기소개 (dup.md:5); choose one by its path or place, "
        "e.g. --question 'A › 자기소개' or --question dup.md:2\n"
    )
    for name in ("B › 자기소개", "B > 자기소개", "b/자기소개", "dup.md:5", "dup.md:6"):
        assert main(["delivery", str(korean.path), "--question", name, str(tmp_path)]) == 0
        assert "\npace         " in capsys.readouterr().out, name
    assert main(["delivery", str(korean.path), "--question", "dup.md:99", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"rehearse: no question at 'dup.md:99' in {tmp_path}\n"
