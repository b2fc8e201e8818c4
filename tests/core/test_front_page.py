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
