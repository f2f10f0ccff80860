"""The code keeps its shape: small modules with one job, no knot of branches.

Every module under rehearse/ is at most 400 lines, and no function reaches radon's
complexity grade D (21 or more branches through it).
"""

from __future__ import annotations

from radon.complexity import cc_visit

from tests.conftest import REPO

PACKAGE = REPO / "rehearse"
MAX_LINES = 400
MAX_COMPLEXITY = 20  # radon grade C at most


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(REPO)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_function_is_complexity_d_or_worse() -> None:
    knots = {
        f"{path.relative_to(REPO)}:{block.lineno} {block.name}": block.complexity
        for path in PACKAGE.rglob("*.py")
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > MAX_COMPLEXITY
    }
    assert knots == {}
