"""counting.py on facts that did not pass contract.py (the Django side builds them from the database)."""

from __future__ import annotations

from datetime import date

import pytest

from openverzuim.law import SicknessPeriod
from openverzuim.law.counting import Episode, chain_periods

OPEN_THEN_ANOTHER = (SicknessPeriod(date(2026, 1, 5)), SicknessPeriod(date(2026, 3, 2)))
MESSAGE = "the sickness period from 2026-01-05 is open, but a later one follows"


def test_an_open_period_followed_by_another_is_refused_by_name_when_chaining():
    with pytest.raises(ValueError, match=MESSAGE):
        chain_periods(OPEN_THEN_ANOTHER)


def test_an_open_period_followed_by_another_is_refused_by_name_as_an_episode():
    with pytest.raises(ValueError, match=MESSAGE):
        Episode(OPEN_THEN_ANOTHER)
