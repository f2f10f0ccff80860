"""What the app remembers between runs (the tree's width), its config key, and paths as
messages show them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.config import load_config, parse_width
from rehearse.core.display import cells, tilde, wrapped_path
from rehearse.core.ui_state import (
    UiState,
    load_state,
    resized,
    save_state,
    starting_tree_width,
    state_path,
)


def test_the_state_is_kept_in_the_data_folder_and_read_back(tmp_path: Path) -> None:
    assert state_path() == Path(os.environ["REHEARSE_DATA"]) / "state.json"
    assert load_state() == UiState()  # nothing yet
    assert save_state(UiState(48, "40%"))
    assert load_state() == UiState(48, "40%")
    assert oct(state_path().stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[1, 2]", b'{"tree_width": "wide"}', b'{"tree_width": true}',
     b'{"tree_width": 9000}', b"\xff\xfe", b"{" * 5000],
)  # fmt: skip
def test_a_broken_or_foreign_state_file_is_no_state(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    assert load_state(path).tree_width is None


def test_a_state_path_that_is_not_a_file_is_no_state(tmp_path: Path) -> None:
    (tmp_path / "state.json").mkdir()
    assert load_state(tmp_path / "state.json") == UiState()
    (tmp_path / "a file").write_text("", encoding="utf-8")
    assert not save_state(UiState(40), tmp_path / "a file" / "state.json")  # cannot: False


def test_the_kept_width_wins_until_the_config_changes() -> None:
    assert starting_tree_width(None, UiState()) == "42%"
    assert starting_tree_width("30%", UiState()) == "30%"
    assert starting_tree_width(None, UiState(50, None)) == "50"
    assert starting_tree_width("30%", UiState(50, "30%")) == "50"  # set with keys since
    assert starting_tree_width("35%", UiState(50, "30%")) == "35%"  # the config changed


def test_resizing_stays_within_the_screen() -> None:
    assert resized(40, 4, 120) == 44
    assert resized(18, -4, 120) == 16
    assert resized(98, 4, 120) == 100
    assert resized(20, 4, 30) == 16  # a screen too small to take more


def test_tree_width_in_the_config(tmp_path: Path) -> None:
    for text, expected in (("tree_width: 40\n", "40"), ("tree_width: 35%\n", "35%")):
        path = tmp_path / "config.yaml"
        path.write_text(text, encoding="utf-8")
        config = load_config(path)
        assert config.tree_width == expected and config.problems == ()
    for bad in ("tree_width: 3\n", "tree_width: 95%\n", "tree_width: 넓게\n", "tree_width: true\n"):
        path.write_text(bad, encoding="utf-8")
        config = load_config(path)
        assert config.tree_width is None
        assert "'tree_width' should be columns (16-400)" in str(config.problems[0])
    assert parse_width("40") == (40, False) and parse_width("35%") == (35, True)


# -- paths in messages --------------------------------------------------------------------------


def test_tilde_shortens_the_home_folder() -> None:
    home = Path("/home/하늘")
    assert tilde(Path("/home/하늘/노트/기술.md"), home) == "~/노트/기술.md"
    assert tilde(home, home) == "~"
    assert tilde(Path("/tmp/기술.md"), home) == "/tmp/기술.md"


def test_a_long_path_breaks_after_slashes_never_inside_a_name() -> None:
    home = Path("/home/u")
    kept = Path("/home/u/.local/share/rehearse/recovery/kept/기술-README.20250101-120000.mine.md")
    assert wrapped_path(kept, 36, home).splitlines() == [
        "~/.local/share/rehearse/recovery/",
        "kept/",
        "기술-README.20250101-120000.mine.md",
    ]
    # A name wider than a line breaks after a dot or a dash, not inside a word.
    lines = wrapped_path(Path("/x/면접-준비-노트.20250101-120000.mine.md"), 16, home).splitlines()
    assert lines == ["/x/", "면접-준비-노트.", "20250101-120000.", "mine.md"]


NAMES = st.text(alphabet=st.sampled_from(list("ab가나.-_ ")), min_size=1, max_size=12).filter(
    lambda name: name.strip(". ") == name and "/" not in name
)


@given(parts=st.lists(NAMES, min_size=1, max_size=6), width=st.integers(min_value=8, max_value=40))
def test_wrapping_keeps_every_character_and_breaks_only_at_break_points(
    parts: list[str], width: int
) -> None:
    path = Path("/", *parts)
    lines = wrapped_path(path, width, Path("/nowhere"))
    assert lines.replace("\n", "") == str(path)
    for line, following in zip(lines.splitlines(), lines.splitlines()[1:], strict=False):
        assert line[-1] in "/.-_ ", (line, following)  # broken after a break point only
        assert cells(line) <= width or not any(c in line[:-1] for c in "/.-_ "), line
