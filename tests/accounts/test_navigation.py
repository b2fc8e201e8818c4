"""The menu shows the privacy pages only to those who may open them."""

from __future__ import annotations

from django.urls import reverse


def test_the_employee_sees_who_viewed_and_the_administrator_the_audit_trail(client, eva_user, anna):
    client.force_login(eva_user)
    page = client.get(reverse("core:about")).content.decode()
    assert reverse("portal:who_viewed") in page and reverse("accounts:audit_log") not in page
    client.force_login(anna)
    page = client.get(reverse("core:about")).content.decode()
    assert reverse("accounts:audit_log") in page and reverse("accounts:invite") in page
    assert reverse("portal:who_viewed") not in page


def test_the_risks_overview_and_the_employees_path_are_in_the_menu_for_who_may_open_them(
    client, eva_user, anna, bram, carla
):
    risks, own_path = reverse("measures:risks"), reverse("measures:my_path")
    for user in (anna, bram, carla):  # employer administrators and case managers
        client.force_login(user)
        page = client.get(reverse("core:about")).content.decode()
        assert f'href="{risks}"' in page and f'href="{own_path}"' not in page, user
        assert client.get(risks).status_code == 200
    client.force_login(eva_user)
    page = client.get(reverse("core:about")).content.decode()
    assert f'href="{own_path}"' in page and f'href="{risks}"' not in page
    assert client.get(own_path).status_code == 200


def test_the_case_page_links_its_risks_and_escalation_paths(client, anna, eva_sick):
    client.force_login(anna)
    case_page = client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    measures = reverse("measures:case", args=[eva_sick.pk])
    assert f'href="{measures}"' in case_page
    paths = client.get(measures).content.decode()
    assert reverse("measures:path", args=[eva_sick.pk, "stalled"]) in paths
