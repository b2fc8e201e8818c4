"""The timeline as a picture: geometry for the SVG bar on the case page.

Weeks of sickness run left to right from day 1 to the end of the waiting time; sick, fit and leave
stretches are bands, today is a line, and each milestone a marker coloured by its status, with its
short name and date written under the bar. Only geometry is computed here: every date and status
comes from the engine, every date's wording from `law.explain`.

Text is laid out in Python, not by the browser, so that a test can prove what a reader sees: every
label lies inside the picture and no two labels overlap. Widths are estimated from the number of
characters (`CHAR_WIDTH` is generous for a sans-serif face), so the estimate errs on the safe side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from django.utils.translation import gettext, override

from openverzuim import law
from openverzuim.law.explain import MILESTONE_NAMES, format_date, how_computed, status_text

WIDTH = 1000  # SVG user units, drawn one to a CSS pixel (site.css): a phone scrolls it in its box
MARGIN = 24  # day 1 and the last week sit this far from the edges, so their labels fit
FONT_SIZE = 13  # user units = CSS pixels: legible on a phone too
CHAR_WIDTH = 0.62 * FONT_SIZE  # a generous average glyph width for system sans-serif faces
LINE = 15  # baseline to baseline
TICK_Y = 14  # baseline of the week labels
TODAY_Y = 31  # baseline of the "today" label, between the week labels and the bar
BAND_Y, BAND_HEIGHT = 38, 20
DOT_Y = BAND_Y + BAND_HEIGHT + 10
LABEL_TOP = DOT_Y + 14  # top of the first row of milestone labels
ROW_HEIGHT = 2 * LINE + 6  # two lines (name, date) and a gap
GAP = 10  # the least room between two labels in one row
LEADER_GAP = 4  # from a leader line to the start of its label's text


@dataclass(frozen=True)
class Box:
    """A label's rectangle in the SVG's coordinates (top-left corner, size)."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def covers_x(self, x: float) -> bool:
        """Whether a vertical line at `x` would run through this box (its left edge excluded)."""
        return self.x < x <= self.x + self.width


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    kind: str  # "sick", "fit", "leave"
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str  # "wk 13"
    text_x: float  # where the label's centre sits: clamped so that "wk 104" stays inside


@dataclass(frozen=True)
class Marker:
    x: float
    id: str
    status: str
    name: str
    due: date
    due_text: str  # the date as the reader writes it ("3 mrt 2026")
    status_text: str
    how: str  # how the engine computed the date
    basis: str  # the article it rests on
    label: Box  # where the name and the date are written (two lines)

    @property
    def title(self) -> str:
        """The hover text: name, date, status, how computed, article."""
        return f"{self.name}: {self.due:%d-%m-%Y} · {self.status_text} · {self.how} · {self.basis}"

    @property
    def name_y(self) -> float:
        return self.label.y + LINE - 3

    @property
    def date_y(self) -> float:
        return self.name_y + LINE

    @property
    def stem_end(self) -> float:
        """The leader line runs down along the label's left side, so it reads as the label's."""
        return self.label.y + self.label.height


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bands: list[Band]
    ticks: list[Tick]
    markers: list[Marker]
    today_x: float | None
    today_label: Box | None  # the "today" label, inside the picture whatever the date
    today_text: str
    band_y: int = BAND_Y
    band_height: int = BAND_HEIGHT
    dot_y: int = DOT_Y
    tick_y: int = TICK_Y
    tick_line_y: int = TICK_Y + 4  # week lines start under their labels
    today_y: int = TODAY_Y
    today_line_y: int = TODAY_Y + 3  # the today line starts under its label
    font_size: int = FONT_SIZE


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def clamp_centred(x: float, width: float, right: float = WIDTH) -> float:
    """The left edge of a `width` wide label centred on `x`, moved inwards to stay in the picture."""
    return max(0.0, min(right - width, x - width / 2))


