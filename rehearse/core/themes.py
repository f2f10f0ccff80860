"""Theme specs read from YAML files, validated without Textual (the UI builds the themes).

Follows posting's themes.py: every file is tried, failures are collected with
the file and line, and the good themes are used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rehearse.core.yamlfile import YamlProblem, load_mapping, shown

COLOUR_KEYS = (
    "primary", "secondary", "accent", "foreground", "background",
    "surface", "panel", "boost", "warning", "error", "success",
)  # fmt: skip
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\Z")
_FUNCTION = re.compile(r"(?:rgb|rgba|hsl|hsla)\([^()]*\)\Z")


@dataclass(frozen=True)
class ThemeSpec:
    name: str
    dark: bool
    colours: dict[str, str]  # keys from COLOUR_KEYS; primary is always present
    variables: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    variable_lines: dict[str, int] = field(default_factory=dict)  # for messages: file:line


def is_colour(value: str) -> bool:
    return bool(_HEX.match(value) or _FUNCTION.match(value.replace(" ", "")))


Report = Callable[[str | None, str], None]  # (key, message)


def parse_theme(path: Path) -> tuple[ThemeSpec | None, list[YamlProblem]]:
    data, lines, problems = load_mapping(path)
    if problems:
        return None, problems

    def problem(key: str | None, message: str) -> None:
        problems.append(YamlProblem(path, lines.get(key, 1) if key else 1, message))

    for key in data:
        if key not in {"name", "dark", "variables", *COLOUR_KEYS}:
            problem(key, f"unknown key '{key}'")
    name = _name(data.get("name", path.stem), problem)
    dark = _dark(data.get("dark", True), problem)
    colours = _colours(data, problem)
    variables = _variables(data.get("variables") or {}, problem)
    if problems or name is None or dark is None:
        return None, problems
    spec = ThemeSpec(
        name=name,
        dark=dark,
        colours=colours,
        variables=variables,
        source=path,
        variable_lines={k: lines[f"variables.{k}"] for k in variables if f"variables.{k}" in lines},
    )
    return spec, []


def _name(value: Any, problem: Report) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    problem("name", "'name' should be a non-empty string")
    return None


def _dark(value: Any, problem: Report) -> bool | None:
    if isinstance(value, bool):
        return value
    problem("dark", "'dark' should be true or false")
    return None


def _colours(data: dict[str, Any], problem: Report) -> dict[str, str]:
    colours: dict[str, str] = {}
    for key in COLOUR_KEYS:
        value: Any = data.get(key)
        if value is None:
            continue
        if isinstance(value, str) and is_colour(value.strip()):
            colours[key] = value.strip()
        else:
            problem(key, f"'{key}' is not a colour: {shown(value)} (use #rrggbb)")
    if "primary" not in colours and "primary" not in data:
        problem(None, "a theme needs at least a 'primary' colour")
    return colours


def _variables(value: Any, problem: Report) -> dict[str, str]:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str | int | float) for k, v in value.items()
    ):
        return {str(k): str(v) for k, v in value.items()}
    problem("variables", "'variables' should map names to values")
    return {}


def load_theme_specs(folders: list[Path]) -> tuple[list[ThemeSpec], list[YamlProblem]]:
    """Every theme in `folders` (later folders override earlier ones by name)."""
    specs: dict[str, ThemeSpec] = {}
    problems: list[YamlProblem] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            spec, found = parse_theme(path)
            problems.extend(found)
            if spec is not None:
                specs[spec.name] = spec
    return list(specs.values()), problems
