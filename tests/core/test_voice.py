"""Questions read aloud: the espeak-ng command (a fake one on PATH) and the config keys for it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rehearse.core.config import Config, load_config
from rehearse.core.voice import VOICE_COMMAND, language_of, speak, speak_command

QUESTION = "자기소개를 해 주세요"


@pytest.fixture
def no_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH is one empty folder: there is no espeak-ng to find."""
    empty = tmp_path / "빈 폴더"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture
def fake_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An `espeak-ng` on PATH that writes its arguments (and its session id) to a JSON file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "인자.json"
    script = folder / VOICE_COMMAND
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(record)!r}, 'w', encoding='utf-8') as out:\n"
        "    json.dump({'args': sys.argv[1:], 'sid': os.getsid(0),"
        " 'stdin': sys.stdin.read()}, out, ensure_ascii=False)\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", str(folder))
    return script, record


# --- the language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", [QUESTION, "카프카란?", "Kafka란 무엇인가요", "ㅈㄱㅅㄱ", "REST API 설계 원칙"]
)
def test_hangul_is_read_in_korean(text: str) -> None:
    assert language_of(text) == "ko"


@pytest.mark.parametrize("text", ["Tell me about yourself", "What is Kafka?", "", "1 + 2 = 3"])
def test_latin_text_is_read_in_english(text: str) -> None:
    assert language_of(text) == "en"


# --- the command ----------------------------------------------------------------------------


def test_no_espeak_on_path_means_no_command(no_voice: Path) -> None:
    assert speak_command(QUESTION) is None


def test_no_espeak_on_path_means_silence(no_voice: Path) -> None:
    assert speak(QUESTION) is None


def test_a_file_named_espeak_that_cannot_run_is_not_used(
    no_voice: Path,
) -> None:
    not_executable = no_voice / VOICE_COMMAND
    not_executable.write_text("#!/bin/sh\n")
    not_executable.chmod(0o644)
    assert speak_command(QUESTION) is None
    assert speak(QUESTION) is None


def test_command_with_espeak_on_path(fake_voice: tuple[Path, Path]) -> None:
    script, _ = fake_voice
    assert speak_command(QUESTION) == [str(script), "-v", "ko", "--", QUESTION]
    english = "Tell me about yourself"
    assert speak_command(english) == [str(script), "-v", "en", "--", english]


def test_speak_starts_espeak_with_the_korean_text(fake_voice: tuple[Path, Path]) -> None:
    _, record = fake_voice
    process = speak(QUESTION)
    assert isinstance(process, subprocess.Popen)
    assert process.wait(timeout=30) == 0
    written = json.loads(record.read_text(encoding="utf-8"))
    assert written["args"] == ["-v", "ko", "--", QUESTION]
    assert written["stdin"] == ""  # never the terminal's input
    assert written["sid"] != os.getsid(0)  # its own session: no terminal signals reach it


@pytest.mark.parametrize("text", ["-v en 자기소개", "--help 질문", "-"])
def test_text_that_looks_like_an_option_comes_after_the_double_dash(
    fake_voice: tuple[Path, Path], text: str
) -> None:
    script, record = fake_voice
    command = speak_command(text)
    assert command is not None
    assert command.index("--") == 3 and command[4:] == [text]
    assert command[:3] == [str(script), "-v", language_of(text)]
    process = speak(text)
    assert process is not None
    assert process.wait(timeout=30) == 0
    args = json.loads(record.read_text(encoding="utf-8"))["args"]
    assert args[args.index("--") + 1 :] == [text]
    assert args[: args.index("--")] == ["-v", language_of(text)]


# --- the config keys ------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config(tmp_path: Path) -> None:
    config = load_config(tmp_path / "없음.yaml")
    assert config.thinking_seconds == 5
    assert config.speak_questions is False


@pytest.mark.parametrize(
    ("text", "thinking", "voice"),
    [
        ("# 모의 면접\nthinking_seconds: 0\nspeak_questions: true\n", 0, True),
        ("thinking_seconds: 120\nspeak_questions: false\n", 120, False),
        ("speak_questions: true\n# 생각할 시간\nthinking_seconds: 17\n", 17, True),
    ],
)
def test_mock_interview_keys_are_read(
    tmp_path: Path, text: str, thinking: int, voice: bool
) -> None:
    config = load_config(write(tmp_path / "설정" / "config.yaml", text))
    assert config.problems == ()
    assert config.thinking_seconds == thinking
    assert config.speak_questions is voice


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("thinking_seconds: -1\n", "thinking_seconds", 1),
        ("# 모의 면접\nthinking_seconds: 500\n", "thinking_seconds", 2),
        ("thinking_seconds: 121\n", "thinking_seconds", 1),
        ('thinking_seconds: "five"\n', "thinking_seconds", 1),
        ("thinking_seconds: 다섯\n", "thinking_seconds", 1),
        ("thinking_seconds: true\n", "thinking_seconds", 1),
        ('theme: rehearse-light\nspeak_questions: "yes"\n', "speak_questions", 2),
        ("speak_questions: 네\n", "speak_questions", 1),
        ("speak_questions: 1\n", "speak_questions", 1),
    ],
)
def test_bad_values_are_named_and_the_defaults_used(
    tmp_path: Path, text: str, key: str, line: int
) -> None:
    path = write(tmp_path / "config.yaml", text)
    config = load_config(path)
    bad = [p for p in config.problems if f"'{key}'" in p.message]
    assert len(bad) == 1, config.problems
    assert len(config.problems) == 1, config.problems
    assert bad[0].line == line
    assert "default" in bad[0].message
    assert str(bad[0]).startswith(f"{path}:{line}: ")
    assert config.thinking_seconds == Config().thinking_seconds == 5
    assert config.speak_questions is Config().speak_questions is False


def test_a_bad_key_does_not_spoil_the_other(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "thinking_seconds: 오백\nspeak_questions: true\n")
    config = load_config(path)
    assert [p.line for p in config.problems] == [1]
    assert "'thinking_seconds'" in config.problems[0].message
    assert "0-120" in config.problems[0].message
    assert config.thinking_seconds == 5
    assert config.speak_questions is True
