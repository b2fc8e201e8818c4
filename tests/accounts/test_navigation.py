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
