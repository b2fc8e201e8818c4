"""The employer administrator names the arbodienst that serves the employer, and from when; the
physicians of that arbodienst then reach its cases, and the re-integration report names it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Organisation
from openverzuim.accounts.policies import grants
from openverzuim.cases.policies import can


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def gezond(db) -> Organisation:
    return Organisation.objects.create(name="Arbodienst Gezond", kind=Organisation.Kind.ARBODIENST)


def test_the_policy_table_grants_it_to_the_employer_administrator_only():
    assert grants("choose_arbodienst") == {"employer_admin": "organisation"}


def test_the_administrator_sets_the_arbodienst_and_its_physicians_reach_the_cases(
    client, anna, bakery, gezond, eva_sick, django_user_model
):
    from openverzuim.accounts.models import Membership

    doctor = django_user_model.objects.create(username="dokter")
    Membership.objects.create(user=doctor, organisation=gezond, role="occupational_physician")
    assert not can(doctor, "view", eva_sick)
    client.force_login(anna)
    response = client.post(
        reverse("accounts:arbodienst"),
        {"organisation": bakery.pk, "arbodienst": gezond.pk, "served_since": "2026-01-01"},
    )
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert (bakery.served_by, bakery.served_since) == (gezond, date(2026, 1, 1))
    assert can(doctor, "view", eva_sick)
    assert (
        AuditEntry.objects.filter(
            organisation_id=bakery.pk, action="write", subject="organisation arbodienst"
        ).count()
        == 1
    )
    page = client.get(reverse("accounts:arbodienst")).content.decode()
    assert "Arbodienst Gezond" in page and "1 Jan 2026" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"served_since": ""}, "served_since"),
        ({"served_since": "9999-12-31"}, "served_since"),
        ({"served_since": "2026-01-\x0001"}, "served_since"),
        ({"arbodienst": "999999999999999999999"}, "arbodienst"),
    ],
)
def test_bad_input_is_named_on_its_field(client, anna, bakery, gezond, data, field):
    client.force_login(anna)
    data = {"organisation": bakery.pk, "arbodienst": gezond.pk, "served_since": "2026-01-01"} | data
    response = client.post(reverse("accounts:arbodienst"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    bakery.refresh_from_db()
    assert bakery.served_by is None


def test_another_employer_and_other_roles_cannot_set_it(client, carla, bram, bakery, gezond):
    for user in (carla, bram):
        client.force_login(user)
        response = client.post(
            reverse("accounts:arbodienst"),
            {"organisation": bakery.pk, "arbodienst": gezond.pk, "served_since": "2026-01-01"},
        )
        assert response.status_code in (200, 404)
        bakery.refresh_from_db()
        assert bakery.served_by is None
    client.force_login(carla)  # her own organisation only is offered
    form = client.get(reverse("accounts:arbodienst")).context["form"]
    assert bakery not in form.fields["organisation"].queryset


def test_an_employer_cannot_be_named_as_an_arbodienst(anna, bakery, installer):
    from django.core.exceptions import ValidationError

    from openverzuim.accounts import services

    with pytest.raises(ValidationError) as error:
        services.arbodienst_set(
            by=anna, organisation=bakery, arbodienst=installer, served_since=date(2026, 1, 1)
        )
    assert "arbodienst" in error.value.message_dict
