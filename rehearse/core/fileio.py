"""Reading notes safely and writing them atomically (GUIDE §3)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rehearse.core.config import data_dir

MAX_NOTE_BYTES = 20 * 1024 * 1024
TEMP_SUFFIX = ".rehearse-tmp"


class NoteTooLarge(OSError):
    def __init__(self, path: Path, size: int) -> None:
        super().__init__(
            f"{size / 1024 / 1024:.1f} MB is over the {MAX_NOTE_BYTES // 2**20} MB limit"
        )
        self.size = size


@dataclass(frozen=True, slots=True)
class Stamp:
    """What says a file is still the one that was read: its inode, size and mtime."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> Stamp:
        return cls(info.st_ino, info.st_size, info.st_mtime_ns)


ABSENT = Stamp(-1, -1, -1)  # expected: no file there yet


class ChangedMeanwhile(OSError):
    """Another program wrote the file after it was read: nothing was written."""

    def __init__(self) -> None:
        super().__init__(errno.EAGAIN, "another program wrote the note meanwhile")


def stamp_now(path: Path) -> Stamp:
    try:
        return Stamp.of(path.stat())
    except FileNotFoundError:
        return ABSENT


def _still(target: Path, expect: Stamp | None) -> None:
    """ChangedMeanwhile unless the target has the `expect`ed stamp (None: no check)."""
    if expect is not None and stamp_now(target) != expect:
        raise ChangedMeanwhile()


SETTLE_STEP = 0.02  # s between two looks at a file that seems half written
SETTLE_QUIET = 0.2  # s it must stay unchanged to be taken as it is
SETTLE_MOST = 2.0  # s a half-written file is waited for, at most


def read_whole(path: Path, known_size: int) -> tuple[bytes, int, Stamp]:
    """read_note_stamped, but a read far shorter than the `known_size` of the note (a
    program that truncates before it writes, or one still writing) waits until the file
    has not changed for SETTLE_QUIET, so no half-written note is taken in."""
    read = read_note_stamped(path)
    waited = quiet = 0.0
    while len(read[0]) * 2 < known_size and quiet < SETTLE_QUIET and waited < SETTLE_MOST:
        time.sleep(SETTLE_STEP)
        waited += SETTLE_STEP
        if stamp_now(path) == read[2]:
            quiet += SETTLE_STEP
        else:
            read, quiet = read_note_stamped(path), 0.0
    return read


def read_note_bytes(path: Path) -> bytes:
    """The file's bytes; NoteTooLarge or OSError when it cannot be read as a note."""
    return read_note_file(path)[0]


def read_note_file(path: Path, limit: int = MAX_NOTE_BYTES) -> tuple[bytes, int]:
    """The file's bytes and permission bits; OSError when it cannot be read as a note."""
    data, mode, _ = read_note_stamped(path, limit)
    return data, mode


def read_note_stamped(path: Path, limit: int = MAX_NOTE_BYTES) -> tuple[bytes, int, Stamp]:
    """The file's bytes, permission bits and stamp (a write `expect`ing it lands only if
    nobody wrote the file since); OSError when it cannot be read as a note.

    Only regular files are opened (a FIFO or a device would block, or never end),
    and then without blocking, in case one is swapped in between the two looks.
    """
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > limit:
            raise NoteTooLarge(path, info.st_size)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NoteTooLarge(path, len(data))
    return data, stat.S_IMODE(info.st_mode), Stamp.of(info)


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
DEFAULT_MODE = 0o666  # less the umask, as any program creating a file would


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(
    path: Path,
    data: bytes,
    before_replace: BeforeReplace | None = None,
    *,
    mode: int | None = None,
    backup_dir: Path | None = None,
    expect: Stamp | None = None,
) -> None:
    """Replace the file at `path` (or its symlink target) with `data`, all or nothing.

    The temp file lives beside the target, is fsynced, takes the target's
    permission bits, owner and group, and is renamed over the target; the
    folder is fsynced after. A file with more than one hard link, or whose
    owner cannot be given back, is written in place after an fsynced backup
    copy (vim's `backupcopy=auto`). A new file gets `mode`, else the default
    bits less the umask. On any failure the target is left as it was. With `expect`,
    ChangedMeanwhile unless the target still has that stamp (ABSENT: no file) at the
    last moment, just before it is replaced or overwritten.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    _still(target, expect)
    if info is not None and info.st_nlink > 1:
        _write_in_place(target, data, backup_dir, expect)
        return
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=directory
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            if not _give_owner(temp, info):
                temp.unlink()
                _write_in_place(target, data, backup_dir, expect)
                return
        else:
            os.chmod(temp, mode if mode is not None else DEFAULT_MODE & ~_umask())
        if before_replace is not None:
            before_replace(temp, target)
        _still(target, expect)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(directory)


def create_file(path: Path, data: bytes = b"") -> None:
    """A new file at `path` holding `data`; FileExistsError when anything is there, even a
    file another program made a moment ago: it never replaces one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DEFAULT_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_directory(path.parent)


def _give_owner(temp: Path, info: os.stat_result) -> bool:
    """Give the temp file the target's owner and group; False when that is not allowed."""
    if (temp.stat().st_uid, temp.stat().st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except PermissionError:
        return False
    return True


def _write_in_place(
    target: Path, data: bytes, backup_dir: Path | None, expect: Stamp | None = None
) -> None:
    """Overwrite the file itself (its inode, links and owner stay), after a backup copy.

    The copy is fsynced before the first byte of the note changes; if the write
    fails half-way the old bytes are put back, and if even that fails the copy is
    left and named in the error.
    """
    old = target.read_bytes()
    folder = backup_dir or _backup_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    backup = folder / f"{target.name}.{os.getpid()}.{time.time_ns()}.bak"
    atomic_write(backup, old, mode=0o600)
    try:
        _still(target, expect)
    except ChangedMeanwhile:
        backup.unlink(missing_ok=True)
        raise
    try:
        _overwrite(target, data)
    except OSError as error:
        try:
            _overwrite(target, old)
        except OSError:
            raise OSError(
                error.errno, f"{error.strerror or error}; the old text is kept in {backup}"
            ) from error
        backup.unlink(missing_ok=True)
        raise
    backup.unlink(missing_ok=True)


def _overwrite(target: Path, data: bytes) -> None:
    with target.open("r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _backup_folder() -> Path:
    return data_dir() / "backups"


def process_started(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux's /proc); None where
    that cannot be told, or for a process that has ended but not been waited for."""
    try:
        line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = line[line.rfind(")") + 1 :].split()  # the name, in (), may hold spaces
    if len(fields) < 20 or fields[0] in ("Z", "X") or not fields[19].isdigit():
        return None
    return int(fields[19])  # field 22 of proc(5); fields[0] is field 3


def process_alive(pid: int, started: int | None = None) -> bool:
    """Whether a process with this id is running (this one included); with `started`
    (process_started of it, when it was recorded), only that very process: an id can
    be given to a new process once the old one is gone."""
    if pid == os.getpid():
        return started is None or started == process_started(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # it exists, and belongs to someone else
    return started is None or started == process_started(pid)


def _owner_alive(temp: Path) -> bool:
    """Temp names carry the writer's pid: `.NAME.PID.RANDOM.rehearse-tmp`."""
    pieces = temp.name.removesuffix(TEMP_SUFFIX).rsplit(".", 2)
    if len(pieces) < 3 or not pieces[1].isdigit():
        return False
    return process_alive(int(pieces[1]))


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
