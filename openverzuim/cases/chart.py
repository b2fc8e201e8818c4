"""The timeline as a picture: geometry for the SVG bar on the case page.

Weeks of sickness run left to right from day 1 to the end of the waiting time; sick, fit and leave
stretches are bands, today is a line, and each milestone a marker coloured by its status. Only
geometry is computed here: every date and status comes from the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from openverzuim import law
from openverzuim.law.explain import MILESTONE_NAMES, how_computed, status_text

WIDTH = 1000  # SVG user units; the SVG scales to its container
BAND_Y, BAND_HEIGHT = 34, 18
MARKER_ROWS = (70, 92, 114)  # markers alternate rows so that close dates stay readable


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    kind: str  # "sick", "fit", "leave"
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: int
    id: str
    status: str
    name: str
    due: date
    status_text: str
    how: str  # how the engine computed the date
    basis: str  # the article it rests on

    @property
    def title(self) -> str:
        """The hover text: name, date, status, how computed, article."""
        return f"{self.name}: {self.due:%d-%m-%Y} · {self.status_text} · {self.how} · {self.basis}"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bands: list[Band]
    ticks: list[Tick]
    markers: list[Marker]
    today_x: float | None
    band_y: int = BAND_Y
    band_height: int = BAND_HEIGHT


def build_chart(result: law.Timeline, lang: str = "nl") -> Chart:
    first = result.first_sick_day
    end = max(
        result.wage_continuation.waiting_time_last_day,
        result.as_of,
        *(m.due for m in result.milestones if m.due),
    )
    span = (end - first).days + 1

    def x(day: date) -> float:
        return round(max(0, min(span, (day - first).days)) * WIDTH / span, 1)

    bands = []
    for period in result.episode.periods:
        last = period.end or end
        bands.append(
            Band(
                x(period.start),
                x(last + timedelta(days=1)) - x(period.start),
                "sick",
                f"{period.start:%d-%m-%Y} – {period.end:%d-%m-%Y}"
                if period.end
                else f"{period.start:%d-%m-%Y} –",
            )
        )
    for stretch in result.episode.interruptions(result.facts.leave):
        bands.append(
            Band(
                x(stretch.first),
                x(stretch.last + timedelta(days=1)) - x(stretch.first),
                stretch.kind,
                f"{stretch.first:%d-%m-%Y} – {stretch.last:%d-%m-%Y}",
            )
        )
    ticks = [Tick(x(first + timedelta(weeks=w)), str(w)) for w in range(0, span // 7 + 1, 13)]
    placed = sorted(((m.due, m) for m in result.milestones if m.due), key=lambda pair: pair[0])
    markers = []
    for i, (due, m) in enumerate(placed):
        markers.append(
            Marker(
                x(due),
                MARKER_ROWS[i % len(MARKER_ROWS)],
                m.id,
                m.status,
                MILESTONE_NAMES[lang][m.id],
                due,
                status_text(m, lang),
                how_computed(m, result, lang),
                str(m.rule.basis),
            )
        )
    today = x(result.as_of) if first <= result.as_of <= end else None
    return Chart(WIDTH, MARKER_ROWS[-1] + 20, bands, ticks, markers, today)
