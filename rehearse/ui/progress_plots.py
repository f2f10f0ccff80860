"""The progress screen's charts, drawn with plotext (textual-plotext) in the theme's colours:
time spoken a day, grades a day, and one question's runs against their targets. The
figures come from core.progress_charts; this only draws them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.color import Color
from textual_plotext import PlotextPlot

from rehearse.core.progress_charts import Day, Run
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration

RGB = tuple[int, int, int]
GRADE_COLOURS = ("error", "warning", "success", "primary")  # again, hard, good, easy
NARROW = 50  # columns: a day chart this narrow labels every other week


class ThemedPlot(PlotextPlot):
    """A plot redrawn when the theme changes, its marks in the theme's colours."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self.draw())
        self.draw()

    def on_resize(self) -> None:
        self.draw()  # the axis labels depend on the width

    def colour(self, name: str) -> RGB:
        value = self.app.theme_variables.get(name) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        self.plot()
        self.refresh()

    def plot(self) -> None:
        raise NotImplementedError


def _y_ticks(top: float, label: Callable[[float], str]) -> tuple[list[float], list[str]]:
    """Three ticks, 0, the middle and the top, so the axis reads at a glance."""
    top = max(top, 1.0)
    values = [0.0, top / 2, top]
    return values, [label(value) for value in values]


def _day_axis(plt: Any, days: Sequence[Day], width: int) -> None:
    """A label a week (a fortnight when narrow), the last one today (`11-20`), with room
    after the last bar for the half of its label that reaches past it: plotext leaves out a
    label that does not fit, or that would touch its neighbour."""
    step = 7 if width >= NARROW else 14
    positions = list(range(len(days) - 1, -1, -step))[::-1]
    plt.xticks(positions, [days[n].day[5:] for n in positions])
    plt.xlim(-0.5, len(days) + 2.5)


class DayMinutes(ThemedPlot):
    """Minutes spoken each day: one bar a day."""

    def __init__(self, days: Sequence[Day], *, id: str) -> None:
        super().__init__(id=id)
        self.days = list(days)

    def plot(self) -> None:
        plt = self.plt
        minutes = [round(day.minutes, 1) for day in self.days]
        plt.bar(list(range(len(minutes))), minutes, color=self.colour("primary"), width=0.7)
        _day_axis(plt, self.days, self.size.width)
        top = max([*minutes, 1.0])
        plt.ylim(0, top)
        plt.yticks(*_y_ticks(top, lambda value: f"{value:.0f}m" if top >= 3 else f"{value:.1f}m"))


class DayGrades(ThemedPlot):
    """The mock interview's grades each day, stacked: again, hard, good, easy."""

    def __init__(self, days: Sequence[Day], *, id: str) -> None:
        super().__init__(id=id)
        self.days = list(days)

    def plot(self) -> None:
        plt = self.plt
        per_grade = [[day.grades[n] for day in self.days] for n in range(len(GRADE_NAMES))]
        plt.stacked_bar(
            list(range(len(self.days))),
            per_grade,
            color=[self.colour(name) for name in GRADE_COLOURS],
            width=0.7,
        )
        _day_axis(plt, self.days, self.size.width)
        top = max([sum(day.grades) for day in self.days] + [1])
        plt.ylim(0, top)
        plt.yticks(*_y_ticks(top, lambda value: f"{value:.0f}" if value == int(value) else ""))


class RunHistory(ThemedPlot):
    """One question's runs: each run's time as a bar (in the warning colour when over), the
    latest target as a line."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.runs: list[Run] = []

    def show(self, runs: list[Run]) -> None:
        self.runs = runs
        if self.is_mounted:
            self.draw()

    def plot(self) -> None:
        plt = self.plt
        runs = self.runs
        if not runs:
            plt.xticks([], [])
            plt.yticks([], [])
            return
        seconds = [round(run.seconds) for run in runs]
        positions = list(range(len(runs)))
        for position, value, run in zip(positions, seconds, runs, strict=True):
            colour = self.colour("warning" if run.over else "success")
            plt.bar([position], [value], color=colour, width=0.5)
        target = runs[-1].target_s
        plt.hline(target, self.colour("foreground"))
        step = max(1, len(runs) // 4)
        shown = positions[::-1][::step][::-1]
        plt.xticks(shown, [runs[n].day for n in shown])
        top = max([*seconds, target]) * 1.15
        plt.ylim(0, top)
        plt.yticks([0, target], ["0:00", format_duration(target)])
        plt.xlim(-0.5, len(runs) - 0.5)
