"""The tree's guide lines read at 3:1 or better (WCAG's figure for what is not text) over
the tree's surface in every shipped theme, in truecolor and in 256 colours, computed from
each theme file the way test_cursor_contrast does; the painted guides have that colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from rehearse.core.themes import parse_theme
from rehearse.ui.themes import build_theme, guide_variables
from tests.ui.conftest import SIZE, build_app, question_tree
from tests.ui.test_cursor_contrast import (
    RGB,
    SHIPPED,
    THEME_FILES,
    contrast,
    cursor_on,
    hexed,
    in_256_colours,
    question_row,
)
from tests.ui.test_snapshots import NOTES

GUIDES = 3.0
GUIDE_CHARS = set("│├└─")


def guide_colours(theme_file: Path) -> tuple[RGB, RGB]:
    """(guide, surface) from the theme: $tree-guides as the app makes it, and $surface."""
    spec, problems = parse_theme(theme_file)
    assert spec is not None, problems
    variables = build_theme(spec).to_color_system().generate()
    surface = Color.parse(variables["surface"])
    guides = Color.parse(guide_variables(variables)["tree-guides"])
    assert guides.a == 1  # opaque: Tree paints guides without alpha
    return guides.rgb, surface.rgb


@pytest.mark.parametrize("theme_file", THEME_FILES, ids=SHIPPED)
@pytest.mark.parametrize("colours", ["truecolor", "256"])
def test_the_guide_lines_read_at_3_to_1(theme_file: Path, colours: str) -> None:
    guide, surface = guide_colours(theme_file)
    if colours == "256":
        guide, surface = in_256_colours(guide), in_256_colours(surface)
    ratio = contrast(guide, surface)
    assert ratio >= GUIDES, f"{theme_file.name} {colours}: {ratio:.2f}:1"


def test_textual_s_own_guide_colour_would_fail_in_the_light_theme() -> None:
    spec, _ = parse_theme(next(f for f in THEME_FILES if f.stem == "rehearse-light"))
    assert spec is not None
    variables = build_theme(spec).to_color_system().generate()
    surface = Color.parse(variables["surface"])
    faint = (surface + Color.parse(variables["surface-lighten-2"])).rgb
    assert contrast(faint, surface.rgb) < GUIDES


@pytest.mark.parametrize("theme_file", THEME_FILES, ids=SHIPPED)
async def test_the_painted_guides_have_that_colour(theme_file: Path) -> None:
    guide, _ = guide_colours(theme_file)
    app = build_app(NOTES, theme_name=theme_file.stem)
    async with app.run_test(size=SIZE) as pilot:
        await cursor_on(pilot, question_row(app), focus_tree=False)
        tree = question_tree(app)
        painted = [
            segment
            for y in range(tree.size.height)
            if y + tree.scroll_offset.y != tree.cursor_line
            for segment in tree.render_line(y)
            if set(segment.text.strip()) & GUIDE_CHARS
        ]
        assert painted, "no guide lines painted"
        for segment in painted:
            colour = segment.style.color if segment.style else None
            assert colour is not None and colour.triplet is not None, segment
            assert colour.triplet.hex == hexed(guide), (theme_file.stem, segment)
