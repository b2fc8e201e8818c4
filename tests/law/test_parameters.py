"""Dated legal amounts: sorted, sourced, looked up by date, provisional when a row is missing (D16)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from openverzuim.law.citations import SOURCE_BY_SHORT
from openverzuim.law.parameters import TABLES, ParameterError, table, value_on

LAW_TEXTS = Path(__file__).resolve().parents[2] / "docs" / "law-texts"


@pytest.mark.parametrize("name", TABLES)
def test_rows_are_sorted_unique_and_sourced(name):
    data = table(name)
    dates = [r.effective_from for r in data.rows]
    assert dates == sorted(set(dates)), "rows sorted, no date twice"
    for row in data.rows:
        assert row.published and row.source and row.source_kind in {"S", "P", "U", "G"}
        amounts = row.value.values() if isinstance(row.value, dict) else [row.value]
        assert all(isinstance(a, Decimal) and a > 0 for a in amounts)
    assert data.last_checked >= dates[-1]


@pytest.mark.parametrize(
    "name, day, value, missing",
    [
        ("minimum_wage", date(2023, 6, 30), Decimal("1934.40"), None),
        ("minimum_wage", date(2023, 7, 1), Decimal("1995.00"), None),
        ("minimum_wage", date(2024, 1, 1), Decimal("13.27"), None),  # the hourly minimum begins
        ("minimum_wage", date(2026, 6, 30), Decimal("14.71"), None),
        ("minimum_wage", date(2026, 7, 1), Decimal("14.71"), "minimum_wage row for 2026-07-01"),
        ("maximum_daily_wage", date(2025, 6, 30), Decimal("290.67"), None),
        (
            "maximum_daily_wage",
            date(2025, 7, 1),
            Decimal("290.67"),
            "maximum_daily_wage row for 2025-07-01",
        ),
        ("maximum_daily_wage", date(2026, 1, 1), Decimal("304.25"), None),
    ],
)
def test_the_value_on_a_day_is_the_latest_row_in_force(name, day, value, missing):
    found = value_on(name, day)
    assert (found.value, found.missing, found.provisional) == (value, missing, missing is not None)


# Every row of law.md §4.2 and §4.3, one line each: adding a row to a table adds a line here.
PUBLISHED = [
    ("minimum_wage", date(2023, 1, 1), "1934.40"),
    ("minimum_wage", date(2023, 7, 1), "1995.00"),
    ("minimum_wage", date(2024, 1, 1), "13.27"),
    ("minimum_wage", date(2024, 7, 1), "13.68"),
    ("minimum_wage", date(2025, 1, 1), "14.06"),
    ("minimum_wage", date(2025, 7, 1), "14.40"),
    ("minimum_wage", date(2026, 1, 1), "14.71"),
    ("maximum_daily_wage", date(2023, 1, 1), "256.54"),
    ("maximum_daily_wage", date(2023, 7, 1), "264.57"),
    ("maximum_daily_wage", date(2024, 1, 1), "274.44"),
    ("maximum_daily_wage", date(2024, 7, 1), "282.95"),
    ("maximum_daily_wage", date(2025, 1, 1), "290.67"),
    ("maximum_daily_wage", date(2026, 1, 1), "304.25"),
]
# Indexation dates without a published row in the sources: results on and after them are provisional.
NOT_YET_FOUND = {
    ("maximum_daily_wage", date(2025, 7, 1)),  # law.md OQ-13
    ("maximum_daily_wage", date(2026, 7, 1)),
    ("minimum_wage", date(2026, 7, 1)),
}  # law.md OQ-26
COVERED_UNTIL = date(2026, 11, 23)


# The published hourly amounts per age (15 to 20), as each decision's table gives them: never the
# percentage of the adult amount rounded later (e.g. 2026-01-01, 19 years: 60% of 14.71 is 8.826,
# published 8.83).
YOUTH_HOURLY = {
    date(2024, 1, 1): ("3.98", "4.58", "5.24", "6.64", "7.96", "10.62"),
    date(2024, 7, 1): ("4.10", "4.72", "5.40", "6.84", "8.21", "10.94"),
    date(2025, 1, 1): ("4.22", "4.85", "5.55", "7.03", "8.44", "11.25"),
    date(2025, 7, 1): ("4.32", "4.97", "5.69", "7.20", "8.64", "11.52"),
    date(2026, 1, 1): ("4.41", "5.07", "5.81", "7.36", "8.83", "11.77"),
}


YOUTH_MONTHLY = {
    date(2023, 1, 1): ("580.30", "667.35", "764.10", "967.20", "1160.65", "1547.50"),
    date(2023, 7, 1): ("598.50", "688.30", "788.05", "997.50", "1197.00", "1596.00"),
}


@pytest.mark.parametrize(
    "name, unit, published",
    [
        ("minimum_wage_youth_monthly", "month", YOUTH_MONTHLY),
        ("minimum_wage_youth_hourly", "hour", YOUTH_HOURLY),
    ],
)
def test_the_published_youth_amounts_cover_every_adult_row(name, unit, published):
    rows = {row.effective_from: row.value for row in table(name).rows}
    assert rows == {
        day: {str(age): Decimal(amount) for age, amount in zip(range(15, 21), amounts, strict=True)}
        for day, amounts in published.items()
    }
    assert set(rows) == {r.effective_from for r in table("minimum_wage").rows if r.unit == unit}


# Rows whose primary publication (Staatsblad, Staatscourant or the Minister's decision by number)
# was not found: they name the secondary pages they were read from. Finding one empties a line here.
NO_PRIMARY_PUBLICATION = {
    ("maximum_daily_wage", date(2023, 1, 1)),
    ("maximum_daily_wage", date(2023, 7, 1)),
    ("maximum_daily_wage", date(2024, 1, 1)),
    ("maximum_daily_wage", date(2024, 7, 1)),
    ("minimum_wage", date(2024, 7, 1)),
    ("minimum_wage_youth_hourly", date(2024, 7, 1)),
    ("minimum_wage_youth", date(2019, 7, 1)),  # "Besluit minimumjeugdloonbedragen", not numbered
    ("minimum_wage_youth_monthly", date(2023, 1, 1)),  # the table's publication is not identified
    ("expert_opinion_fee", date(2013, 1, 1)),  # a UWV page (law.md §6.1)
}
PRIMARY = re.compile(r"(Stb|Stcrt)\. \d{4}, \d+|besluit SZW nr\. \d{4}-\d{10}")


@pytest.mark.parametrize("name", TABLES)
def test_every_row_cites_its_primary_publication_or_is_a_listed_gap(name):
    for row in table(name).rows:
        key = (name, row.effective_from)
        if key in NO_PRIMARY_PUBLICATION:
            assert row.publication == "", f"{key} has a publication now: drop it from the list"
        else:
            assert PRIMARY.fullmatch(row.publication), f"{key}: {row.publication!r}"


# The articles a table's basis names that are not in docs/law-texts/ (whose WML is the 2015 text).
BASIS_NOT_IN_LAW_TEXTS = {"WML art. 9"}  # the youth scale; the 2015 art. 9 is about payment terms


@pytest.mark.parametrize("name", TABLES)
def test_every_tables_basis_is_a_source_of_the_engine_with_that_article(name):
    basis = table(name).basis
    short, article = basis.split(" art. ")
    source = SOURCE_BY_SHORT[short]
    text = (LAW_TEXTS / source.law_text).read_text(encoding="utf-8")
    heading = re.search(rf"^###\s*Artikel\s+{re.escape(article)}\s*$", text, re.MULTILINE)
    assert bool(heading) != (basis in BASIS_NOT_IN_LAW_TEXTS), basis


@pytest.mark.parametrize("name, day, value", PUBLISHED)
def test_each_published_row_is_in_its_table(name, day, value):
    found = value_on(name, day)
    assert (found.row.effective_from, found.value, found.provisional) == (
        day,
        Decimal(value),
        False,
    )


@pytest.mark.parametrize("name", ["minimum_wage", "maximum_daily_wage"])
def test_the_tables_cover_2023_to_today_or_name_the_row_still_missing(name):
    data = table(name)
    rows = {row.effective_from for row in data.rows}
    assert data.rows[0].effective_from <= date(2023, 1, 1)
    expected = {
        date(year, int(md[:2]), int(md[3:])) for year in range(2023, 2027) for md in data.indexed_on
    }
    expected = {day for day in expected if day <= COVERED_UNTIL}
    assert expected - rows == {day for table_name, day in NOT_YET_FOUND if table_name == name}
    assert rows == {day for table_name, day, _ in PUBLISHED if table_name == name}


def test_a_day_before_the_first_row_is_an_error_never_zero():
    with pytest.raises(ParameterError, match="no value before 2023-01-01"):
        value_on("minimum_wage", date(2022, 12, 31))


def test_an_unknown_table_is_an_error():
    with pytest.raises(ParameterError, match="no parameter table"):
        value_on("maximum_wage", date(2026, 1, 1))


def test_adding_a_row_is_a_data_change(tmp_path, monkeypatch):
    import openverzuim.law.parameters as parameters

    source = (parameters.HERE / "minimum_wage.toml").read_text(encoding="utf-8")
    (tmp_path / "minimum_wage.toml").write_text(
        source
        + """
