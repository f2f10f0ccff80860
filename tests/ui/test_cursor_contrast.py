"""The tree's highlighted row reads at 4.5:1 or better in every shipped theme, in truecolor
and in 256 colours, on a file row and on a question row, with the focus in the tree or not.

The colours come from each theme file through Textual's ColorSystem (the cursor's
`block-cursor-*` variables, a translucent one laid over the tree's surface), and are
downgraded to 256 colours the way rich does it for such a terminal. The painted rows are
checked against the same colours, and a snapshot of each theme shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from textual.color import Color
from textual.pilot import Pilot

from rehearse.core.refs import SectionRef
from rehearse.core.resources import shipped_dir
from rehearse.core.themes import parse_theme
from rehearse.ui.themes import build_theme
from tests.ui.conftest import (
    SIZE,
    QuietRehearseApp,
    build_app,
    label_of,
    main_screen_ready,
    question_tree,
)
from tests.ui.test_live_reload import wait_until
from tests.ui.test_snapshots import NOTES

THEME_FILES = sorted(shipped_dir("themes").glob("*.yaml"))
SHIPPED = [path.stem for path in THEME_FILES]
MINIMUM = 4.5  # WCAG AA for text

SnapCompare = Callable[..., bool]
RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(a: RGB, b: RGB) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def in_256_colours(rgb: RGB) -> RGB:
    colour = RichColor.from_rgb(*rgb).downgrade(ColorSystem.EIGHT_BIT)
    triplet = colour.get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def cursor_colours(theme_file: Path) -> dict[str, tuple[RGB, RGB]]:
    """(text, background) of the tree's cursor row, focused and blurred, from the theme."""
    spec, problems = parse_theme(theme_file)
    assert spec is not None, problems
    variables = build_theme(spec).to_color_system().generate()
    surface = Color.parse(variables["surface"])  # the tree's background

    def row(text: str, background: str) -> tuple[RGB, RGB]:
        under = surface + Color.parse(variables[background])
        return (under + Color.parse(variables[text])).rgb, under.rgb

    return {
        "focused": row("block-cursor-foreground", "block-cursor-background"),
        # Textual's blurred cursor sets only the background; the text keeps the tree's colour.
        "blurred": row("foreground", "block-cursor-blurred-background"),
    }


@pytest.mark.parametrize("theme_file", THEME_FILES, ids=SHIPPED)
@pytest.mark.parametrize("state", ["focused", "blurred"])
@pytest.mark.parametrize("colours", ["truecolor", "256"])
def test_the_cursor_row_reads_at_4_5_to_1(theme_file: Path, state: str, colours: str) -> None:
    text, background = cursor_colours(theme_file)[state]
    if colours == "256":
        text, background = in_256_colours(text), in_256_colours(background)
    ratio = contrast(text, background)
    assert ratio >= MINIMUM, f"{theme_file.name} {state} {colours}: {ratio:.2f}:1"


def test_the_issue_s_unreadable_pair_would_fail() -> None:
    # `\e[38;5;146m\e[48;5;146m`: the same colour for text and background, as reported.
    same = in_256_colours((0xB8, 0xA4, 0xD9))
    assert contrast(same, same) == 1.0 < MINIMUM


# -- what is painted --------------------------------------------------------------------------

FILE_ROW = SectionRef(NOTES / "behavioral.md")


def question_row(app: QuietRehearseApp) -> SectionRef:
    note = app.session.note(NOTES / "behavioral.md")
    assert note is not None
    section = note.find_by_heading_path(("Behavioral", "Greatest weakness"))
    assert section is not None
    return SectionRef(note.path, section.index)


def painted_row(app: QuietRehearseApp) -> list[Segment]:
    tree = question_tree(app)
    return list(tree.render_line(tree.cursor_line - tree.scroll_offset.y))


def hexed(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


async def cursor_on(pilot: Pilot[None], ref: SectionRef, focus_tree: bool) -> None:
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    await main_screen_ready(pilot)  # a snapshot's run_before starts before the first frame
    tree = question_tree(app)
    await wait_until(pilot, lambda: tree.cursor_line >= 0, "the first question shown")
    tree.reveal(ref)
    if focus_tree:
        tree.focus()
    else:
        app.main_screen.editor.text_area.focus()
    await wait_until(
        pilot,
        lambda: (
            tree.cursor_node is not None
            and tree.cursor_node.data == ref
            and tree.has_focus == focus_tree
        ),
        "the cursor on the row",
    )
    await pilot.pause()


@pytest.mark.parametrize("theme_file", THEME_FILES, ids=SHIPPED)
async def test_the_painted_cursor_row_has_exactly_those_colours(theme_file: Path) -> None:
    expected = cursor_colours(theme_file)
    app = build_app(NOTES, theme_name=theme_file.stem)
    async with app.run_test(size=SIZE) as pilot:
        for ref in (FILE_ROW, question_row(app)):
            for state in ("focused", "blurred"):
                await cursor_on(pilot, ref, focus_tree=state == "focused")
                text, background = (hexed(c) for c in expected[state])
                tree = question_tree(app)
                node = tree.cursor_node
                assert node is not None
                label = label_of(tree, node).strip()
                row = painted_row(app)
                on_cursor = [s for s in row if s.style and s.style.bgcolor
                             and s.style.bgcolor.triplet
                             and s.style.bgcolor.triplet.hex == background]  # fmt: skip
                assert label in "".join(s.text for s in on_cursor), (label, row)
                for segment in on_cursor:
                    assert segment.style is not None and segment.style.color is not None
                    colour = segment.style.color.triplet
                    assert colour is not None and colour.hex == text, (state, ref, segment)


# -- one picture per theme, the cursor on a file row and on a question row --------------------


def snapshot_app(theme: str) -> QuietRehearseApp:
    app = build_app(NOTES, theme_name=theme)
    app.sub_title = "tests/ui/fixtures/notes"  # the same picture wherever the repository is
    return app


@pytest.mark.parametrize("theme", SHIPPED)
@pytest.mark.parametrize("row", ["file", "question"])
def test_snapshot_of_the_cursor_row(snap_compare: SnapCompare, theme: str, row: str) -> None:
    app = snapshot_app(theme)

    async def run_before(pilot: Pilot[None]) -> None:
        ref = FILE_ROW if row == "file" else question_row(app)
        await cursor_on(pilot, ref, focus_tree=True)
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
