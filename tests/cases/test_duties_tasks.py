"""`manage.py duties_recompute --tasks`: the nightly recompute as one job per slice of open cases
(here run at once by the immediate backend; tests/deployment runs them in two db_worker processes)."""

from __future__ import annotations

from datetime import date
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command

from openverzuim.cases.duties import duties_check, open_case_slices
from openverzuim.cases.models import Duty

TODAY = date(2026, 11, 22)

pytestmark = pytest.mark.django_db


def test_the_jobs_cover_every_open_case_once_and_the_table_agrees():
    call_command(
        "generate_load",
        "--employees",
        "120",
        "--open-cases",
        "25",
        "--batch",
        "100",
        "--today",
        TODAY.isoformat(),
        stdout=StringIO(),
    )
    Duty.objects.all().delete()
    slices = list(open_case_slices(batch_size=4))
    assert len(slices) == 7
    assert all(low <= high < next_low for (low, high), (next_low, _) in pairwise(slices))
    out = StringIO()
    call_command(
        "duties_recompute", "--tasks", "--batch-size", "4", "--today", TODAY.isoformat(), stdout=out
    )
    assert "7 recompute job(s) enqueued" in out.getvalue()
    assert duties_check(TODAY) == (75, [])
    assert Duty.objects.values("case").distinct().count() == 25
