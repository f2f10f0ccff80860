"""Shared test set-up: the user's own config and themes never leak into a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("default")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point REHEARSE_CONFIG and REHEARSE_DATA at empty folders: the user's files never leak in."""
    folder = tmp_path_factory.mktemp("config")
    path = folder / "config.yaml"
    monkeypatch.setenv("REHEARSE_CONFIG", str(path))
    monkeypatch.setenv("REHEARSE_DATA", str(tmp_path_factory.mktemp("data")))
    return path


def write_note(folder: Path, name: str, text: str | bytes) -> Path:
    """Write a fixture note (bytes as given; text as UTF-8 with the newlines as written)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
