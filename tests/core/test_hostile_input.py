"""Bad input gets a clear message, never a traceback or a hang (F4, F5 of the hostile trial).

Config and themes: nesting, aliases ("billion laughs"), size, colours Textual cannot
read. The rehearsal log: a FIFO, a device, a folder, over-long and junk lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rehearse.core import history, yamlfile
from rehearse.core.config import load_config
from rehearse.core.history import RehearsalLog, record_now
from rehearse.core.themes import parse_theme
from rehearse.ui.themes import load_themes, variable_problem
from tests.conftest import write_note

REHEARSE = Path(sys.executable).parent / "rehearse"


def laughs(levels: int = 8) -> str:
    """The "billion laughs": nine aliases of nine aliases of ..."""
    lines = ['a: &a ["ㅋ", "ㅋ", "ㅋ", "ㅋ", "ㅋ", "ㅋ", "ㅋ", "ㅋ", "ㅋ"]']
    names = "abcdefghij"
    for depth in range(1, levels):
        lines.append(f"{names[depth]}: &{names[depth]} [{', '.join(['*' + names[depth - 1]] * 9)}]")
    lines.append(f"theme: [{', '.join(['*' + names[levels - 1]] * 9)}]")
    return "\n".join(lines) + "\n"


# --- config and themes ----------------------------------------------------------------------


def test_deep_nesting_is_a_one_line_problem(tmp_path: Path) -> None:
    path = write_note(tmp_path, "config.yaml", "theme: " + "[" * 500 + "]" * 500 + "\n")
    config = load_config(path)
    [problem] = config.problems
    assert problem.line == 1 and "nested more than" in problem.message
    assert config.theme == "rehearse-dark"


def test_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    path = write_note(tmp_path, "config.yaml", laughs())
    started = time.process_time()
    config = load_config(path)
    assert time.process_time() - started < 5  # generous: expanding it takes ~10 s and 1 GB
    [problem] = config.problems
    assert problem.line == 2 and "aliases" in problem.message
    assert len(str(problem)) < 300


def test_a_huge_config_is_refused_by_its_size(tmp_path: Path) -> None:
    path = write_note(tmp_path, "config.yaml", "notes: ./면접\n" + "# 주석\n" * 100_000)
    [problem] = load_config(path).problems
    assert "larger than" in problem.message


def test_a_config_that_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    [problem] = load_config(path).problems
    assert "not a regular file" in problem.message


def test_a_bad_value_is_quoted_short(tmp_path: Path) -> None:
    path = write_note(tmp_path, "config.yaml", "target_seconds: " + "구십" * 5000 + "\n")
    [problem] = load_config(path).problems
    assert problem.line == 1 and len(problem.message) < 200 and "…" in problem.message


def test_an_integer_too_long_to_convert_is_one_problem(tmp_path: Path) -> None:
    path = write_note(tmp_path, "config.yaml", "target_seconds: " + "9" * 5000 + "\n")
    config = load_config(path)
    [problem] = config.problems
    assert "digits" in problem.message and config.target_seconds == 60


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("block-cursor-foreground", "not a colour", False),
        ("block-cursor-foreground", "#1b2030", True),
        ("input-selection-background", "#81a1c1 35%", True),
        ("text", "auto 87%", True),
        ("link-background", "initial", True),
        ("block-cursor-text-style", "bold", True),
        ("link-style-hover", "bold not underline", True),
        ("block-cursor-text-style", "굵게", False),
        ("border", "#fff 200%", False),
    ],
)
def test_theme_variables_are_checked_as_textual_reads_them(name: str, value: str, ok: bool) -> None:
    assert (variable_problem(name, value) is None) == ok


def test_a_theme_with_a_bad_variable_is_skipped_with_its_line(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "weird.yaml",
        'name: weird\nprimary: "#336699"\nvariables:\n  border: "#9cc0e6"\n'
        '  block-cursor-foreground: "not a colour"\n',
    )
    spec, problems = parse_theme(tmp_path / "weird.yaml")
    assert spec is not None and problems == []  # the YAML itself is fine

    themes, messages = load_themes([tmp_path])

    assert [theme.name for theme in themes] == []  # never registered, so never chosen
    [message] = messages
    assert f"{tmp_path / 'weird.yaml'}:5:" in message and "block-cursor-foreground" in message


def test_a_deeply_nested_theme_is_one_problem(tmp_path: Path) -> None:
    write_note(tmp_path, "deep.yaml", "name: deep\nprimary: " + "[" * 500 + "]" * 500 + "\n")
    themes, messages = load_themes([tmp_path])
    assert themes == [] and len(messages) == 1 and "nested" in messages[0]


def test_the_reader_limit_is_small(tmp_path: Path) -> None:
    assert yamlfile.MAX_BYTES <= 1024 * 1024


# --- the rehearsal log ----------------------------------------------------------------------


def log_beside(tmp_path: Path) -> Path:
    notes = tmp_path / "노트"
    write_note(notes, "면접.md", "## 자기소개\n안녕하세요.\n")
    (notes / ".rehearse").mkdir()
    return notes


def stats(notes: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REHEARSE), "stats", str(notes)], capture_output=True, text=True, timeout=60
    )


def test_a_fifo_log_is_reported_not_waited_on(tmp_path: Path) -> None:
    notes = log_beside(tmp_path)
    fifo = notes / ".rehearse" / "history.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        RehearsalLog(fifo).read()
    with pytest.raises(OSError, match="not a regular file"):
        RehearsalLog(fifo).append(record_now("면접.md", ("자기소개",), "teleprompter", 60, 5, True))

    done = stats(notes)  # the timeout above turns a hang into a failure

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "folder"])
def test_a_log_that_is_a_device_or_folder_is_one_line(tmp_path: Path, target: str) -> None:
    notes = log_beside(tmp_path)
    link = notes / ".rehearse" / "history.jsonl"
    if target == "folder":
        link.mkdir()
    else:
        link.symlink_to(target)
    done = stats(notes)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.returncode == 2 and done.stderr.count("\n") == 1


def test_over_long_and_junk_lines_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    good = record_now("면접.md", ("자기소개",), "teleprompter", 60, 42, True)
    RehearsalLog(path).append(good)
    with path.open("ab") as handle:
        handle.write(b'{"file": "' + b"x" * (history.MAX_LINE * 3) + b'"}\n')  # over-long
        handle.write(b"\x00\xff junk " * 1000 + b"\n")
        handle.write(b"[1, 2, 3]\n" * 1000)
        handle.write(b'{"foreign": true}\n' * 1000)
    RehearsalLog(path).append(good)

    assert RehearsalLog(path).read() == [good, good]


def test_memory_is_bounded_by_keeping_the_newest_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "MAX_RECORDS", 3)
    path = tmp_path / "history.jsonl"
    log = RehearsalLog(path)
    for seconds in range(10, 20):
        log.append(record_now("면접.md", ("자기소개",), "teleprompter", 60, seconds, True))
    assert [record.spoken_s for record in log.read()] == [17, 18, 19]


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_log_linked_to_a_note_is_never_written_into(tmp_path: Path, link: str) -> None:
    notes = log_beside(tmp_path)
    note = notes / "면접.md"
    before = note.read_bytes()
    log = notes / ".rehearse" / "history.jsonl"
    if link == "symlink":
        log.symlink_to(note)
    else:
        os.link(note, log)
    record = record_now("면접.md", ("자기소개",), "teleprompter", 60, 5, True)

    with pytest.raises(OSError, match="a file of its own"):
        RehearsalLog(log).append(record)
    with pytest.raises(OSError, match="a file of its own"):
        RehearsalLog(log).read()
    assert note.read_bytes() == before
