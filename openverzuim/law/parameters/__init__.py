"""Legal amounts that change by date, as data (architecture.md rule 3; style.md §2.5).

Each table is a TOML file beside this module: rows with `effective_from`, a decimal string and a
source. `value_on(name, day)` returns the row in force on `day`. A day before the first row is an
error, never zero; a day on or after an expected indexation date without a row gets the latest row,
marked provisional and naming the missing row (decision D16).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


class ParameterError(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Row:
    effective_from: date
    value: Any  # Decimal, or a dict of Decimals
    unit: str
    published: str
    source: str
    source_kind: str
    note: str = ""
    #: The primary publication that fixed the amount ("Stb. 2022, 381", "Stcrt. 2025, 12264", or
    #: "besluit SZW nr. …" where its Staatscourant number is not known); "" where not found.
    publication: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    basis: str  # "WML art. 8": the source's short name (citations.SOURCE_BY_SHORT) and article
    indexed_on: tuple[str, ...]  # "MM-DD"
    last_checked: date
    rows: tuple[Row, ...]


class MissingRow(str):
    """The row a date should have had (decision D16), as the text the outputs print, with its
    parts kept for the pages that name it in the reader's language."""

    name: str
    effective_from: date

    def __new__(cls, name: str, effective_from: date) -> MissingRow:
        text = super().__new__(cls, f"{name} row for {effective_from}")
        text.name, text.effective_from = name, effective_from
        return text


@dataclass(frozen=True, slots=True)
class Dated:
    """A value with the row it came from; `missing` names the row that should have been used."""

    value: Any
    row: Row
    table: Table
    missing: MissingRow | None = None
    valid_from: date = date.min  # the same answer, `missing` included, holds on these days
    valid_until: date = date.max

    @property
    def provisional(self) -> bool:
        return self.missing is not None


def _decimal(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: Decimal(str(item)) for key, item in value.items()}
    if not isinstance(value, str):
        raise ParameterError(f"amounts are decimal strings, got {value!r}")
    return Decimal(value)


@cache
def table(name: str) -> Table:
    path = HERE / f"{name}.toml"
    if not path.exists():
        raise ParameterError(f"no parameter table {name!r}")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    rows = tuple(
        sorted(
            (
                Row(
                    r["effective_from"],
                    _decimal(r["value"]),
                    r["unit"],
                    r["published"],
                    r["source"],
                    r["source_kind"],
                    r.get("note", ""),
                    r.get("publication", ""),
                )
                for r in data["values"]
            ),
            key=lambda r: r.effective_from,
        )
    )
    basis = data["basis"]
    return Table(
        data["name"],
        data["description"],
        f"{basis['source']} art. {basis['article']}",
        tuple(data["indexed_on"]),
        data["last_checked"],
        rows,
    )


def _expected_dates(indexed_on: tuple[str, ...], start: date, end: date) -> list[date]:
    dates = []
    for year in range(start.year, end.year + 1):
        for month_day in indexed_on:
            month, day = (int(part) for part in month_day.split("-"))
            expected = date(year, month, day)
            if start < expected <= end:
                dates.append(expected)
    return dates


def value_on(name: str, day: date) -> Dated:
    data = table(name)
    if day < data.rows[0].effective_from:
        raise ParameterError(
            f"{name}: no value before {data.rows[0].effective_from} (asked for {day})"
        )
    index = next(i for i in range(len(data.rows) - 1, -1, -1) if data.rows[i].effective_from <= day)
    row = data.rows[index]
    following = data.rows[index + 1].effective_from if index + 1 < len(data.rows) else date.max
    later = _expected_dates(data.indexed_on, row.effective_from, day)
    if later:
        return Dated(
            row.value,
            row,
            data,
            MissingRow(name, later[0]),
            later[0],
            following - timedelta(days=1),
        )
    # Valid until the next row or the next expected indexation date, whichever comes first.
    expected = _expected_dates(
        data.indexed_on,
        row.effective_from,
        date(min(row.effective_from.year + 1, date.max.year - 1), 12, 31),
    )
    until = min([following, *expected])
    return Dated(
        row.value,
        row,
        data,
        None,
        row.effective_from,
        until - timedelta(days=1) if until != date.max else date.max,
    )


TABLES = tuple(sorted(p.stem for p in HERE.glob("*.toml")))
