"""The wheel carries the shipped themes and sample answers, and rehearse finds them there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [wheel] = out.glob("rehearse-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "rehearse/_data/themes/rehearse-high-contrast.yaml" in names
    assert any(n.startswith("rehearse/_data/answers/") and n.endswith(".md") for n in names)
    # Both stylesheets: the app's, and the rehearsal screens' beside it.
    assert {"rehearse/ui/rehearse.tcss", "rehearse/ui/rehearsal.tcss"} <= set(names)
    target = out / "site"
    zipfile.ZipFile(wheel).extractall(target)
    return target


def _run(code: str, site: Path, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, check=True
    )
    return result.stdout


def test_themes_load_from_the_installed_wheel(unpacked_wheel: Path, tmp_path: Path) -> None:
    code = (
        "import rehearse\n"
        "from rehearse.core.resources import shipped_dir\n"
        "from rehearse.core.themes import load_theme_specs\n"
        "specs, problems = load_theme_specs([shipped_dir('themes')])\n"
        "print(rehearse.__file__)\n"
        "print(shipped_dir('themes'))\n"
        "print(sorted(s.name for s in specs), problems)\n"
    )
    module, themes, loaded = _run(code, unpacked_wheel, tmp_path).splitlines()
    assert module.startswith(str(unpacked_wheel))
    assert themes == str(unpacked_wheel / "rehearse" / "_data" / "themes")
    assert loaded == "['rehearse-dark', 'rehearse-high-contrast', 'rehearse-light'] []"


def test_sample_answers_open_from_the_installed_wheel(unpacked_wheel: Path, tmp_path: Path) -> None:
    """No PATH, no config `notes`, no ./answers: the samples inside the package are listed."""
    code = "from rehearse.cli import main\nraise SystemExit(main(['list']))\n"
    outline = _run(code, unpacked_wheel, tmp_path)
    assert "01-인성-면접.md" in outline
    assert "자기소개" in outline
