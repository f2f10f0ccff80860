"""Reading notes safely and writing them atomically (GUIDE §3)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_NOTE_BYTES = 20 * 1024 * 1024
TEMP_SUFFIX = ".rehearse-tmp"


class NoteTooLarge(OSError):
    def __init__(self, path: Path, size: int) -> None:
        super().__init__(
            f"{size / 1024 / 1024:.1f} MB is over the {MAX_NOTE_BYTES // 2**20} MB limit"
        )
        self.size = size


def read_note_bytes(path: Path) -> bytes:
    """The file's bytes; NoteTooLarge or OSError when it cannot be read as a note."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if not stat.S_ISREG(mode):  # a FIFO or a device would block, or never end
        raise OSError(errno.EINVAL, "not a regular file")
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_NOTE_BYTES:
            raise NoteTooLarge(path, size)
        data = handle.read(MAX_NOTE_BYTES + 1)
    if len(data) > MAX_NOTE_BYTES:
        raise NoteTooLarge(path, len(data))
    return data


def describe_os_error(error: OSError) -> str:
    """A short reason for the user, without the path (the caller shows it)."""
    if isinstance(error, NoteTooLarge):
        return f"too large ({error})"
    if error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# Called just before the rename; tests use it to kill the process at the worst moment.
BeforeReplace = Callable[[Path, Path], None]


def atomic_write(path: Path, data: bytes, before_replace: BeforeReplace | None = None) -> None:
    """Replace the file at `path` (or its symlink target) with `data`, all or nothing.

    The temp file lives beside the target, is fsynced, takes the target's
    permission bits, and is renamed over the target; the folder is fsynced
    after. On any failure the temp file is removed and the target untouched.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=directory
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if before_replace is not None:
            before_replace(temp, target)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(directory)


def _owner_alive(temp: Path) -> bool:
    """Temp names carry the writer's pid: `.NAME.PID.RANDOM.rehearse-tmp`."""
    pieces = temp.name.removesuffix(TEMP_SUFFIX).rsplit(".", 2)
    if len(pieces) < 3 or not pieces[1].isdigit():
        return False
    pid = int(pieces[1])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temp_files(folder: Path, note_name: str | None = None) -> list[Path]:
    """Delete temp files left by a rehearse that died mid-save (never another's live one).

    With `note_name`, only that note's temp files in `folder` itself are looked at.
    """
    removed: list[Path] = []
    prefix = f".{note_name}." if note_name else "."
    for current, subfolders, files in os.walk(folder):
        subfolders[:] = [] if note_name else [n for n in subfolders if not n.startswith(".")]
        for name in files:
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
                temp = Path(current, name)
                if not _owner_alive(temp):
                    with contextlib.suppress(OSError):
                        temp.unlink()
                        removed.append(temp)
    return removed
