"""The front page sends each person to their own start."""

from __future__ import annotations

from django.urls import reverse


def test_an_employee_starts_at_their_own_case(client, eva_user):
    client.force_login(eva_user)
    assert client.get("/")["Location"] == reverse("portal:my_case")


def test_a_physician_starts_at_the_medical_caseload(client, dirk, verified_login):
    verified_login(client, dirk)
    assert client.get("/")["Location"] == reverse("medical:caseload")


def test_an_employer_starts_at_the_worklist(client, anna, today):
    client.force_login(anna)
    assert client.get("/").status_code == 200


def test_the_menu_shows_an_employee_only_links_that_work(client, eva_user):
    client.force_login(eva_user)
    body = client.get(reverse("portal:my_case")).content.decode()
    assert reverse("portal:my_case") in body and reverse("documents:mine") in body
    for employer_page in ("cases:list", "cases:employees", "reports:costs"):
        assert f'href="{reverse(employer_page)}"' not in body


def test_an_arbodienst_administrator_starts_at_the_caseload(client, finn):
    client.force_login(finn)
    assert client.get("/")["Location"] == reverse("reports:caseload")


def test_an_arbodienst_administrator_who_is_also_an_employer_starts_at_the_worklist(
    client, finn, bakery, today
):
    from openverzuim.accounts.models import Membership
    from openverzuim.accounts.roles import Role

    Membership.objects.create(user=finn, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    client.force_login(finn)
    assert client.get("/").status_code == 200


def test_the_menu_leads_those_who_plan_the_work_to_the_caseload(client, finn, anna, bram, today):
    link = f'href="{reverse("reports:caseload")}"'
    client.force_login(finn)
    body = client.get(reverse("reports:caseload")).content.decode()
    assert link in body
    assert f'href="{reverse("cases:list")}"' not in body  # no case to open
    client.force_login(anna)
    assert link in client.get(reverse("core:about")).content.decode()
    client.force_login(bram)
    assert link not in client.get(reverse("core:about")).content.decode()
