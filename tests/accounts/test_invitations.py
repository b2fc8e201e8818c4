"""Invitations: an administrator invites someone to a role; they choose their own (strong) password
through a signed link that works once and expires."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from openverzuim.accounts.models import Membership, User


def invite(client, organisation, email="nina@example.nl", role="case_manager"):
    return client.post(
        reverse("accounts:invite"), {"email": email, "organisation": organisation.pk, "role": role}
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body)[1]


def test_it_invites_a_case_manager_who_sets_a_password_and_logs_in(client, anna, bakery):
    client.force_login(anna)
    assert invite(client, bakery).status_code == 302
    nina = User.objects.get(username="nina@example.nl")
    assert not nina.has_usable_password()
    assert Membership.objects.get(user=nina).role == "case_manager"
    (message,) = mail.outbox
    assert message.to == ["nina@example.nl"] and "Bakkerij De Korenschoof" in message.body
    client.logout()
    link = link_in(message)
    weak = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert "new_password2" in weak.context["form"].errors
    strong = "kaneel-broodje-7-zolder"
    done = client.post(link, {"new_password1": strong, "new_password2": strong})
    assert done["Location"] == reverse("login")
    assert (
        client.post(
            reverse("login"), {"username": "nina@example.nl", "password": strong}
        ).status_code
        == 302
    )


def test_the_link_works_once(client, anna, bakery):
    client.force_login(anna)
    invite(client, bakery)
    client.logout()
    link = link_in(mail.outbox[0])
    strong = "kaneel-broodje-7-zolder"
    client.post(link, {"new_password1": strong, "new_password2": strong})
    again = client.get(link)
    assert (
        again.status_code == 400 and "werkt niet (meer)" in again.content.decode()
    )  # Dutch, the default


def test_an_expired_link_is_refused(client, anna, bakery, settings):
    client.force_login(anna)
    invite(client, bakery)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is older than that
    assert client.get(link_in(mail.outbox[0])).status_code == 400


def test_nobody_is_invited_to_another_organisation(client, anna, installer):
    client.force_login(anna)
    response = invite(client, installer)
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(username="nina@example.nl").exists() and not mail.outbox


def test_a_case_manager_cannot_invite(client, bram):
    client.force_login(bram)
    assert client.get(reverse("accounts:invite")).status_code == 404


def test_the_generic_page_does_not_invite_an_unlinked_employee(client, anna, bakery):
    """An employee's login must be linked to their record: that happens on the employee page."""
    client.force_login(anna)
    page = client.get(reverse("accounts:invite"))
    assert 'value="employee"' not in page.content.decode()
    assert 'value="case_manager"' in page.content.decode()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = invite(client, bakery, role="employee")
    assert response.status_code == 200
    assert "invited from their employee page" in response.context["form"].errors["role"][0]
    assert not User.objects.filter(username="nina@example.nl").exists() and not mail.outbox


def test_someone_who_already_logs_in_gets_the_new_role_without_a_password_link(
    client, anna, bram, bakery
):
    client.force_login(anna)
    assert invite(client, bakery, email=bram.email, role="line_manager").status_code == 302
    assert set(Membership.objects.filter(user=bram).values_list("role", flat=True)) == {
        "case_manager",
        "line_manager",
    }
    (message,) = mail.outbox
    assert "/accounts/invitation/" not in message.body
