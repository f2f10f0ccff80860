"""The notes watcher sees every way another program writes a note, again and again.

Each test runs the real `NotesWatcher` in a daemon thread and collects its
callbacks in a queue. Arrival of a callback is the only readiness signal:
before the first real write the test writes a probe note until the watcher
reports it (the watch is armed), and before each write it writes a "barrier"
note and waits for that, so every event of the previous step has already
been delivered and cannot be mistaken for the next one.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rehearse.core.watcher import NotesWatcher
from tests.conftest import write_note

EVENT_TIMEOUT = 10.0  # seconds to wait for one callback: a bound, not a pace
PROBE_INTERVAL = 0.2  # how long one probe write waits for its event before writing again

Event = tuple[set[Path], bool]

NOTE = "## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n## 카프카란?\n분산 로그입니다.\n"


def version(step: int) -> bytes:
    """A distinct Korean version of the note for each step."""
    return (
        f"## 자기소개\n안녕하세요, {step}번째로 고친 답변입니다.\n"
        f"## 카프카란?\n파티션 {step}개로 나눈 분산 로그입니다.\n"
    ).encode()


@dataclass
class Harness:
    root: Path
    only: Path | None = None
    force_polling: bool = False
    events: queue.Queue[Event] = field(default_factory=queue.Queue)
    notices: list[str] = field(default_factory=list)
    seen: list[Event] = field(default_factory=list)  # every event taken from the queue
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    _barriers: int = 0

    def start(self) -> None:
        watcher = NotesWatcher(
            self.root,
            lambda paths, rescan: self.events.put((set(paths), rescan)),
            self.notices.append,
            only=self.only,
            force_polling=self.force_polling,
        )
        self.thread = threading.Thread(target=watcher.run, args=(self.stop,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=EVENT_TIMEOUT)
            assert not self.thread.is_alive(), "the watcher did not stop when asked"

    def next_event(self, timeout: float = EVENT_TIMEOUT) -> Event:
        event = self.events.get(timeout=timeout)
        self.seen.append(event)
        return event

    def wait_for(self, wanted: Callable[[Event], bool], what: str) -> Event:
        """Take events until one is `wanted`; fail after EVENT_TIMEOUT without one."""
        deadline = time.monotonic() + EVENT_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            try:
                event = self.next_event(timeout=max(left, 0.001))
            except queue.Empty:
                pytest.fail(f"no event for {what} within {EVENT_TIMEOUT} s; saw {self.seen}")
            if wanted(event):
                return event

    def wait_for_path(self, path: Path) -> Event:
        return self.wait_for(lambda event: path in event[0], str(path))

    def arm(self, probe: Path, context: str = "") -> None:
        """Write `probe` until the watcher reports it: from then on it is watching."""
        deadline = time.monotonic() + EVENT_TIMEOUT
        step = 0
        while time.monotonic() < deadline:
            step += 1
            probe.write_text(f"## 탐침\n{step}번째 확인입니다.\n", encoding="utf-8")
            try:
                while True:
                    event = self.next_event(timeout=PROBE_INTERVAL)
                    if probe in event[0]:
                        return
            except queue.Empty:
                continue
        pytest.fail(f"the watcher never reported the probe {probe} {context}; saw {self.seen}")

    def barrier(self) -> None:
        """Every event caused before this call has been taken from the queue when it returns."""
        self._barriers += 1
        path = write_note(self.root, f"장벽-{self._barriers}.md", f"## 장벽\n{self._barriers}\n")
        self.wait_for_path(path)


@pytest.fixture
def watch_folder(tmp_path: Path) -> Iterator[Callable[..., Harness]]:
    made: list[Harness] = []

    def start(
        root: Path | None = None, *, only: Path | None = None, force_polling: bool = False
    ) -> Harness:
        folder = root or tmp_path / "노트"
        folder.mkdir(parents=True, exist_ok=True)
        harness = Harness(folder, only=only, force_polling=force_polling)
        made.append(harness)
        harness.start()
        if only is None:
            harness.arm(folder / "탐침.md")
        return harness

    yield start
    for harness in made:
        harness.close()


# --- the ways other programs write a note ---------------------------------------------------


def write_in_place(path: Path, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(0)
        handle.truncate()
        handle.write(data)


def write_atomic_rename(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.옵시디언-tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def write_like_vim(path: Path, data: bytes) -> None:
    """vim with backupcopy=no: rename the original to a backup, write anew, drop the backup."""
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_bytes(data)
    backup.unlink()


def write_with_sed(path: Path, data: bytes) -> None:
    """GNU `sed -i` (a temp file in the same folder renamed over the note)."""
    step = int(data.decode("utf-8").split("번째")[0].rsplit(" ", 1)[1])
    assert path.read_bytes() != data
    subprocess.run(
        ["sed", "-i", "-E", f"s/[0-9]+(번째|개)/{step}\\1/g", str(path)], check=True, timeout=10
    )
    assert path.read_bytes() == data


WAYS: dict[str, Callable[[Path, bytes], None]] = {
    "in-place r+ truncate": write_in_place,
    "atomic rename": write_atomic_rename,
    "vim backupcopy=no": write_like_vim,
    "sed -i": write_with_sed,
}


@pytest.mark.parametrize("way", list(WAYS))
def test_every_repeated_write_is_reported(watch_folder: Callable[..., Harness], way: str) -> None:
    harness = watch_folder()
    path = write_note(harness.root, "면접.md", version(0))
    harness.wait_for_path(path)
    inodes = {path.stat().st_ino}

    for step in range(1, 5):
        harness.barrier()
        WAYS[way](path, version(step))
        harness.wait_for_path(path)
        assert path.read_bytes() == version(step)
        inodes.add(path.stat().st_ino)

    if way != "in-place r+ truncate":
        assert len(inodes) > 1  # the inode was replaced, and later writes were still seen
    assert harness.notices == []


def git(folder: Path, *args: str) -> None:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "테스트",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "테스트",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    subprocess.run(
        ["git", *args], cwd=folder, env=environment, check=True, capture_output=True, timeout=20
    )


def test_git_checkout_of_a_file_is_reported_each_time(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder()
    path = write_note(harness.root, "면접.md", NOTE)
    git(harness.root, "init", "-q")
    git(harness.root, "add", "면접.md")
    git(harness.root, "commit", "-q", "-m", "처음")
    harness.wait_for_path(path)

    for step in range(1, 4):
        harness.barrier()
        path.write_bytes(version(step))
        harness.wait_for_path(path)
        harness.barrier()
        git(harness.root, "checkout", "--", "면접.md")
        harness.wait_for_path(path)
        assert path.read_bytes() == NOTE.encode()
    # Nothing inside .git is ever reported.
    assert all(".git" not in p.parts for paths, _ in harness.seen for p in paths)


def test_new_and_deleted_notes_are_reported_each_time(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder()
    path = harness.root / "새 노트.md"
    for step in range(1, 4):
        harness.barrier()
        path.write_bytes(version(step))
        harness.wait_for_path(path)
        harness.barrier()
        path.unlink()
        harness.wait_for_path(path)
        assert not path.exists()


def test_a_new_sub_folder_with_a_note_is_reported_and_then_watched(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder()
    sub = harness.root / "기술" / "심화"
    note = sub / "카프카.md"
    harness.barrier()
    sub.mkdir(parents=True)
    note.write_bytes(version(0))

    # Either the note itself, or the new folder with a request to rescan it.
    paths, rescan = harness.wait_for(
        lambda event: note in event[0] or (event[1] and bool(event[0] & {sub, sub.parent})),
        "the new sub-folder",
    )
    assert note in paths or rescan

    for step in range(1, 4):  # and the new folder is watched from now on
        harness.barrier()
        write_atomic_rename(note, version(step))
        harness.wait_for_path(note)


def test_hidden_folders_and_temp_files_are_not_reported(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder()
    obsidian = harness.root / ".obsidian"
    obsidian.mkdir()
    harness.barrier()
    write_note(obsidian, "workspace.md", "## 작업 공간\n")
    write_note(harness.root, ".면접.md.123.abc.rehearse-tmp", "## 임시\n")
    harness.barrier()
    reported = {p for paths, _ in harness.seen for p in paths}
    assert obsidian / "workspace.md" not in reported
    assert harness.root / ".면접.md.123.abc.rehearse-tmp" not in reported


# --- the folder itself goes away --------------------------------------------------------------


def rescan_signal(event: Event) -> bool:
    return event == (set(), True)


def test_folder_removed_then_recreated_is_watched_again(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder()
    write_note(harness.root, "면접.md", NOTE)
    harness.barrier()

    shutil.rmtree(harness.root)
    harness.wait_for(rescan_signal, "the folder going away")
    harness.root.mkdir()

    harness.arm(harness.root / "탐침.md")
    path = write_note(harness.root, "면접.md", NOTE)
    harness.wait_for_path(path)
    for step in range(1, 3):
        harness.barrier()
        write_atomic_rename(path, version(step))
        harness.wait_for_path(path)


def test_folder_replaced_at_once_is_watched_again(
    watch_folder: Callable[..., Harness],
) -> None:
    """rm -rf then mkdir with no pause between, as a sync tool or a branch switch does.

    Done a few times in a row: the new folder often gets the old one's inode number.
    """
    harness = watch_folder()
    for round_ in range(1, 7):
        write_note(harness.root, "면접.md", NOTE)
        harness.barrier()
        old_inode = harness.root.stat().st_ino

        shutil.rmtree(harness.root)
        harness.root.mkdir()
        reused = harness.root.stat().st_ino == old_inode
        harness.wait_for(lambda event: event[1], "a rescan after the folder was replaced")

        harness.arm(
            harness.root / "탐침.md",
            f"after replacing the folder (round {round_}, inode number reused: {reused})",
        )
        path = write_note(harness.root, "면접.md", NOTE)
        harness.wait_for_path(path)
        harness.barrier()
        write_in_place(path, version(round_))
        harness.wait_for_path(path)


# --- single-file mode and polling ------------------------------------------------------------


def test_single_file_mode_reports_only_that_file(
    watch_folder: Callable[..., Harness], tmp_path: Path
) -> None:
    folder = tmp_path / "노트"
    target = write_note(folder, "면접.md", NOTE)
    other = write_note(folder, "다른 노트.md", NOTE)
    harness = watch_folder(folder, only=target)
    harness.arm(target)

    for step in range(1, 4):
        # The other note changes first, so its events (if any were reported) arrive no later.
        write_atomic_rename(other, version(step))
        write_note(folder, f"새 노트-{step}.md", NOTE)
        write_atomic_rename(target, version(step))
        harness.wait_for_path(target)

    reported = {p for paths, _ in harness.seen for p in paths}
    assert reported == {target}


def test_force_polling_reports_new_changed_and_deleted_notes(
    watch_folder: Callable[..., Harness],
) -> None:
    harness = watch_folder(force_polling=True)
    path = harness.root / "폴링.md"
    harness.barrier()
    path.write_bytes(version(1))
    harness.wait_for_path(path)
    for step in range(2, 4):
        harness.barrier()
        before = path.stat().st_mtime_ns
        write_in_place(path, version(step) + "덧붙인 줄\n".encode())
        # A save a few seconds after the last one (set, so the test need not wait for it).
        later = before + (step * 3) * 1_000_000_000
        os.utime(path, ns=(later, later))
        harness.wait_for_path(path)
    harness.barrier()
    path.unlink()
    harness.wait_for_path(path)
    assert harness.notices == []


def test_force_polling_reports_a_second_save_within_the_same_second(
    watch_folder: Callable[..., Harness],
) -> None:
    """Two saves less than a second apart (an editor's autosave, then ctrl+s).

    The mtimes are set so both saves fall in one wall-clock second for certain;
    the content and the size differ. The polling fallback must still report it.
    """
    harness = watch_folder(force_polling=True)
    path = harness.root / "폴링.md"
    second = (time.time_ns() // 1_000_000_000) * 1_000_000_000
    harness.barrier()
    path.write_bytes(version(1))
    os.utime(path, ns=(second + 100_000_000, second + 100_000_000))
    harness.wait_for_path(path)
    harness.barrier()
    write_in_place(path, version(2) + "두 번째 저장에서 덧붙인 줄\n".encode())
    os.utime(path, ns=(second + 600_000_000, second + 600_000_000))
    harness.wait_for_path(path)
