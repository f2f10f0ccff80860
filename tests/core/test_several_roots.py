"""Several roots: `rehearse A B …` and `notes:` as a list. Each root's notes are named from
the first root's folder (where the rehearsal log lives), so a name is unique and never
depends on the roots opened beside it; every verb works across all of them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.cli import main
from rehearse.core.config import load_config
from rehearse.core.history import LOG_FOLDER, LOG_NAME, RehearsalLog, record_now
from rehearse.core.notebook import Notebook, NotesRoot, distinct_roots, notes_root, open_notebook
from rehearse.core.session import EditSession
from tests.conftest import write_note

INTRO = "## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n"
DEADLOCK = "## 데드락이란?\n서로의 자원을 기다리며 멈춘 상태입니다.\n"


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path, Path]:
    first = tmp_path / "면접"
    write_note(first, "인성.md", INTRO)
    write_note(first, "기술/운영체제.md", "## 프로세스란?\n실행 중인 프로그램입니다.\n")
    second = tmp_path / "cs 노트"
    write_note(second, "운영체제.md", DEADLOCK)
    single = write_note(tmp_path / "따로", "마무리.md", "## 마지막 한마디\n감사합니다.\n")
    return first, second, single


def test_names_come_from_the_first_root_and_go_back_to_their_paths(
    roots: tuple[Path, Path, Path],
) -> None:
    first, second, single = roots
    book = open_notebook(first, second, single)
    assert [root.path for root in book.roots] == [first, second, single]
    assert book.root == first and not book.single_file
    names = [book.relative(note.path) for note in book.notes]
    assert names == ["기술/운영체제.md", "인성.md", "../cs 노트/운영체제.md", "../따로/마무리.md"]
    assert [book.path_of(name) for name in names] == [note.path for note in book.notes]
    assert len(set(names)) == len(names)
    # The first root's names do not change when other roots are opened beside it.
    alone = open_notebook(first)
    assert [alone.relative(n.path) for n in alone.notes] == names[:2]


@given(st.lists(st.sampled_from(["a", "b", "기술", "..x", "c d"]), min_size=1, max_size=4))
def test_path_of_undoes_relative(parts: list[str]) -> None:
    root = Path("/notes/면접")
    book = Notebook((NotesRoot(root),), ())
    for base in (root, Path("/elsewhere"), Path("/notes")):
        path = base.joinpath(*parts, "note.md")
        assert book.path_of(book.relative(path)) == path


def test_a_root_inside_another_is_opened_once(roots: tuple[Path, Path, Path]) -> None:
    first, second, _ = roots
    inner = first / "기술"
    kept, dropped = distinct_roots(
        [notes_root(inner), notes_root(first), notes_root(second), notes_root(first)]
    )
    assert [root.path for root in kept] == [first, second]
    assert dropped == [f"{inner} is inside {first}: opened once, as part of it"]
    book = open_notebook(inner, first / "인성.md", first)
    assert [root.path for root in book.roots] == [first]
    assert len(book.notes) == 2


def test_a_rescan_finds_notes_added_and_removed_in_any_root(
    roots: tuple[Path, Path, Path],
) -> None:
    first, second, single = roots
    session = EditSession(open_notebook(first, second, single))
    added = write_note(second, "네트워크/TCP.md", "## TCP란?\n연결 지향입니다.\n")
    (first / "인성.md").unlink()
    result = session.reload([], rescan=True)
    assert result.changed_paths == {added, first / "인성.md"}
    names = [session.notebook.relative(note.path) for note in session.notebook.notes]
    assert names == [
        "기술/운영체제.md",
        "../cs 노트/네트워크/TCP.md",
        "../cs 노트/운영체제.md",
        "../따로/마무리.md",
    ]
    # A file given as a root is read again on a rescan, and followed when it goes.
    single.unlink()
    assert session.reload([], rescan=True).changed_paths == {single}
    assert session.notebook.get(single) is None


def test_the_config_may_list_several_roots(
    roots: tuple[Path, Path, Path], isolated_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, _ = roots
    isolated_config.write_text(f"notes: [{first}, '{second}']\n", encoding="utf-8")
    assert load_config().notes == (first, second)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "인성.md" in out and "../cs 노트/운영체제.md" in out


# -- every verb -----------------------------------------------------------------------------


def test_list_check_search_and_export_work_across_roots(
    roots: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second, single = roots
    paths = [str(first), str(second), str(single)]
    assert main(["list", *paths, "--json"]) == 0
    files = {record["file"] for record in json.loads(capsys.readouterr().out)}
    assert files == {"인성.md", "기술/운영체제.md", "../cs 노트/운영체제.md", "../따로/마무리.md"}

    write_note(second, "중복.md", INTRO)  # the same question in two roots
    assert main(["check", *paths]) == 1
    out, err = capsys.readouterr()
    assert "../cs 노트/중복.md:1: duplicate" in out, out
    assert "in 5 questions" in err

    assert main(["search", "ㄷㄷㄹ", *paths]) == 0
    assert "데드락이란?  ../cs 노트/운영체제.md:1" in capsys.readouterr().out

    assert main(["export", "--json", *paths]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert {record["file"] for record in exported} >= {"../따로/마무리.md"}
    deck = tmp_path / "면접.apkg"
    assert main(["export", "--anki", str(deck), *paths]) == 0
    assert "5 cards in deck '면접'" in capsys.readouterr().err


def test_stats_reads_the_log_in_the_first_roots_folder(
    roots: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, _ = roots
    log = RehearsalLog.for_notes(first)
    assert log.path == first / LOG_FOLDER / LOG_NAME
    log.append(record_now("../cs 노트/운영체제.md", ("데드락이란?",), "teleprompter", 60, 30, True))
    assert main(["stats", str(first), str(second), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["rehearsals"] == 1
    never = {tuple(q["heading_path"]) for q in figures["never_rehearsed"]}
    assert ("데드락이란?",) not in never and ("자기소개",) in never
    assert not (second / LOG_FOLDER).exists()  # one log, beside the first root


def test_a_missing_root_is_one_line(
    roots: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, _, _ = roots
    assert main(["list", str(first), str(tmp_path / "없음")]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"rehearse: no such file or folder: {tmp_path / '없음'}"]
    assert os.path.isdir(first)