[[values]]
effective_from = 2026-07-01
unit = "hour"
value = "15.00"
published = "test"
source = "test"
source_kind = "S"
""",
        encoding="utf-8",
    )
    monkeypatch.setattr(parameters, "HERE", tmp_path)
    parameters.table.cache_clear()
    try:
        found = value_on("minimum_wage", date(2026, 11, 22))
        assert (found.value, found.provisional) == (Decimal("15.00"), False)
    finally:
        parameters.table.cache_clear()


@pytest.mark.parametrize(
    "name, day, valid_from, valid_until",
    [
        ("minimum_wage", date(2026, 3, 1), date(2026, 1, 1), date(2026, 6, 30)),
        # Provisional from the missing 1 July row on, until a row is added.
        ("minimum_wage", date(2026, 8, 1), date(2026, 7, 1), date.max - timedelta(days=1)),
        ("maximum_daily_wage", date(2025, 8, 1), date(2025, 7, 1), date(2025, 12, 31)),
        ("maximum_daily_wage", date(2025, 3, 1), date(2025, 1, 1), date(2025, 6, 30)),
        ("minimum_wage_youth", date(2026, 3, 1), date(2019, 7, 1), date.max),
    ],
)
def test_an_answer_says_on_which_days_it_holds(name, day, valid_from, valid_until):
    found = value_on(name, day)
    assert (found.valid_from, found.valid_until) == (valid_from, valid_until)
    for edge in (valid_from, min(valid_until, date(2030, 1, 1))):
        again = value_on(name, edge)
        assert (again.value, again.missing) == (found.value, found.missing)
