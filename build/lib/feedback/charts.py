"""Charts drawn on the server as inline SVG: the geometry here, the markup in ``templates/staff/charts.html``.

No script and no CDN: the page shows the chart as it arrives, and every chart comes with a
table of the same figures for screen readers and for those who prefer numbers. Coordinates are
in the SVG's own units (its ``viewBox``); the browser scales the drawing to the screen's width.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40
"""Room for the value axis on the left and the category labels below."""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    series: int


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    """What the template draws: bars or a line, the axes' ticks, the series' names for the legend."""

    kind: str
    """``columns`` (vertical bars), ``line``, or ``rows`` (horizontal bars, labelled on the left)."""
    width: int
    height: int
    series: list[str]
    bars: list[Bar]
    points: list[tuple[float, float]]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: float = LEFT
    plot_right: float = WIDTH - RIGHT
    plot_bottom: float = HEIGHT - BOTTOM


def _scale(top_value: float) -> tuple[float, list[float]]:
    """A round maximum for the value axis (at least 1) and its gridline values."""
    steps = (1, 2, 5)
    magnitude = 1
    while True:
        for step in steps:
            unit = step * magnitude
            if unit * 4 >= top_value:
                return unit * 4, [unit * n for n in range(5)]
        magnitude *= 10


def grouped_bars(labels: Sequence[str], series: Sequence[Sequence[float]], names: Sequence[str]) -> Chart:
    """Side-by-side bars per label, one per series (e.g. received and answered each week)."""
    top, grid = _scale(max((v for values in series for v in values), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    bars = [
        Bar(
            x=LEFT + i * slot + slot * 0.1 + s * bar_width,
            y=TOP + plot_height * (1 - value / top),
            width=bar_width,
            height=plot_height * value / top,
            value=value,
            series=s,
        )
        for s, values in enumerate(series)
        for i, value in enumerate(values)
    ]
    x_ticks = [Tick(LEFT + (i + 0.5) * slot, label) for i, label in enumerate(labels)]
    y_ticks = [Tick(TOP + plot_height * (1 - value / top), f"{value:g}") for value in grid]
    return Chart("columns", WIDTH, HEIGHT, list(names), bars, [], x_ticks, y_ticks)


def rate_line(labels: Sequence[str], rates: Sequence[float | None], name: str) -> Chart:
    """A line of rates between 0 and 1 (e.g. on time each week); a period with no rate leaves a gap."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(labels), 1)
    points = [
        (LEFT + (i + 0.5) * slot, TOP + plot_height * (1 - rate)) for i, rate in enumerate(rates) if rate is not None
    ]
    x_ticks = [Tick(LEFT + (i + 0.5) * slot, label) for i, label in enumerate(labels)]
    y_ticks = [Tick(TOP + plot_height * (1 - share), f"{share:.0%}") for share in (0, 0.25, 0.5, 0.75, 1)]
    return Chart("line", WIDTH, HEIGHT, [name], [], points, x_ticks, y_ticks)


def horizontal_bars(labels: Sequence[str], values: Sequence[float], name: str) -> Chart:
    """One bar per label, longest first as given (e.g. overdue questions by department)."""
    row, label_room = 26, 220
    height = TOP + row * max(len(labels), 1) + 24
    top, grid = _scale(max(values, default=0))
    plot_width = WIDTH - label_room - RIGHT
    bars = [
        Bar(x=label_room, y=TOP + i * row + 4, width=plot_width * value / top, height=row - 8, value=value, series=0)
        for i, value in enumerate(values)
    ]
    y_ticks = [Tick(TOP + i * row + row / 2, label) for i, label in enumerate(labels)]
    x_ticks = [Tick(label_room + plot_width * value / top, f"{value:g}") for value in grid]
    return Chart(
        "rows", WIDTH, height, [name], bars, [], x_ticks, y_ticks, plot_left=label_room, plot_bottom=height - 24
    )
