"""Turning core ThemeSpecs into Textual themes, collecting the ones Textual rejects."""

from __future__ import annotations

from textual.theme import Theme

from rehearse.core.config import user_themes_dir
from rehearse.core.resources import shipped_dir
from rehearse.core.themes import ThemeSpec, load_theme_specs
from rehearse.core.yamlfile import YamlProblem


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


def load_themes() -> tuple[list[Theme], list[str]]:
    """The shipped themes and the user's own, plus a message for each broken one."""
    specs, problems = load_theme_specs([shipped_dir("themes"), user_themes_dir()])
    themes: list[Theme] = []
    messages = [str(problem) for problem in problems]
    for spec in specs:
        try:
            themes.append(build_theme(spec))
        except Exception as error:  # Textual's colour parser raises several kinds
            messages.append(
                str(
                    YamlProblem(
                        spec.source or shipped_dir("themes"), None, f"theme '{spec.name}': {error}"
                    )
                )
            )
    return themes, messages
