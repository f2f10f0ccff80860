"""The command behind `e`: the user's own editor, opened at the question's line.

`$VISUAL`, else `$EDITOR`, else `vi`; the variable may hold arguments
(`EDITOR="code -w"`), split the way a shell would. Editors that take `+LINE`
get it before the file; VS Code gets `--goto FILE:LINE`; any other editor
just gets the file.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

FALLBACK = "vi"
PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "nano", "emacs", "emacsclient", "micro", "hx", "helix", "kak"}
)
GOTO = frozenset({"code", "code-insiders", "codium"})


class EditorError(ValueError):
    """The editor variable cannot be used; the message is for the user."""


def editor_command(path: Path, line: int, env: Mapping[str, str] | None = None) -> list[str]:
    """The argv that opens `path` at 1-based `line` in the user's editor."""
    env = os.environ if env is None else env
    name, value = next(
        ((key, env[key]) for key in ("VISUAL", "EDITOR") if env.get(key, "").strip()),
        ("", FALLBACK),
    )
    try:
        argv = shlex.split(value)
    except ValueError as error:
        raise EditorError(f"${name} cannot be read as a command ({error}): {value}") from None
    if not argv or not argv[0]:
        raise EditorError(f"${name} names no program: {value!r}")
    program = Path(argv[0]).name.lower().removesuffix(".exe")
    line = max(1, line)
    if program in PLUS_LINE:
        return [*argv, f"+{line}", str(path)]
    if program in GOTO:
        return [*argv, "--goto", f"{path}:{line}"]
    return [*argv, str(path)]


def program_path(program: str, search: str | None = None) -> str:
    """Where `program` is (found on $PATH, or as given when it holds a slash);
    FileNotFoundError when there is no such program, PermissionError when the file is
    there but cannot be run."""
    found = shutil.which(program, path=search)
    if found is None:
        if os.sep in program and os.path.isfile(program):
            raise PermissionError(errno.EACCES, "not a program (it is not executable)", program)
        raise FileNotFoundError(errno.ENOENT, "no such program", program)
    return found
