"""The user's config file: YAML in the platform config folder, or $REHEARSE_CONFIG.

Unknown keys and values of the wrong type are reported by name and replaced by
their defaults; a broken file never stops the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from rehearse.core.glossary import GROUP_LIMITS, Glossary, group_names
from rehearse.core.questions import DEFAULT_IGNORE, QuestionRules
from rehearse.core.speech import SpeakingRates
from rehearse.core.yamlfile import YamlProblem, load_mapping, shown

CONFIG_ENV = "REHEARSE_CONFIG"
DATA_ENV = "REHEARSE_DATA"
APP_NAME = "rehearse"
DEFAULT_THEME = "rehearse-dark"
MAX_SYNONYM_GROUPS = 2000


@dataclass(frozen=True)
class Config:
    notes: tuple[Path, ...] = ()  # the folders or files opened when no PATH is given
    theme: str = DEFAULT_THEME
    autosave: float | None = 1.0  # seconds of pause before saving; None: off
    target_seconds: int = 60  # the teleprompter's clock
    target_presets: tuple[int, ...] = ()  # more targets for `t` to cycle through, besides 60 and 90
    syllables_per_minute: float = 270.0  # Korean speaking rate, for estimates and pacing
    words_per_minute: float = 150.0  # Latin-script speaking rate
    pacing: str = "fit"  # "fit": the text ends with the clock; "rate": at the speaking rate
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    thinking_seconds: int = 5  # mock interview: time with the question alone; 0 skips it
    speak_questions: bool = False  # mock interview: read questions aloud with espeak-ng
    ignore: tuple[str, ...] = DEFAULT_IGNORE  # heading patterns that are not questions
    voice: bool = False  # listen from the start of every rehearsal (else `v` turns it on)
    silence_ends_answer: float | None = 4.0  # mock interview: seconds of silence after speech
    record: bool = False  # keep each voiced rehearsal as a WAV in the data folder
    recordings_max_mb: int = 500  # the recordings' total size; the oldest go first
    synonyms: tuple[tuple[str, ...], ...] = ()  # search: names of one term, beside the glossary
    tree_width: str | None = None  # the tree's width: columns ("40") or a share ("35%")
    path: Path | None = field(default=None, compare=False)  # where it was read from
    problems: tuple[YamlProblem, ...] = field(default=(), compare=False)


def _string(value: Any) -> tuple[bool, Any]:
    return isinstance(value, str), value


def _paths(value: Any) -> tuple[bool, Any]:
    items = [value] if isinstance(value, str) else value
    ok = isinstance(items, list) and 0 < len(items) <= 100
    ok = ok and all(isinstance(item, str) and item.strip() for item in items)
    return ok, tuple(items) if ok else None


def parse_width(value: str) -> tuple[int, bool] | None:
    """`40` (columns, 16-400) or `35%` (of the screen, 10-90): (amount, is a share)."""
    text = value.strip()
    share = text.endswith("%")
    try:
        amount = int(text.removesuffix("%"))
    except ValueError:
        return None
    low, high = (10, 90) if share else (16, 400)
    return (amount, share) if low <= amount <= high else None


def _width(value: Any) -> tuple[bool, Any]:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    ok = isinstance(text, str) and parse_width(text) is not None
    return ok, text.strip() if ok else None


def _autosave(value: Any) -> tuple[bool, Any]:
    if value is True:
        return True, Config.autosave
    if value is False or value == 0:
        return True, None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 3600:
        return True, float(value)
    return False, None


def _seconds(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, int) and not isinstance(value, bool) and 10 <= value <= 600
    return ok, value


def _presets(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, list) and all(_seconds(item)[0] for item in value)
    return ok, tuple(value) if ok else None


def _rate(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 30 <= value <= 1000
    return ok, float(value) if ok else None


def _pacing(value: Any) -> tuple[bool, Any]:
    return value in ("fit", "rate"), value


def _thinking(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 120
    return ok, value


def _switch(value: Any) -> tuple[bool, Any]:
    return isinstance(value, bool), value


def _patterns(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)
    return ok, tuple(value) if ok else None


def _silence(value: Any) -> tuple[bool, Any]:
    if value is True:
        return True, Config.silence_ends_answer
    if value is False or value == 0:
        return True, None
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 60
    return ok, float(value) if ok else None


def _megabytes(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100_000
    return ok, value


def _keymap(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    )
    return ok, dict(value) if ok else None


def _synonyms(value: Any) -> tuple[bool, Any]:
    """The shape only (a list of lists); each group is checked by `synonym_groups`."""
    ok = isinstance(value, list) and (not value or any(isinstance(g, list) for g in value))
    return ok, value


def synonym_groups(value: list[Any]) -> tuple[tuple[tuple[str, ...], ...], list[tuple[int, str]]]:
    """The good groups of `synonyms:`, and (index, reason) for each bad one: one bad group
    costs only itself. A group with names of two terms (the glossary's, or groups above
    it) is bad too: it would make them one."""
    groups: list[tuple[str, ...]] = []
    numbers: list[int] = []
    bad: list[tuple[int, str]] = []
    for number, entry in enumerate(value):
        if number == MAX_SYNONYM_GROUPS:
            bad.append((number, f"more than {MAX_SYNONYM_GROUPS} groups; the rest are left out"))
            break
        try:
            groups.append(tuple(group_names(entry)))
            numbers.append(number)
        except ValueError as error:
            bad.append((number, f"{error}; a group is {GROUP_LIMITS}, e.g. [회고, retro]"))
    refused = Glossary.shipped().with_synonyms(groups).refused if groups else ()
    for place, names in refused:
        listed = " and ".join(names)
        reason = f"{listed} belong to {len(names)} different terms; a group joins one term only"
        bad.append((numbers[place], reason))
    bad.sort()
    left_out = {place for place, _ in refused}
    kept = tuple(group for place, group in enumerate(groups) if place not in left_out)
    return kept, bad


# Each key: how to check and convert its value, and what to call the expected type.
_KEYS: dict[str, tuple[Callable[[Any], tuple[bool, Any]], str]] = {
    "notes": (_paths, "a path, or a list of paths"),
    "theme": (_string, "a theme name"),
    "autosave": (_autosave, "seconds (0.1-3600), true or false"),
    "target_seconds": (_seconds, "whole seconds (10-600)"),
    "target_presets": (_presets, "a list of whole seconds (10-600)"),
    "syllables_per_minute": (_rate, "a number of syllables a minute (30-1000)"),
    "words_per_minute": (_rate, "a number of words a minute (30-1000)"),
    "pacing": (_pacing, "'fit' or 'rate'"),
    "keymap": (_keymap, "a mapping of binding ids to keys, e.g. prompter.pause: p"),
    "thinking_seconds": (_thinking, "whole seconds (0-120)"),
    "speak_questions": (_switch, "true or false"),
    "ignore": (_patterns, "a list of heading patterns, e.g. [참고 자료, 'Reference*']"),
    "voice": (_switch, "true or false"),
    "silence_ends_answer": (_silence, "seconds (1-60), true or false"),
    "record": (_switch, "true or false"),
    "recordings_max_mb": (_megabytes, "whole megabytes (1-100000)"),
    "synonyms": (_synonyms, f"a list of lists of {GROUP_LIMITS}, e.g. [[회고, retro]]"),
    "tree_width": (_width, "columns (16-400) or a share of the screen (10%-90%)"),
}


def speaking_rates(config: Config) -> SpeakingRates:
    return SpeakingRates(config.syllables_per_minute, config.words_per_minute)


def question_rules(config: Config) -> QuestionRules:
    return QuestionRules(config.ignore)


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.yaml"


def data_dir() -> Path:
    """Where rehearse keeps its own files (the recovery journal); $REHEARSE_DATA overrides."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME)


def user_themes_dir(config_file: Path | None = None) -> Path:
    """The user's own themes: a `themes` folder beside the config file."""
    return (config_file or config_path()).parent / "themes"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config(path=path)
    data, lines, problems = load_mapping(path)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            problems.append(
                YamlProblem(path, lines.get(key), f"unknown key '{key}' (known: {known})")
            )
            continue
        check, expected = _KEYS[key]
        ok, converted = check(value)
        if ok and key == "synonyms":
            converted, bad = synonym_groups(converted)
            for number, reason in bad:
                line = lines.get(f"{key}.{number}", lines.get(key))
                problems.append(YamlProblem(path, line, f"'{key}' group {number + 1}: {reason}"))
        if ok:
            values[key] = converted
        else:
            problems.append(
                YamlProblem(
                    path,
                    lines.get(key),
                    f"'{key}' should be {expected}, not {shown(value)}; using the default",
                )
            )
    if "notes" in values:
        notes = [Path(item).expanduser() for item in values["notes"]]
        values["notes"] = tuple(n if n.is_absolute() else path.parent / n for n in notes)
    return Config(path=path, problems=tuple(problems), **values)
