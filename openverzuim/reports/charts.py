"""The statistics dashboard's pictures as SVG geometry (the templates draw the rectangles): a trend
per figure with the same month a year before beside it, the departments side by side, and the
duration classes stacked. Each has its table on the page (reports/tables.py); a suppressed group
draws no bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import format_month

from . import figures as f
from .statistics import Dashboard

#: Geometry in SVG units; the viewBox scales it to the screen, a phone included.
WIDTH, PLOT_HEIGHT, TOP, LEFT = 600, 150, 16, 36
ROW, BAR_LENGTH = 22, 340
#: The fill of each kind of bar, as an attribute: the PDF renderer reads no CSS inside an SVG.
FILLS = {
    "bar": "#14527a",
    "bar before": "#9db8cf",
    "bar class0": "#9db8cf",
    "bar class1": "#4f86b0",
    "bar class2": "#14527a",
    "bar class3": "#0a2a40",
}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str  # what a screen reader and a hover read

    @property
    def fill(self) -> str:
        return FILLS[self.css]


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    labels: Sequence[tuple[float, float, str]]  # x, y, text
    top: str  # the value of the highest gridline
    height: int


def _value(counts: f.Counts, key: str) -> Decimal | None:
    if counts.suppressed:
        return None
    return f.figures(counts)[key].value


def _shown(value: Decimal | None) -> str:
    return "–" if value is None else formats.number_format(value, use_l10n=True)


def trend(board: Dashboard, key: str) -> Chart:
    """Two bars per month: the year before (light) and this year (solid)."""
    now = [_value(c, key) for c in board.trend]
    before = [_value(c, key) for c in board.trend_year_before]
    peak = max((v for v in now + before if v is not None), default=Decimal(0)) or Decimal(1)
    step = (WIDTH - LEFT) / len(now)
    bars, labels = [], []
    for i, (month, this, past) in enumerate(zip(board.months, now, before, strict=True)):
        x = LEFT + i * step
        name = format_month(month.start, engine_language(), year=False)
        for offset, value, css, year in (
            (0.1, past, "bar before", month.start.year - 1),
            (0.5, this, "bar", month.start.year),
        ):
            if value is None:
                continue
            height = float(value / peak) * PLOT_HEIGHT
            bars.append(
                Bar(
                    x + step * offset,
                    TOP + PLOT_HEIGHT - height,
                    step * 0.38,
                    height,
                    css,
                    f"{name} {year}: {_shown(value)}",
                )
            )
        labels.append((x + step * 0.1, TOP + PLOT_HEIGHT + 14, name))
    return Chart(bars, labels, _shown(peak), TOP + PLOT_HEIGHT + 22)


def departments(board: Dashboard) -> Chart:
    """One horizontal bar per department: its absence percentage."""
    rows = [(r, _value(r.counts, "absence_percentage")) for r in board.departments]
    peak = max((v for _, v in rows if v is not None), default=Decimal(0)) or Decimal(1)
    bars: list[Bar] = []
    labels: list[tuple[float, float, str]] = []
    for i, (row, value) in enumerate(rows):
        name = "  " * row.depth + (str(row.department) if row.department else "–")
        labels.append((0, i * ROW + 15, name[:32]))
        if value is not None:
            length = float(value / peak) * BAR_LENGTH
            bars.append(Bar(220, i * ROW + 4, length, 16, "bar", f"{name}: {_shown(value)} %"))
            labels.append((226 + length, i * ROW + 15, f"{_shown(value)} %"))
    return Chart(bars, labels, _shown(peak), max(len(rows), 1) * ROW)


def classes(board: Dashboard) -> Chart:
    """Per month, the absence percentage stacked by duration class (short at the bottom)."""
    totals = [None if c.suppressed else f.class_percentages(c) for c in board.trend]
    peak = max(
        (sum((p.value or 0) for p in parts) for parts in totals if parts), default=Decimal(0)
    ) or Decimal(1)
    step = (WIDTH - LEFT) / len(totals)
    bars, labels = [], []
    for i, (month, parts) in enumerate(zip(board.months, totals, strict=True)):
        x, base = LEFT + i * step, float(TOP + PLOT_HEIGHT)
        name = format_month(month.start, engine_language(), year=False)
        for index, part in enumerate(parts or []):
            height = float((part.value or 0) / peak) * PLOT_HEIGHT
            if height:
                base -= height
                bars.append(
                    Bar(
                        x + step * 0.15,
                        base,
                        step * 0.7,
                        height,
                        f"bar class{index}",
                        f"{name}: {_shown(part.value)} %",
                    )
                )
        labels.append((x + step * 0.1, TOP + PLOT_HEIGHT + 14, name))
    return Chart(bars, labels, _shown(peak), TOP + PLOT_HEIGHT + 22)
