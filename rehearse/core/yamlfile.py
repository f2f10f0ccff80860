"""Reading small YAML files (config, themes) with errors that name file:line:column.

Bounded, because these are hand-written settings, not data: a size limit, no
aliases (a "billion laughs" file expands to gigabytes), a nesting limit (500
brackets otherwise overflow the parser's recursion), and only regular files.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16
SHOWN_VALUE = 60  # characters of a bad value quoted back in a message


@dataclass(frozen=True, slots=True)
class YamlProblem:
    path: Path
    line: int | None  # 1-based
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def shown(value: Any) -> str:
    """A value quoted back to the user, cut short: a bad value may be huge."""
    text = repr(value)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and deep nesting as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed here", mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _read_small(path: Path) -> str:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if info.st_size > MAX_BYTES:
        raise OSError(errno.EFBIG, f"larger than {MAX_BYTES // 1024} KB")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(errno.EFBIG, f"larger than {MAX_BYTES // 1024} KB")
    return data.decode("utf-8")


def load_mapping(path: Path) -> tuple[dict[str, Any], dict[str, int], list[YamlProblem]]:
    """The top-level mapping of a YAML file, the line of each key, and what went wrong.

    Lines are given for the top-level keys (`theme`), for the keys one level below
    them (`variables.border`) and for the items of a top-level list (`synonyms.0`).
    """
    try:
        source = _read_small(path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return {}, {}, [YamlProblem(path, None, f"cannot read: {reason}")]
    loader = _BoundedLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        problem = (error.problem or error.context or "invalid YAML").strip()
        return {}, {}, [YamlProblem(path, line, f"{problem}{column}")]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as error:
        return {}, {}, [YamlProblem(path, None, str(error)[:200])]
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, {}, [YamlProblem(path, 1, "expected a mapping of keys to values")]
    return {str(k): v for k, v in data.items()}, _key_lines(node), []


def _key_lines(node: yaml.MappingNode) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                if isinstance(inner, yaml.ScalarNode):
                    lines[f"{key.value}.{inner.value}"] = inner.start_mark.line + 1
        elif isinstance(value, yaml.SequenceNode):
            for number, item in enumerate(value.value):
                lines[f"{key.value}.{number}"] = item.start_mark.line + 1
    return lines


def safe_mapping(source: str) -> dict[str, Any] | None:
    """The top-level mapping of YAML text found in a note (front matter), with the same
    limits as the settings files; None when it is not a mapping or not valid YAML."""
    if len(source) > MAX_BYTES:
        return None
    loader = _BoundedLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else None
