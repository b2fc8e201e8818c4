"""One row of the file -> checked values, or errors naming the column and the reason.

Dates: dd-mm-jjjj (also with / or .) and ISO jjjj-mm-dd. Numbers: Dutch "1.234,56" and plain
"1234.56"; a single point followed by exactly three digits is a thousands separator ("3.500" is
3500), since no column has three decimals. No exponents, NaN or infinity. docs/import.md.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .columns import COLUMNS, EMPLOYMENT_COLUMNS

_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CENT = Decimal("0.01")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)

MAX_LENGTH = {
    "employee_number": 40,
    "first_name": 100,
    "last_name": 100,
    "last_name_prefix": 20,
    "work_email": 254,
    "department": 200,
}
#: (lowest, highest) of the numbers, as the Employment model's validators say.
BOUNDS = {
    "contract_hours": (Decimal("0.01"), Decimal("60")),
    "fulltime_hours": (Decimal("1"), Decimal("60")),
    "wage": (Decimal("0"), Decimal("99999999.99")),
}

WAGE_PERIODS = {
    "month": ("month", "maand", "permaand", "m", "maandelijks", "monthly"),
    "four_weeks": (
        "fourweeks",
        "four_weeks",
        "4weken",
        "vierweken",
        "per4weken",
        "4w",
        "vierwekelijks",
        "4wekelijks",
    ),
    "week": ("week", "perweek", "w", "wekelijks", "weekly"),
    "hour": ("hour", "uur", "peruur", "u", "hourly"),
}
_PERIOD = {alias: code for code, aliases in WAGE_PERIODS.items() for alias in aliases}


class CellError(ValueError):
    pass


def parse_date(text: str) -> date:
    if match := _DUTCH_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(
            _("“%(value)s” is not a date (dd-mm-jjjj or jjjj-mm-dd).") % {"value": text[:40]}
        )
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellError(_("“%(value)s” is not an existing date.") % {"value": text[:40]}) from None
    if not EARLIEST <= value <= LATEST:
        raise CellError(_("%(value)s lies outside 1900–2100.") % {"value": text[:40]})
    return value


def parse_decimal(text: str) -> Decimal:
    plain = text.replace(" ", "").replace("\u00a0", "").replace("€", "")
    if "," in plain:  # Dutch: points group thousands, the comma is the decimal sign
        plain = plain.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", plain):
        plain = plain.replace(".", "")  # "3.500", "1.234.567": thousands
    if not _NUMBER.fullmatch(plain):
        raise CellError(_("“%(value)s” is not a number.") % {"value": text[:40]})
    return Decimal(plain).quantize(_CENT, rounding=ROUND_HALF_UP)


def _parse(column: str, text: str, today: date):
    if column in MAX_LENGTH:
        if len(text) > MAX_LENGTH[column]:
            raise CellError(_("Longer than %(max)s characters.") % {"max": MAX_LENGTH[column]})
        if column == "work_email":
            try:
                validate_email(text)
            except ValidationError:
                raise CellError(
                    _("“%(value)s” is not an e-mail address.") % {"value": text[:60]}
                ) from None
        return text
    if column in ("date_of_birth", "employment_start", "employment_end"):
        day = parse_date(text)
        if column == "date_of_birth" and day >= today:
            raise CellError(_("The date of birth must lie in the past."))
        return day
    if column == "wage_period":
        code = _PERIOD.get(re.sub(r"[^a-z0-9_]", "", text.lower()))
        if code is None:
            raise CellError(
                _("“%(value)s” is not a wage period (maand, 4 weken, week or uur).")
                % {"value": text[:40]}
            )
        return code
    value = parse_decimal(text)
    low, high = BOUNDS[column]
    if not low <= value <= high:
        raise CellError(
            _("%(value)s lies outside %(low)s–%(high)s.")
            % {"value": text[:40], "low": low, "high": high}
        )
    return value


def parse_row(
    cells: list[str], mapping: dict[str, int], today: date
) -> tuple[dict, list[tuple[str, str]]]:
    """(values of the non-blank mapped cells, [(column, reason), ...])."""
    values: dict = {}
    errors: list[tuple[str, str]] = []
    for column, index in mapping.items():
        text = cells[index] if index < len(cells) else ""
        if not text:
            continue
        try:
            values[column] = _parse(column, text, today)
        except CellError as error:
            errors.append((column, str(error)))
    failed = {column for column, _reason in errors}
    for column in ("employee_number", "first_name", "last_name"):
        if column not in values and column not in failed:
            errors.append((column, _("This column is required.")))
    has_employment = any(column in values or column in failed for column in EMPLOYMENT_COLUMNS)
    if has_employment:
        for column in ("employment_start", "contract_hours", "wage"):
            if column not in values and column not in failed:
                errors.append(
                    (column, _("Required with an employment: start, contract hours and wage."))
                )
    prefix = values.pop("last_name_prefix", None)
    if prefix and "last_name" in values:
        values["last_name"] = f"{prefix} {values['last_name']}"
        if len(values["last_name"]) > MAX_LENGTH["last_name"]:
            errors.append(
                (
                    "last_name",
                    _("Longer than %(max)s characters.") % {"max": MAX_LENGTH["last_name"]},
                )
            )
    end, start = values.get("employment_end"), values.get("employment_start")
    if end and start and end < start:
        errors.append(("employment_end", _("The end lies before the start of the employment.")))
    return values, errors


def label(column: str) -> str:
    return str(COLUMNS[column][0])
