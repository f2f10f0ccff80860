"""Issue 15's notes and queries, in core and from `rehearse search`; the glossary in the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.search_queries import ISSUE_QUERIES, ISSUE_TITLES
from rehearse.cli import main
from rehearse.core.notebook import open_notebook
from rehearse.core.search import SearchIndex
from tests.conftest import REPO, write_note
from tests.core.test_packaging import unpacked_wheel  # noqa: F401 - a fixture

SEARCH = REPO / "rehearse" / "core" / "search"


def write_issue_notes(folder: Path) -> Path:
    """The titles of issue 15 in a Korean and an English note, each with an answer."""
    korean = [title for title in ISSUE_TITLES if not title.isascii()]
    english = [title for title in ISSUE_TITLES if title.isascii()]
    write_note(folder, "기술.md", "".join(f"## {t}\n\n{t}에 대한 답변입니다.\n\n" for t in korean))
    write_note(folder, "english.md", "".join(f"## {t}\n\nAbout {t}.\n\n" for t in english))
    return folder


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return write_issue_notes(tmp_path / "notes")


@pytest.mark.parametrize(("query", "title"), list(ISSUE_QUERIES.items()))
def test_each_query_of_the_issue_finds_its_question_first(
    notes: Path, query: str, title: str
) -> None:
    hits = SearchIndex.from_notebook(open_notebook(notes)).search(query)
    assert hits and hits[0].doc.title == title, [hit.doc.title for hit in hits]


@pytest.mark.parametrize(("query", "title"), list(ISSUE_QUERIES.items()))
def test_each_query_of_the_issue_from_the_command_line(
    notes: Path, capsys: pytest.CaptureFixture[str], query: str, title: str
) -> None:
    assert main(["search", query, str(notes)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.split("  ")[1] == title


def test_the_command_line_says_how_a_query_was_read(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "wkrlthro", str(notes), "--json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["title"], record["searched_as"], record["match"]) == (
        "자기소개",
        "자기소개",
        "exact",
    )


def test_the_hostile_testers_commands_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rehearse search` with 24 glossary words took 28 s and 3.6 GB; `docker vkdlf`,
    `spring ehdwkr` and `tcp ckdl` exited 1."""
    folder = write_note(
        tmp_path / "notes",
        "기술.md",
        "## docker 파일\n\n답.\n\n## Spring 동작\n\n답.\n\n## TCP 차이\n\n답.\n\n"
        "## 카프카\n\n" + " ".join(["kafka"] * 24) + "\n",
    ).parent
    for query, title in [
        ("docker vkdlf", "docker 파일"),
        ("spring ehdwkr", "Spring 동작"),
        ("tcp ckdl", "TCP 차이"),
        (" ".join(["kafka"] * 24), "카프카"),
    ]:
        assert main(["search", query, str(folder)]) == 0, query
        assert capsys.readouterr().out.splitlines()[0].lstrip().split("  ")[1] == title


def test_the_glossary_ships_in_the_wheel(
    unpacked_wheel: Path,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    notes = write_issue_notes(tmp_path / "notes")
    code = (
        "from rehearse.core.glossary import Glossary\n"
        "import rehearse.core.glossary as g\n"
        "print(g.__file__)\n"
        "print(len(Glossary.shipped()))\n"
        "from rehearse.cli import main\n"
        f"raise SystemExit(main(['search', 'kafka', {str(notes)!r}, '--limit', '1']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    module, groups, hit = result.stdout.splitlines()
    assert module.startswith(str(unpacked_wheel))
    assert int(groups) >= 300
    assert "카프카" in hit and "(searched as 카프카)" in hit


def test_no_search_module_loads_textual() -> None:
    names = sorted(f"rehearse.core.search.{p.stem}" for p in SEARCH.glob("*.py"))
    names += ["rehearse.core.keyboard", "rehearse.core.glossary"]
    probe = "\n".join(f"import {name}" for name in names) + "\nimport sys\nprint(*sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = set(result.stdout.split())
    assert "rehearse.core.search.matchers" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
