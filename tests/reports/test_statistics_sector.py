"""The sector average: CBS's published absence percentage of the employer's SBI section (StatLine
80072ned, dated and sourced in reports/sector.py) beside the employer's own, on the page and in
the exports; the sector is a setting of the employer that its administrators name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openverzuim.accounts import services as account_services
from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.policies import grants
from openverzuim.reports import sector
from openverzuim.reports.figures import Window
from tests.reports.statistics_world import worked_example

URL = reverse("reports:statistics")
SECTOR = reverse("reports:statistics_sector")
Q4_2022 = Window(date(2022, 10, 1), date(2022, 12, 31))


def test_the_figure_of_the_quarter_or_the_latest_before_it():
    construction = sector.sector_figure("F", Window(date(2022, 7, 1), date(2022, 9, 30)))
    assert construction is not None
    assert (construction.year, construction.quarter, construction.percentage) == (
        2022,
        3,
        Decimal("4.9"),
    )
    assert construction.provisional
    # A later window gets the latest quarter held; an earlier one nothing (no figure is invented).
    assert sector.sector_figure("Q", Q4_2022).percentage == Decimal("7.1")  # type: ignore[union-attr]
    assert sector.sector_figure("Q", Window(date(2022, 4, 1), date(2022, 6, 30))) is None
    # No sector named: all sectors together; a section whose row is not held: nothing.
    assert sector.sector_figure("", Q4_2022).section == sector.ALL_SECTIONS  # type: ignore[union-attr]
    assert sector.sector_figure("S", Q4_2022) is None


def test_every_held_figure_names_a_section_and_is_a_percentage():
    from openverzuim.accounts.models import Sector

    for item in sector.FIGURES:
        assert item.section in {*Sector.values, sector.ALL_SECTIONS}
        assert Decimal(0) < item.percentage < Decimal(100) and 1 <= item.quarter <= 4
    assert sector.SOURCE_URL.startswith("https://www.cbs.nl/") and "80072ned" in sector.SOURCE


def test_the_administrator_names_the_sector_and_the_page_compares(client, anna, bakery):
    worked_example(bakery)
    client.force_login(anna)
    form = client.get(SECTOR, HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200 and "SBI" in form.content.decode()
    response = client.post(SECTOR, {"organisation": bakery.pk, "sector": "I"})
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert bakery.sector == "I"
    assert AuditEntry.objects.filter(
        user_id=anna.pk, organisation_id=bakery.pk, subject="organisation sector"
    ).exists()
    page = client.get(
        URL,
        {"organisation": bakery.pk, "period": "quarter", "month": "2026-03"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    rows = page.context["tables"]["sector"].rows
    assert rows[0][2] == Decimal("14.61")
    assert rows[1] == [
        "CBS: I Accommodation and food serving",
        "quarter 3 of 2022, provisional",
        Decimal("4.1"),
    ]
    assert "80072ned" in page.content.decode()


def test_without_a_sector_all_sectors(client, anna, bakery):
    worked_example(bakery)
    client.force_login(anna)
    page = client.get(
        URL,
        {"organisation": bakery.pk, "period": "quarter", "month": "2026-03"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.context["tables"]["sector"].rows[1][0] == "CBS: all sectors (SBI A-U)"
    assert page.context["tables"]["sector"].rows[1][2] == Decimal("5.0")


@pytest.mark.parametrize("value", ["Z", "A\x00", "", "AB"])
def test_a_bad_sector_names_the_field(client, anna, bakery, value):
    client.force_login(anna)
    response = client.post(
        SECTOR, {"organisation": bakery.pk, "sector": value}, HTTP_ACCEPT_LANGUAGE="en"
    )
    if value == "":  # no sector: compare with all sectors
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert "Sector: choose one of the SBI sections" in response.content.decode()


def test_another_employer_cannot_name_the_sector(client, carla, anna, bakery):
    assert grants("choose_sector") == {
        "employer_admin": "organisation",
        "arbodienst_admin": "served",
    }
    client.force_login(carla)
    response = client.post(SECTOR, {"organisation": bakery.pk, "sector": "F"})
    assert response.status_code in (200, 404)
    bakery.refresh_from_db()
    assert bakery.sector == ""
    with pytest.raises(ValidationError):
        account_services.sector_set(by=carla, organisation=bakery, sector="F")
