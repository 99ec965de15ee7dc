"""The results as an SVG chart, written by hand: one bar a target for requests per
second, then its p50 and p99 latency, each bar labelled with its figure.

Both scales are logarithmic: nginx answers hundreds of times more requests than a
Django view, and on a linear scale the view's bars would not show. On a log scale
the same ratio is the same distance, whichever the pair. A white background keeps
the chart readable on a dark page as on a light one.
"""

import math
from xml.sax.saxutils import escape

from bench.report import Row, ms

WIDTH = 820
# Room for the longest name: "ours /menu/ signed in, 500 dishes (FAILED)".
LABEL_WIDTH = 310
# Room after the longest bar for its figure.
FIGURE_WIDTH = 90
BAR_AREA = WIDTH - LABEL_WIDTH - FIGURE_WIDTH - 20
ROW_HEIGHT = 30
PANEL_GAP = 24
# Blue, sky blue and vermilion (Okabe and Ito): told apart by colour-blind readers too.
RPS_COLOUR = "#0072b2"
P50_COLOUR = "#56b4e9"
P99_COLOUR = "#d55e00"
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#d9d9d9"


def bar(css_class: str, x: float, y: float, width: float, height: float, colour: str) -> str:
    return (
        f'<rect class="{css_class}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}"'
        f' height="{height:.1f}" fill="{colour}"/>'
    )


def text(x: float, y: float, words: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{weight}>{escape(words)}</text>'


def label(row: Row) -> str:
    return row.target.label + (" (FAILED)" if row.failures else "")


class LogScale:
    """Whole decades from below the smallest value (so that its bar shows) to the largest."""

    def __init__(self, values: list[float]) -> None:
        positive = [value for value in values if value > 0] or [1.0]
        self.low = math.ceil(math.log10(min(positive))) - 1
        self.high = max(math.ceil(math.log10(max(positive))), self.low + 1)

    def width(self, value: float) -> float:
        if value <= 0:
            return 0.0
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return BAR_AREA * min(max(share, 0.0), 1.0)

    def decades(self) -> list[float]:
        return [10.0**power for power in range(self.low, self.high + 1)]


def short(value: float) -> str:
    """A decade's label: 0.1, 1, 10, 1k, 100k, 1M."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def grid(scale: LogScale, top: float, bottom: float) -> list[str]:
    parts = []
    for decade in scale.decades():
        x = LABEL_WIDTH + scale.width(decade)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}"'
            f' stroke="{GRID_COLOUR}"/>'
        )
        parts.append(text(x, bottom + 14, short(decade), anchor="middle"))
    return parts


def svg(rows: list[Row], *, heading: list[str]) -> str:
    """The chart: requests per second above, p50 and p99 latency below, under a
    heading whose first line is its title and the rest what it was measured on."""
    parts = [text(10, 24, heading[0], bold=True)]
    y = 24.0
    for line in heading[1:]:
        y += 17
        parts.append(text(10, y, line))
    y += 16
    parts.append(text(10, y + 16, "Requests per second (more is better; log scale)", bold=True))
    y += 28
    rps = LogScale([row.requests_per_second for row in rows])
    bars = []
    top = y
    for row in rows:
        width = rps.width(row.requests_per_second)
        bars.append(text(LABEL_WIDTH - 10, y + 16, label(row), anchor="end"))
        bars.append(bar("rps", LABEL_WIDTH, y + 4, width, ROW_HEIGHT - 10, RPS_COLOUR))
        bars.append(text(LABEL_WIDTH + width + 6, y + 16, f"{row.requests_per_second:,.0f}"))
        y += ROW_HEIGHT
    parts += grid(rps, top, y) + bars
    y += 20 + PANEL_GAP
    parts.append(
        text(10, y + 16, "Latency at 16 connections, ms (less is better; log scale)", bold=True)
    )
    y += 28
    latency = LogScale([row.p50_ms for row in rows] + [row.p99_ms for row in rows])
    bars = []
    top = y
    for row in rows:
        bars.append(text(LABEL_WIDTH - 10, y + 20, label(row), anchor="end"))
        for offset, name, value, colour in (
            (2, "p50", row.p50_ms, P50_COLOUR),
            (18, "p99", row.p99_ms, P99_COLOUR),
        ):
            width = latency.width(value)
            bars.append(bar(name, LABEL_WIDTH, y + offset, width, 14, colour))
            bars.append(text(LABEL_WIDTH + width + 6, y + offset + 12, f"{name} {ms(value)}"))
        y += ROW_HEIGHT + 10
    parts += grid(latency, top, y) + bars
    height = y + 30
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}"'
            f' viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-labelledby="chart-title"'
            f' font-family="system-ui, sans-serif" font-size="13" fill="{TEXT_COLOUR}">',
            f'<title id="chart-title">{escape(heading[0])}</title>',
            f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
            *parts,
            "</svg>",
            "",
        ]
    )
