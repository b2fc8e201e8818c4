"""The employee's "who viewed my dossier" page: others' reads and writes of their own dossier, in
plain words; nothing about other people's dossiers; only for the employee."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openverzuim.accounts.audit import record_read, record_write
from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Employee

# The retention job and the access request reach the medical vault as well.
pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_it_shows_eva_who_read_and_changed_her_dossier(client, eva_user, eva_sick, anna, bram):
    record_read(
        user=anna,
        organisation_id=eva_sick.organisation_id,
        case_id=eva_sick.pk,
        employee_id=eva_sick.employee_id,
        subject="case",
    )
    record_write(
        user=bram, organisation_id=eva_sick.organisation_id, case_id=eva_sick.pk, subject="event"
    )
    record_read(user=eva_user, case_id=eva_sick.pk, subject="case")  # her own read: not listed
    record_read(user=anna, case_id=eva_sick.pk + 1000, subject="Otto's case")
    client.force_login(eva_user)
    page = client.get(reverse("portal:who_viewed"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Anna (Employer / HR) viewed your dossier" in page
    assert "Bram (Case manager) changed your dossier" in page
    assert "Otto" not in page
    # Besides these two: Anna reporting Eva sick (eva_sick), and her contract, made without a user.
    assert "Anna (Employer / HR) changed your dossier" in page
    assert page.count("<li>") == 4


def test_it_says_so_when_nobody_viewed_it(client, bakery):
    """A record made outside the services (so without an audit entry), and nobody read it."""
    otto = User.objects.create_user("otto")
    Membership.objects.create(user=otto, organisation=bakery, role=Role.EMPLOYEE)
    Employee.objects.create(
        organisation=bakery,
        first_name="Otto",
        last_name="Bakker",
        employee_number="1007",
        user=otto,
    )
    client.force_login(otto)
    page = client.get(reverse("portal:who_viewed"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nobody else has viewed your dossier yet." in page


def test_an_employer_cannot_open_an_employees_page(client, anna, eva_sick):
    client.force_login(anna)
    assert client.get(reverse("portal:who_viewed")).status_code == 404
