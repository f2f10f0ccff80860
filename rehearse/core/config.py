"""The user's config file: YAML in the platform config folder, or $REHEARSE_CONFIG.

Unknown keys and values of the wrong type are reported by name and replaced by
their defaults; a broken file never stops the app.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from rehearse.core.yamlfile import YamlProblem, load_mapping

CONFIG_ENV = "REHEARSE_CONFIG"
APP_NAME = "rehearse"
DEFAULT_THEME = "rehearse-dark"


@dataclass(frozen=True)
class Config:
    notes: Path | None = None  # the folder or file opened when no PATH is given
    theme: str = DEFAULT_THEME
    path: Path | None = field(default=None, compare=False)  # where it was read from
    problems: tuple[YamlProblem, ...] = field(default=(), compare=False)


_KEYS: dict[str, type] = {"notes": str, "theme": str}
_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.yaml"


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
        expected = _KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted(_KEYS))
            problems.append(
                YamlProblem(path, lines.get(key), f"unknown key '{key}' (known: {known})")
            )
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(
                YamlProblem(
                    path,
                    lines.get(key),
                    f"'{key}' should be {_TYPE_NAMES[expected]}, not {value!r}; using the default",
                )
            )
        else:
            values[key] = value
    config = Config(path=path, problems=tuple(problems))
    if "notes" in values:
        notes = Path(values["notes"]).expanduser()
        config = replace(config, notes=notes if notes.is_absolute() else path.parent / notes)
    if "theme" in values:
        config = replace(config, theme=values["theme"])
    return config
