"""Reading small YAML files (config, themes) with errors that name file:line:column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class YamlProblem:
    path: Path
    line: int | None  # 1-based
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def load_mapping(path: Path) -> tuple[dict[str, Any], dict[str, int], list[YamlProblem]]:
    """The top-level mapping of a YAML file, the line of each key, and what went wrong."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return {}, {}, [YamlProblem(path, None, f"cannot read: {reason}")]
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        problem = (error.problem or error.context or "invalid YAML").strip()
        return {}, {}, [YamlProblem(path, line, f"{problem}{column}")]
    except yaml.YAMLError as error:
        return {}, {}, [YamlProblem(path, None, str(error))]
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, {}, [YamlProblem(path, 1, "expected a mapping of keys to values")]
    lines = {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(k): v for k, v in data.items()}, lines, []