def place_labels(xs: list[float], widths: list[float]) -> list[Box]:
    """Boxes for labels hanging under markers at `xs` (in date order), row by row, as a staircase.

    A label starts just right of its marker and its leader line runs from the marker straight down
    to it. Placing from the last marker to the first, each label takes the first row where it
    overlaps no label and covers no leader line running to a deeper row. Every label placed before
    starts right of the new marker, so the new leader line never crosses a label, and a new row
    always has room: nothing is dropped, the picture grows downwards instead. Close dates early in
    the case (weeks 1, 6 and 8) thus step down from right to left, the later ones in the top rows."""
    rows: list[list[Box]] = []
    leaders: list[tuple[float, int]] = []  # (x, row) of every label placed so far
    boxes: list[Box] = []
    for x, width in reversed(list(zip(xs, widths, strict=True))):
        row = 0
        while True:
            box = Box(x + LEADER_GAP, LABEL_TOP + row * ROW_HEIGHT, width, 2 * LINE)
            if row == len(rows):
                rows.append([])
                break
            padded = Box(box.x, box.y, box.width + GAP, box.height)
            if not any(padded.overlaps(other) for other in rows[row]) and not any(
                box.covers_x(lx) for lx, lrow in leaders if lrow > row
            ):
                break
            row += 1
        rows[row].append(box)
        leaders.append((x, row))
        boxes.append(box)
    return boxes[::-1]


def build_chart(result: law.Timeline, lang: str = "nl") -> Chart:
    first = result.first_sick_day
    waiting_end = result.wage_continuation.waiting_time_last_day
    end = max(waiting_end, result.as_of, *(m.due for m in result.milestones if m.due))
    span = (end - first).days + 1
    plot = WIDTH - 2 * MARGIN

    def x(day: date) -> float:
        return round(MARGIN + max(0, min(span, (day - first).days)) * plot / span, 1)

    bands = []
    for period in result.episode.periods:
        last = period.end or end
        bands.append(
            Band(
                x(period.start),
                x(last + timedelta(days=1)) - x(period.start),
                "sick",
                f"{format_date(period.start, lang)} – {format_date(period.end, lang)}"
                if period.end
                else f"{format_date(period.start, lang)} –",
            )
        )
    for stretch in result.episode.interruptions(result.facts.leave):
        bands.append(
            Band(
                x(stretch.first),
                x(stretch.last + timedelta(days=1)) - x(stretch.first),
                stretch.kind,
                f"{format_date(stretch.first, lang)} – {format_date(stretch.last, lang)}",
            )
        )
    # Every 13 weeks (a quarter) up to the week the waiting time ends: 104, or later when fit days
    # or UWV lengthened it; that last week replaces a quarter too close to it to be read apart.
    last_week = ((waiting_end - first).days + 1) // 7
    weeks = list(range(0, last_week + 1, 13))
    if last_week - weeks[-1] >= 7:
        weeks.append(last_week)
    elif weeks[-1] != last_week:
        weeks[-1] = last_week
    with override(lang):
        today_text = gettext("today")
        labels = [gettext("wk %(week)s") % {"week": w} for w in weeks]
    ticks = [
        Tick(at, label, clamp_centred(at, text_width(label)) + text_width(label) / 2)
        for w, label in zip(weeks, labels, strict=True)
        for at in [x(first + timedelta(weeks=w))]
    ]
    placed = sorted((m for m in result.milestones if m.due), key=lambda m: m.due or first)
    names = [MILESTONE_NAMES[lang][m.id] for m in placed]
    dues = [format_date(m.due, lang) for m in placed]
    boxes = place_labels(
        [x(m.due) for m in placed if m.due],
        [max(text_width(n), text_width(d)) for n, d in zip(names, dues, strict=True)],
    )
    markers = [
        Marker(
            x(m.due),
            m.id,
            m.status,
            name,
            m.due,
            due_text,
            status_text(m, lang),
            how_computed(m, result, lang),
            str(m.rule.basis),
            box,
        )
        for m, name, due_text, box in zip(placed, names, dues, boxes, strict=True)
        if m.due
    ]
    today_x = today_label = None
    if first <= result.as_of <= end:
        today_x = x(result.as_of)
        width = text_width(today_text)
        today_label = Box(clamp_centred(today_x, width), TODAY_Y - FONT_SIZE, width, FONT_SIZE + 4)
    # A label late in the picture may reach past WIDTH: the picture widens rather than cut it off.
    right = max((m.label.x + m.label.width for m in markers), default=0)
    bottom = max((m.label.y + m.label.height for m in markers), default=DOT_Y + 10)
    return Chart(
        max(WIDTH, ceil(right) + 2),
        ceil(bottom) + 6,
        bands,
        ticks,
        markers,
        today_x,
        today_label,
        today_text,
    )
