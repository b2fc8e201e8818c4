"""The rollup (cases.statistics_rollup) gives the counts `reports.counting` gives."""

from __future__ import annotations

from datetime import date

from openverzuim.cases.statistics_rollup import statistics_rebuild
from openverzuim.reports import figures as f
from openverzuim.reports.counting import Basis
from openverzuim.reports.rollup import statistics_check
from tests.reports.statistics_world import worked_example

WINDOWS = [
    f.Window(date(2026, 1, 1), date(2026, 3, 31)),
    f.Window(date(2026, 1, 1), date(2026, 1, 31)),
    f.Window(date(2025, 12, 25), date(2026, 2, 3)),
    f.Window(date(2026, 3, 10), date(2026, 3, 20)),
    f.Window(date(2025, 1, 1), date(2025, 12, 31)),
]


def test_the_worked_example_through_the_rollup(bakery):
    worked_example(bakery)
    statistics_rebuild(bakery.pk)
    for basis in (Basis(), Basis("working"), Basis(weight="headcount")):
        assert statistics_check(bakery, WINDOWS, basis) == []
