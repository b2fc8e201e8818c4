"""Inviting an employee to the portal from their employee page: the new login is linked to the
record, so the employee sees their own case after choosing a password; every refusal names the
field and leaves nothing behind."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Membership, User
from openverzuim.cases import services
from openverzuim.cases.models import Employee

ACCEPT = "http://testserver/accounts/invitation/{uid}/{token}/"
STRONG = "kaneel-broodje-7-zolder"


@pytest.fixture
def eva_with_email(eva):
    eva.work_email = "Eva.de.Vries@Korenschoof.nl"
    eva.save(update_fields=["work_email"])
    return eva


def invite_url(employee) -> str:
    return reverse("cases:employee_invite", args=[employee.pk])


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body)[1]


def refusal(**kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        services.employee_invite(accept_url=ACCEPT, **kwargs)
    return raised.value.message_dict


def nothing_sent(employee) -> bool:
    employee.refresh_from_db()
    return employee.user_id is None and not mail.outbox


# ── the service ─────────────────────────────────────────────────────────────────────────────

def test_it_creates_an_employee_login_linked_to_the_record(eva_with_email, anna, bakery):
    user = services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    eva_with_email.refresh_from_db()
    assert eva_with_email.user == user and user.username == "eva.de.vries@korenschoof.nl"
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == "employee"
    assert Membership.objects.get(user=user).organisation == bakery
    (message,) = mail.outbox
    assert message.to == ["eva.de.vries@korenschoof.nl"] and "/accounts/invitation/" in message.body


def test_it_refuses_a_record_without_an_e_mail_address(eva, anna):
    assert "work_email" in refusal(employee=eva, by=anna)
    assert nothing_sent(eva) and not User.objects.filter(memberships__role="employee").exists()


def test_it_refuses_a_record_that_is_linked_already(eva_with_email, eva_user, anna):
    assert "employee" in refusal(employee=eva_with_email, by=anna)
    assert not mail.outbox


def test_it_refuses_a_login_that_belongs_to_another_record_of_the_organisation(
        eva_with_email, anna, bakery):
    twin = Employee.objects.create(organisation=bakery, first_name="Eva", last_name="Jansen",
                                   employee_number="1002", work_email="eva.de.vries@korenschoof.nl")
    services.employee_invite(employee=twin, by=anna, accept_url=ACCEPT)
    mail.outbox.clear()
    errors = refusal(employee=eva_with_email, by=anna)
    assert "Eva Jansen" in errors["work_email"][0]
    assert nothing_sent(eva_with_email)


def test_someone_who_may_not_invite_is_refused_and_nothing_is_saved(eva_with_email, bram):
    assert refusal(employee=eva_with_email, by=bram)
    assert nothing_sent(eva_with_email) and not User.objects.filter(username__startswith="eva.").exists()


def test_nothing_is_half_saved_when_the_invitation_fails(eva_with_email, anna, bakery):
    """The login exists with the employee role here already (the old generic invitation): the
    accounts service refuses, and the record stays unlinked."""
    user = User.objects.create_user("eva.de.vries@korenschoof.nl")
    Membership.objects.create(user=user, organisation=bakery, role="employee")
    assert refusal(employee=eva_with_email, by=anna)
    assert nothing_sent(eva_with_email)


# ── the page ────────────────────────────────────────────────────────────────────────────────

def test_the_employee_page_says_whether_the_employee_is_linked(anna_client, eva_with_email, eva_user):
    page = anna_client.get(reverse("cases:employee_edit", args=[eva_with_email.pk])).content.decode()
    assert "Linked to the login eva" in page and invite_url(eva_with_email) not in page


def test_the_employee_page_offers_the_invitation(anna_client, eva_with_email):
    page = anna_client.get(reverse("cases:employee_edit", args=[eva_with_email.pk])).content.decode()
    assert "Not invited yet" in page and invite_url(eva_with_email) in page


def test_the_confirmation_page_names_the_address_and_sends_nothing(anna_client, eva_with_email):
    response = anna_client.get(invite_url(eva_with_email))
    assert response.status_code == 200
    assert "eva.de.vries@korenschoof.nl" in response.content.decode().lower()
    assert "Yes, send the invitation" in response.content.decode()
    assert nothing_sent(eva_with_email)
    assert AuditEntry.objects.filter(action="read", employee_id=eva_with_email.pk).exists()


def test_confirming_sends_the_invitation_and_records_the_write(anna_client, anna, eva_with_email):
    response = anna_client.post(invite_url(eva_with_email), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cases:employee_edit", args=[eva_with_email.pk])
    assert "The invitation has been sent to eva.de.vries@korenschoof.nl" in response.content.decode()
    eva_with_email.refresh_from_db()
    assert eva_with_email.user is not None and len(mail.outbox) == 1
    entry = AuditEntry.objects.get(action="write", employee_id=eva_with_email.pk)
    assert entry.user_id == anna.pk and entry.fields == "user"
    assert entry.route == "cases:employee_invite"


def test_a_record_without_an_address_shows_the_reason_on_the_page(anna_client, eva):
    response = anna_client.post(invite_url(eva))
    assert response.status_code == 200
    assert "has no work e-mail address" in response.content.decode()
    assert nothing_sent(eva)


def test_a_linked_record_shows_the_reason_on_the_page(anna_client, eva_with_email, eva_user):
    page = anna_client.get(invite_url(eva_with_email)).content.decode()
    assert "Already linked to the login eva" in page and "Yes, send the invitation" not in page
    response = anna_client.post(invite_url(eva_with_email))
    assert "already linked to the login eva" in response.content.decode()
    assert not mail.outbox


def test_others_get_a_404(client, eva_with_email, bram, carla):
    for user in (bram, carla):
        client.force_login(user)
        assert client.get(invite_url(eva_with_email)).status_code == 404
        assert client.post(invite_url(eva_with_email)).status_code == 404
    assert nothing_sent(eva_with_email)


def test_the_invited_employee_sets_a_password_logs_in_and_sees_her_case(
        client, anna, eva_with_email, eva_sick):
    client.force_login(anna)
    client.post(invite_url(eva_with_email))
    client.logout()
    link = link_in(mail.outbox[0])
    done = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})
    assert done["Location"] == reverse("login")
    login = client.post(reverse("login"), {"username": "eva.de.vries@korenschoof.nl",
                                           "password": STRONG})
    assert login.status_code == 302
    page = client.get(reverse("portal:my_case"))
    assert page.status_code == 200
    assert page.context["cases"][0]["case"] == eva_sick
