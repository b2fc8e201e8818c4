"""Dated legal amounts: sorted, sourced, looked up by date, provisional when a row is missing (D16)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from openverzuim.law.parameters import TABLES, ParameterError, table, value_on


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


def test_the_published_youth_hourly_amounts_are_those_of_law_md():
    """law.md §4.2, 2025-07-01: 20 y 11.52; 19 y 8.64; 18 y 7.20; 17 y 5.69; 16 y 4.97; 15 y 4.32.
    The rows for the other dates of the hourly minimum wage are not in the sources."""
    rows = {row.effective_from: row.value for row in table("minimum_wage_youth_hourly").rows}
    assert rows == {
        date(2025, 7, 1): {
            age: Decimal(amount)
            for age, amount in (
                ("15", "4.32"),
                ("16", "4.97"),
                ("17", "5.69"),
                ("18", "7.20"),
                ("19", "8.64"),
                ("20", "11.52"),
            )
        }
    }


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
