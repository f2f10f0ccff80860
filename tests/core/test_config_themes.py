"""The config file and YAML themes: good values are used, bad ones are named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.config import (
    CONFIG_ENV,
    DEFAULT_THEME,
    Config,
    config_path,
    load_config,
    user_themes_dir,
)
from rehearse.core.resources import shipped_dir
from rehearse.core.themes import COLOUR_KEYS, is_colour, load_theme_specs, parse_theme
from tests.conftest import REPO

SHIPPED = ("rehearse-dark", "rehearse-high-contrast", "rehearse-light")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- config ---------------------------------------------------------------------------------


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "없음" / "config.yaml"
    config = load_config(path)
    assert config == Config()
    assert config.notes == ()
    assert config.theme == DEFAULT_THEME == "rehearse-dark"
    assert config.problems == ()
    assert config.path == path


def test_valid_config(tmp_path: Path) -> None:
    notes = tmp_path / "면접 노트"
    path = write(tmp_path / "config.yaml", f"# 내 설정\nnotes: {notes}\ntheme: rehearse-light\n")
    config = load_config(path)
    assert config.problems == ()
    assert config.notes == (notes,)
    assert config.theme == "rehearse-light"


def test_empty_config_gives_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "config.yaml", "# 비어 있음\n"))
    assert config == Config()
    assert config.problems == ()


def test_relative_notes_resolved_against_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "다른 곳"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = write(tmp_path / "설정" / "config.yaml", "notes: 노트/면접\n")
    config = load_config(path)
    assert config.problems == ()
    assert config.notes == (tmp_path / "설정" / "노트" / "면접",)


def test_home_in_notes_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "홈"))
    config = load_config(write(tmp_path / "config.yaml", "notes: ~/면접\n"))
    assert config.notes == (tmp_path / "홈" / "면접",)


def test_unknown_key_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "theme: rehearse-light\n\ncolour: 빨강\n")
    config = load_config(path)
    assert config.theme == "rehearse-light"  # the good key still counts
    assert len(config.problems) == 1
    problem = config.problems[0]
    assert problem.path == path
    assert problem.line == 3
    assert "colour" in problem.message
    assert str(problem).startswith(f"{path}:3: ")


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("notes: 면접\ntheme: 3\n", "theme", 2),
        ("notes: [가, 3]\n", "notes", 1),
        ("# 주석\n\ntheme: true\n", "theme", 3),
        ("theme:\n  이름: 어두운\n", "theme", 1),
    ],
)
def test_wrong_type_is_named_with_its_line_and_default_used(
    tmp_path: Path, text: str, key: str, line: int
) -> None:
    path = write(tmp_path / "config.yaml", text)
    config = load_config(path)
    bad = [p for p in config.problems if f"'{key}'" in p.message]
    assert len(bad) == 1, config.problems
    assert bad[0].line == line
    assert "default" in bad[0].message
    assert str(bad[0]).startswith(f"{path}:{line}: ")
    assert getattr(config, key) == getattr(Config(), key)


def test_malformed_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "notes: 면접\n  theme: : 어두운\n")
    config = load_config(path)
    assert config.notes == () and config.theme == DEFAULT_THEME
    assert len(config.problems) == 1
    problem = config.problems[0]
    assert problem.line == 2
    assert "column 8" in problem.message
    assert str(problem).startswith(f"{path}:2: ")


def test_unclosed_bracket_names_line(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "notes: [면접\ntheme: 밝은\n")
    config = load_config(path)
    assert [p.line for p in config.problems] == [2]
    assert "column" in config.problems[0].message


def test_config_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "- 면접\n- 기술\n")
    config = load_config(path)
    assert config == Config()
    assert [str(p) for p in config.problems] == [f"{path}:1: expected a mapping of keys to values"]


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes("notes: 면접\n".encode("cp949"))
    config = load_config(path)
    assert config == Config()
    assert len(config.problems) == 1
    assert "cannot read" in config.problems[0].message
    assert str(config.problems[0]).startswith(str(path))


def test_env_override_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "설정" / "내 설정.yaml", "theme: rehearse-high-contrast\n")
    monkeypatch.setenv(CONFIG_ENV, str(path))
    assert config_path() == path
    config = load_config()
    assert config.path == path
    assert config.theme == "rehearse-high-contrast"
    assert user_themes_dir() == tmp_path / "설정" / "themes"


def test_env_override_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(CONFIG_ENV, "~/설정.yaml")
    assert config_path() == tmp_path / "설정.yaml"


def test_autouse_fixture_keeps_user_config_out(isolated_config: Path) -> None:
    assert config_path() == isolated_config
    assert not isolated_config.exists()
    assert load_config() == Config()


# --- themes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [REPO / "themes", shipped_dir("themes")])
def test_shipped_themes_load_without_problems(folder: Path) -> None:
    specs, problems = load_theme_specs([folder])
    assert problems == []
    assert sorted(spec.name for spec in specs) == list(SHIPPED)
    by_name = {spec.name: spec for spec in specs}
    assert by_name["rehearse-dark"].dark is True
    assert by_name["rehearse-light"].dark is False
    assert by_name["rehearse-high-contrast"].dark is True
    for spec in specs:
        assert "primary" in spec.colours
        assert all(key in COLOUR_KEYS and is_colour(value) for key, value in spec.colours.items())
        assert spec.source is not None and spec.source.parent == folder


def test_parse_theme_good(tmp_path: Path) -> None:
    path = write(
        tmp_path / "내 테마.yaml",
        "name: 밤하늘\ndark: true\nprimary: '#123456'\naccent: rgb(10, 20, 30)\n"
        "variables:\n  border: '#abc'\n  scrollbar-size: 1\n",
    )
    spec, problems = parse_theme(path)
    assert problems == []
    assert spec is not None
    assert spec.name == "밤하늘"
    assert spec.colours == {"primary": "#123456", "accent": "rgb(10, 20, 30)"}
    assert spec.variables == {"border": "#abc", "scrollbar-size": "1"}
    assert spec.source == path


def test_theme_name_defaults_to_file_stem(tmp_path: Path) -> None:
    spec, problems = parse_theme(write(tmp_path / "새벽.yaml", "primary: '#fff'\n"))
    assert problems == []
    assert spec is not None and spec.name == "새벽"


@pytest.mark.parametrize("value", ["'#12345'", "빨강", "'#gggggg'", "12", "rgb(1, 2"])
def test_bad_colour_names_file_and_line(tmp_path: Path, value: str) -> None:
    path = write(
        tmp_path / "깨진 테마.yaml", f"name: 깨진\nprimary: '#101010'\n\naccent: {value}\n"
    )
    spec, problems = parse_theme(path)
    assert spec is None
    assert len(problems) == 1
    assert problems[0].path == path
    assert problems[0].line == 4
    assert "accent" in problems[0].message
    assert str(problems[0]).startswith(f"{path}:4: ")


def test_malformed_theme_yaml_names_file_line(tmp_path: Path) -> None:
    path = write(tmp_path / "깨진.yaml", "name: 깨진\nprimary: '#101010'\n  accent: : '#202020'\n")
    spec, problems = parse_theme(path)
    assert spec is None
    assert len(problems) == 1
    assert problems[0].path == path
    assert problems[0].line == 3
    assert str(problems[0]).startswith(f"{path}:3: ")
    assert "column" in problems[0].message


def test_malformed_theme_does_not_stop_other_themes(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "name: 깨진\nprimary: [#101010\n")
    write(tmp_path / "b.yaml", "name: 멀쩡한\nprimary: '#101010'\n")
    specs, problems = load_theme_specs([tmp_path])
    assert [spec.name for spec in specs] == ["멀쩡한"]
    assert [p.path.name for p in problems] == ["a.yaml"]
    assert problems[0].line is not None


def test_missing_primary_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "무채색.yaml", "name: 무채색\naccent: '#202020'\n")
    spec, problems = parse_theme(path)
    assert spec is None
    assert len(problems) == 1
    assert "primary" in problems[0].message
    assert str(problems[0]).startswith(str(path))


def test_unknown_theme_key_and_bad_dark_are_named(tmp_path: Path) -> None:
    path = write(tmp_path / "이상한.yaml", "primary: '#fff'\ndark: 네\nglow: '#000'\n")
    spec, problems = parse_theme(path)
    assert spec is None
    assert sorted((p.line, p.message.split("'")[1]) for p in problems) == [(2, "dark"), (3, "glow")]


def test_later_folder_overrides_theme_of_same_name(tmp_path: Path) -> None:
    first = write(tmp_path / "기본" / "a.yaml", "name: 내 테마\nprimary: '#111111'\n")
    second = write(tmp_path / "사용자" / "b.yaml", "name: 내 테마\nprimary: '#222222'\n")
    write(tmp_path / "기본" / "다른.yml", "name: 다른 테마\nprimary: '#333333'\n")

    specs, problems = load_theme_specs([first.parent, second.parent, tmp_path / "없는 폴더"])

    assert problems == []
    by_name = {spec.name: spec for spec in specs}
    assert sorted(by_name) == ["내 테마", "다른 테마"]
    assert by_name["내 테마"].colours["primary"] == "#222222"
    assert by_name["내 테마"].source == second


def test_user_theme_overrides_a_shipped_theme(tmp_path: Path) -> None:
    user = write(tmp_path / "rehearse-dark.yaml", "name: rehearse-dark\nprimary: '#ff0000'\n")
    specs, problems = load_theme_specs([REPO / "themes", user.parent])
    assert problems == []
    by_name = {spec.name: spec for spec in specs}
    assert sorted(by_name) == list(SHIPPED)
    assert by_name["rehearse-dark"].colours["primary"] == "#ff0000"


def test_bad_theme_does_not_stop_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "좋은.yaml", "name: 좋은\nprimary: '#123'\n")
    bad = write(tmp_path / "나쁜.yaml", "name: 나쁜\nprimary: 초록\n")
    specs, problems = load_theme_specs([tmp_path])
    assert [spec.name for spec in specs] == ["좋은"]
    assert [(p.path, p.line) for p in problems] == [(bad, 2)]


def test_rehearsal_keys_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "target_seconds: 90\nsyllables_per_minute: 300\npacing: rate\n"
        "keymap:\n  prompter.pause: p\nwords_per_minute: fast\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.target_seconds, config.syllables_per_minute, config.pacing) == (
        90,
        300.0,
        "rate",
    )
    assert config.keymap == {"prompter.pause": "p"}
    assert config.words_per_minute == 150.0  # the default stands in
    [problem] = config.problems
    assert problem.line == 6 and "words_per_minute" in problem.message


def test_true_turns_a_timed_switch_on_with_its_default(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.yaml", "# 자동 저장\nautosave: true\nsilence_ends_answer: true\n"
    )
    config = load_config(path)
    assert config.problems == ()
    assert config.autosave == Config().autosave == 1.0
    assert config.silence_ends_answer == Config().silence_ends_answer == 4.0
    off = load_config(write(tmp_path / "off.yaml", "autosave: false\nsilence_ends_answer: false\n"))
    assert (off.autosave, off.silence_ends_answer) == (None, None)
