"""The tables of the statistics dashboard: one builder for the page, the CSV and XLSX exports and
the PDF, so that every export shows exactly what the page shows (and every chart has its table).

A cell is text, a number (int or Decimal) or None for a figure with nothing to divide by; a group
of fewer than five employees shows SUPPRESSED instead of its figures (figures.MIN_GROUP)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from openverzuim.accounts.models import Sector
from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import format_month

from . import figures as f
from .counting import Basis
from .statistics import Dashboard

TABLES = ("figures", "sector", "trend", "classes", "departments")


def suppressed_text() -> str:
    return _("fewer than %(n)s employees") % {"n": f.MIN_GROUP}


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[object]]


def figure_labels() -> dict[str, str]:
    return {
        "absence_percentage": _("Absence percentage"),
        "reporting_frequency": _("Reporting frequency (per employee per year)"),
        "average_duration_days": _("Average duration (days)"),
        "zero_absence_percentage": _("Zero absence (% of employees)"),
        "absence_cost_percentage": _("Absence cost percentage"),
    }


def class_labels() -> list[str]:
    return [
        _("%(low)s–%(high)s days") % {"low": low, "high": high}
        if high
        else _("over %(days)s days") % {"days": low - 1}
        for low, high in f.CLASSES
    ]


def choices(basis: Basis) -> dict[str, str]:
    """What each figure counts, beside it on the page (docs/statistics.md)."""
    days = _("calendar days") if basis.days == "calendar" else _("working days (Monday to Friday)")
    weight = _("the part-time factor") if basis.weight == "fte" else _("each employee as one")
    return {
        "absence_percentage": _(
            "Sick %(days)s over available %(days)s of everyone employed, weighed by %(weight)s; "
            "absence over a year included, pregnancy and maternity leave left out; partial work "
            "counts the hours not worked (CBS)."
        )
        % {"days": days, "weight": weight},
        "reporting_frequency": _(
            "Sickness reports begun in the period per employee, converted to a year of 365 days; "
            "a relapse is a new report (Standaard verzuimregistratie)."
        ),
        "average_duration_days": _(
            "From the first to the last calendar day of each sickness period that ended in the "
            "period (CBS)."
        ),
        "zero_absence_percentage": _(
            "Employees employed in the period who were not sick on any day of it."
        ),
        "absence_cost_percentage": _(
            "The gross wage of the sick calendar days (the hours not worked) over the gross wage "
            "of all available calendar days, leave left out, from the wage in each employment "
            "(Standaard verzuimregistratie). At the full wage: what was actually paid (70 to 100 "
            "percent, waiting days, the second year, the maximum daily wage) is on the cost page, "
            "per case."
        ),
    }


def _values(counts: f.Counts) -> list[object]:
    if counts.suppressed:
        return [suppressed_text()] * len(f.FIGURES)
    return [figure.value for figure in f.figures(counts).values()]


def _amount(number: Decimal) -> Decimal | int:
    """A numerator or denominator as people read it: whole, or to two decimals."""
    if number == number.to_integral_value():
        return int(number)
    return number.quantize(Decimal("0.01"))


def _month(window: f.Window) -> str:
    return format_month(window.start, engine_language())


def figures_table(board: Dashboard) -> Table:
    explained, labels = choices(board.basis), figure_labels()
    now, before = f.figures(board.total), f.figures(board.year_before)
    rows: list[list[object]] = []
    for key in f.FIGURES:
        if board.total.suppressed:
            rows.append([labels[key], suppressed_text(), None, None, None, explained[key]])
            continue
        past = before[key].value if not board.year_before.suppressed else suppressed_text()
        rows.append(
            [
                labels[key],
                now[key].value,
                past,
                _amount(now[key].numerator),
                _amount(now[key].denominator),
                explained[key],
            ]
        )
    return Table(
        "figures",
        _("The four figures"),
        [
            _("Figure"),
            _("This period"),
            _("Same period a year before"),
            _("Numerator"),
            _("Denominator"),
            _("How it is counted"),
        ],
        rows,
    )


def sector_table(board: Dashboard) -> Table:
    """The absence percentage beside CBS's for the employer's sector, each with its period."""
    own = board.total
    value = suppressed_text() if own.suppressed else f.absence_percentage(own).value
    period = f"{formats.date_format(board.window.start)} – {formats.date_format(board.window.end)}"
    rows: list[list[object]] = [[str(board.department or board.organisation), period, value]]
    section = board.organisation.sector
    sector = Sector(section).label if section else _("all sectors (SBI A-U)")
    name = _("CBS: %(sector)s") % {"sector": sector}
    figure = board.sector
    if figure is None:
        rows.append([name, _("no figure held"), None])
    else:
        quarter = _("quarter %(quarter)s of %(year)s") % {
            "quarter": figure.quarter,
            "year": figure.year,
        }
        if figure.provisional:
            quarter = _("%(period)s, provisional") % {"period": quarter}
        rows.append([name, quarter, figure.percentage])
    return Table(
        "sector",
        _("Beside the sector average (CBS)"),
        [_("Who"), _("Period"), _("Absence percentage")],
        rows,
    )


def trend_table(board: Dashboard) -> Table:
    labels = figure_labels()
    columns = [_("Month")]
    for key in f.FIGURES:
        columns += [labels[key], _("%(figure)s, a year before") % {"figure": labels[key]}]
    rows = []
    for month, now, before in zip(board.months, board.trend, board.trend_year_before, strict=True):
        values, past = _values(now), _values(before)
        rows.append([_month(month), *(v for pair in zip(values, past, strict=True) for v in pair)])
    return Table("trend", _("Trend per month, beside the same month a year before"), columns, rows)


def classes_table(board: Dashboard) -> Table:
    rows: list[list[object]] = []
    for month, counts in zip(board.months, board.trend, strict=True):
        if counts.suppressed:
            rows.append([_month(month), *[suppressed_text()] * (len(f.CLASSES) + 1)])
            continue
        parts = [part.value for part in f.class_percentages(counts)]
        rows.append([_month(month), *parts, f.absence_percentage(counts).value])
    return Table(
        "classes",
        _("Absence percentage by duration of the case"),
        [_("Month"), *class_labels(), _("Total")],
        rows,
    )


def departments_table(board: Dashboard) -> Table:
    labels = figure_labels()
    rows = []
    for row in board.departments:
        name = str(row.department) if row.department else _("No department")
        shown = "— " * row.depth + name
        frequent = suppressed_text() if row.counts.suppressed else row.frequent
        rows.append(
            [
                shown,
                row.counts.employees if not row.counts.suppressed else suppressed_text(),
                *_values(row.counts),
                frequent,
            ]
        )
    return Table(
        "departments",
        _("Per department (sub-departments included)"),
        [
            _("Department"),
            _("Employees"),
            *(labels[k] for k in f.FIGURES),
            _("Frequent absence (3 or more reports in 12 months)"),
        ],
        rows,
    )


BUILDERS = {
    "figures": figures_table,
    "sector": sector_table,
    "trend": trend_table,
    "classes": classes_table,
    "departments": departments_table,
}


def all_tables(board: Dashboard) -> dict[str, Table]:
    return {key: build(board) for key, build in BUILDERS.items()}
