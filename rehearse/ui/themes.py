"""Turning core ThemeSpecs into Textual themes, collecting the ones Textual would reject.

Every value is checked the way Textual will read it before the theme is
registered: a bad variable would otherwise make the stylesheet fail to parse
the moment the theme is chosen, and the app exit.
"""

from __future__ import annotations

from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from rehearse.core.config import user_themes_dir
from rehearse.core.resources import shipped_dir
from rehearse.core.themes import ThemeSpec, load_theme_specs
from rehearse.core.yamlfile import YamlProblem, shown

STYLE_WORDS = frozenset(
    {"b", "bold", "i", "italic", "u", "underline", "uu", "underline2", "r", "reverse"}
    | {"s", "strike", "d", "dim", "blink", "o", "overline", "none", "not"}
)
KEYWORDS = frozenset({"initial", "transparent", "inherit"})


def variable_problem(name: str, value: str) -> str | None:
    """Why Textual could not use `value` for the theme variable `name`; None if it can."""
    if name.endswith("style") or "-style-" in name:
        bad = [word for word in value.split() if word.lower() not in STYLE_WORDS]
        return f"'{name}' is not a text style: {shown(value)}" if bad or not value.split() else None
    words = value.split()
    if len(words) == 2 and _is_percentage(words[1]):
        words = words[:1]  # "#81a1c1 35%": a colour with an alpha; "auto 87%": contrasting
    colour = " ".join(words)
    if colour.lower() in KEYWORDS or colour == "auto":
        return None
    try:
        Color.parse(colour)
    except ColorParseError:
        return f"'{name}' is not a colour: {shown(value)} (use #rrggbb)"
    return None


def _is_percentage(word: str) -> bool:
    try:
        return word.endswith("%") and 0 <= float(word[:-1]) <= 100
    except ValueError:
        return False


def build_theme(spec: ThemeSpec) -> Theme:
    colour = spec.colours.get
    theme = Theme(
        name=spec.name,
        primary=spec.colours["primary"],
        secondary=colour("secondary"),
        warning=colour("warning"),
        error=colour("error"),
        success=colour("success"),
        accent=colour("accent"),
        foreground=colour("foreground"),
        background=colour("background"),
        surface=colour("surface"),
        panel=colour("panel"),
        boost=colour("boost"),
        dark=spec.dark,
        variables=dict(spec.variables),
    )
    theme.to_color_system()  # raises if Textual cannot use a colour
    return theme


def theme_problems(spec: ThemeSpec) -> list[YamlProblem]:
    source = spec.source or shipped_dir("themes")
    problems = [
        YamlProblem(source, spec.variable_lines.get(name), message)
        for name, value in spec.variables.items()
        if (message := variable_problem(name, value)) is not None
    ]
    if problems:
        return problems
    try:
        build_theme(spec)
    except Exception as error:  # Textual's colour system raises several kinds
        return [YamlProblem(source, None, f"theme '{spec.name}': {error}")]
    return []


def load_themes(folders: list[Path] | None = None) -> tuple[list[Theme], list[str]]:
    """The shipped themes and the user's own, plus a message for each broken one
    (a broken theme is never registered, so it can never be chosen)."""
    specs, problems = load_theme_specs(folders or [shipped_dir("themes"), user_themes_dir()])
    themes: list[Theme] = []
    messages = [str(problem) for problem in problems]
    for spec in specs:
        found = theme_problems(spec)
        if found:
            messages.extend(f"{problem} — theme '{spec.name}' skipped" for problem in found)
        else:
            themes.append(build_theme(spec))
    return themes, messages


GUIDES = "tree-guides"


def guide_variables(variables: dict[str, str]) -> dict[str, str]:
    """`$tree-guides` for any theme that does not set it: the muted text colour made opaque
    over the surface. Tree paints its guides without alpha, so $foreground-muted itself would
    come out at full strength, and Textual's $surface-lighten-2 vanishes on a light surface."""
    if GUIDES in variables:
        return {}
    try:
        surface = Color.parse(variables["surface"])
        muted = Color.parse(variables["foreground-muted"])
    except (KeyError, ColorParseError):  # an ANSI theme: the terminal's own dim colour
        return {GUIDES: "ansi_bright_black"}
    return {GUIDES: (surface + muted).hex}
