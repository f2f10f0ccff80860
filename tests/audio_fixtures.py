"""Speech recordings with a known truth, made at test time with espeak-ng and sox.

Each fixture is a lead-in silence, then spoken sentences with silences of chosen
lengths between them, then a tail. Each sentence is spoken by espeak-ng and
trimmed of its own leading and trailing silence, so where speech starts, how long
each pause lasts and how long the voice talks are known by construction. Noise
(white, or keyboard-like clicks) is mixed over the whole file.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

RATE = 16000
KOREAN = (
    "안녕하세요 저는 백엔드 개발자 김하늘입니다",
    "삼 년 동안 결제 시스템을 만들었습니다",
    "대규모 트래픽을 다루는 일이 즐겁습니다",
    "앞으로 더 많이 배우고 싶습니다",
)
ENGLISH = (
    "Hello I am a backend developer",
    "I built payment systems for three years",
    "I enjoy working with heavy traffic",
    "I want to keep learning every day",
)
# White noise volumes: about 10 dB below espeak-ng's speech (RMS 0.1 against 0.03), and
# 5 dB below it (a loud fan right beside the microphone; the benchmark's extra case).
WHITE_VOLUME = {"white": "0.1", "white-5db": "0.18"}
NOISES = ("clean", "white", "clicks")
TOOLS = ("espeak-ng", "sox", "soxi")


@dataclass(frozen=True)
class Truth:
    lead_in_s: float
    speech_s: tuple[float, ...]  # each sentence's length
    pauses_s: tuple[float, ...]  # the silences between sentences
    tail_s: float

    @property
    def talk_s(self) -> float:
        return sum(self.speech_s)

    @property
    def duration_s(self) -> float:
        return self.lead_in_s + self.talk_s + sum(self.pauses_s) + self.tail_s

    @property
    def pause_starts_s(self) -> tuple[float, ...]:
        starts, at = [], self.lead_in_s
        for speech, pause in zip(self.speech_s, self.pauses_s, strict=False):
            at += speech
            starts.append(at)
            at += pause
        return tuple(starts)


@dataclass(frozen=True)
class Fixture:
    path: Path
    truth: Truth
    sentences: tuple[str, ...]
    noise: str


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(*command: str | Path) -> str:
    if command[0] == "sox":  # -R: the same noise every run
        command = ("sox", "-R", *command[1:])
    return subprocess.run(
        [str(part) for part in command], check=True, capture_output=True, text=True
    ).stdout


def _seconds(path: Path) -> float:
    return float(_run("soxi", "-D", path))


def _silence(path: Path, seconds: float) -> Path:
    _run("sox", "-n", "-r", str(RATE), "-b", "16", "-c", "1", path, "trim", "0", f"{seconds:.3f}")
    return path


def _spoken(text: str, voice: str, path: Path) -> float:
    raw = path.with_suffix(".raw.wav")
    _run("espeak-ng", "-v", voice, "-w", raw, text)
    # Trim espeak's own silence at both ends, so the sentence is speech from end to end.
    trim = ("silence", "1", "0.01", "0.5%")
    form = ("-r", str(RATE), "-b", "16", "-c", "1")
    _run("sox", raw, *form, path, *trim, "reverse", *trim, "reverse")
    return _seconds(path)


def _noise(kind: str, seconds: float, folder: Path) -> Path:
    path = folder / f"noise-{kind}.wav"
    form = ("-r", str(RATE), "-b", "16", "-c", "1")
    if kind in WHITE_VOLUME:
        volume = WHITE_VOLUME[kind]
        _run("sox", "-n", *form, path, "synth", f"{seconds:.3f}", "whitenoise", "vol", volume)
    elif kind == "clicks":
        # A key press every ~0.17 s: a 4 ms burst, loud, then quiet.
        click = folder / "click.wav"
        _run(
            "sox", "-n", *form, click, "synth", "0.004", "whitenoise", "vol", "0.5",
            "fade", "0", "0.004", "0.003", "pad", "0", "0.166",
        )  # fmt: skip
        repeats = int(seconds / 0.17) + 1
        _run("sox", click, path, "repeat", str(repeats), "trim", "0", f"{seconds:.3f}")
    else:
        raise ValueError(f"unknown noise: {kind}")
    return path


def noise_only(folder: Path, kind: str, seconds: float = 4.0) -> Path:
    """A recording of nothing but `kind` noise: no speech at all."""
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / f"noise-only-{kind}"
    work.mkdir(exist_ok=True)
    path = folder / f"noise-only-{kind}.wav"
    shutil.copyfile(_noise(kind, seconds, work), path)
    return path


def build(
    folder: Path,
    *,
    language: str = "ko",
    noise: str = "clean",
    lead_in_s: float = 1.2,
    pauses_s: tuple[float, ...] = (0.8, 2.0),
    tail_s: float = 0.6,
    name: str | None = None,
) -> Fixture:
    """A WAV of len(pauses_s) + 1 sentences in `language`, the truth beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences = (KOREAN if language == "ko" else ENGLISH)[: len(pauses_s) + 1]
    work = folder / f"parts-{language}-{noise}-{name or 'x'}"
    work.mkdir(exist_ok=True)
    parts: list[Path] = [_silence(work / "lead.wav", lead_in_s)]
    lengths = []
    for number, text in enumerate(sentences):
        clip = work / f"s{number}.wav"
        lengths.append(_spoken(text, language, clip))
        parts.append(clip)
        if number < len(pauses_s):
            parts.append(_silence(work / f"p{number}.wav", pauses_s[number]))
    parts.append(_silence(work / "tail.wav", tail_s))
    speech = work / "speech.wav"
    _run("sox", *parts, speech)
    path = folder / f"{name or f'{language}-{noise}'}.wav"
    if noise == "clean":
        shutil.copyfile(speech, path)
    else:
        noise_path = _noise(noise, _seconds(speech), work)
        _run("sox", "-m", speech, noise_path, path)
    truth = Truth(lead_in_s, tuple(lengths), pauses_s, tail_s)
    return Fixture(path, truth, sentences, noise)
