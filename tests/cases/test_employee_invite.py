"""Inviting an employee to the portal from their employee page (issue 13 finding 3): the employer
sends a one-time link to the address on the record; only the person who reads that mailbox links
a login, by accepting it. Nothing is linked on the employer's say-so; every refusal names the field
and leaves nothing behind."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from openverzuim.accounts.audit import LOGIN_LINKED
from openverzuim.accounts.models import AuditEntry, Membership, User
from openverzuim.cases import services
from openverzuim.cases.models import Employee, EmployeeInvitation

ACCEPT = "http://testserver/invitation/{token}/"
STRONG = "kaneel-broodje-7-zolder"


@pytest.fixture
def eva_with_email(eva):
    eva.work_email = "Eva.de.Vries@Korenschoof.nl"
    eva.save(update_fields=["work_email"])
    return eva


def invite_url(employee) -> str:
    return reverse("cases:employee_invite", args=[employee.pk])


def link_in(message) -> str:
    return re.search(r"http://testserver(/invitation/\S+/)", message.body)[1]


def token_in(message) -> str:
    return link_in(message).rstrip("/").rsplit("/", 1)[1]


def refusal(**kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        services.employee_invite(accept_url=ACCEPT, **kwargs)
    return raised.value.message_dict


def nothing_sent(employee) -> bool:
    employee.refresh_from_db()
    return (
        employee.user_id is None
        and not mail.outbox
        and not EmployeeInvitation.objects.filter(employee=employee).exists()
    )


def unlinked(employee) -> bool:
    employee.refresh_from_db()
    return employee.user_id is None


# ── sending ─────────────────────────────────────────────────────────────────────────────────


def test_sending_links_nothing_and_creates_no_login(eva_with_email, anna):
    invitation = services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    assert invitation.email == "eva.de.vries@korenschoof.nl" and invitation.sent_by == anna
    assert unlinked(eva_with_email)
    assert not User.objects.filter(username__startswith="eva.").exists()
    assert not Membership.objects.filter(role="employee").exists()
    (message,) = mail.outbox
    assert message.to == ["eva.de.vries@korenschoof.nl"] and "/invitation/" in message.body
    token = token_in(message)
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64


def test_it_refuses_a_record_without_an_e_mail_address(eva, anna):
    assert "work_email" in refusal(employee=eva, by=anna)
    assert nothing_sent(eva)


def test_it_refuses_a_record_that_is_linked_already(eva_with_email, eva_user, anna):
    assert "employee" in refusal(employee=eva_with_email, by=anna)
    assert not mail.outbox


def test_someone_who_may_not_invite_is_refused_and_nothing_is_saved(eva_with_email, bram, carla):
    for user in (bram, carla):
        assert refusal(employee=eva_with_email, by=user)
    assert nothing_sent(eva_with_email)


def test_sending_again_renews_the_link_and_the_old_one_stops_working(client, eva_with_email, anna):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    old, new = (link_in(m) for m in mail.outbox)
    assert EmployeeInvitation.objects.filter(employee=eva_with_email).count() == 1
    assert client.get(old).status_code == 400
    assert client.get(new).status_code == 200


# ── finding 3: the employer cannot link its own login to someone else's record ──────────────


def test_an_employer_who_puts_its_own_address_on_a_record_gets_no_link(
    client, anna, eva_with_email
):
    """As reported: the administrator sets an unlinked employee's address to their own and
    invites. Refused; no login of theirs gains the employee role or the link."""
    client.force_login(anna)
    edit = reverse("cases:employee_edit", args=[eva_with_email.pk])
    page = client.get(edit)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(work_email=anna.email, department=eva_with_email.department_id or "")
    client.post(edit, data)
    eva_with_email.refresh_from_db()
    assert eva_with_email.work_email == anna.email
    response = client.post(invite_url(eva_with_email))
    assert response.status_code == 200
    assert "This is your own address" in response.content.decode()
    assert nothing_sent(eva_with_email)
    assert not Membership.objects.filter(user=anna, role="employee").exists()


def test_nor_by_accepting_an_invitation_it_sent_itself(client, anna, bakery, eva_with_email):
    """Even when the address is a mailbox the administrator also reads (a shared one), the
    administrator's own login cannot accept the invitation it sent."""
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    client.force_login(anna)
    link = link_in(mail.outbox[0])
    response = client.post(link)
    assert response.status_code == 200
    assert "You sent this invitation yourself" in response.content.decode()
    assert unlinked(eva_with_email)
    assert not Membership.objects.filter(user=anna, role="employee").exists()


def test_a_link_is_void_once_the_address_on_the_record_changed(client, anna, eva_with_email):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    link = link_in(mail.outbox[0])
    eva_with_email.work_email = "someone.else@example.nl"
    eva_with_email.save(update_fields=["work_email"])
    assert client.get(link).status_code == 400
    response = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})
    assert response.status_code == 400
    assert unlinked(eva_with_email) and not User.objects.filter(username__contains="eva").exists()


def test_an_expired_link_is_refused(client, anna, eva_with_email):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    EmployeeInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link_in(mail.outbox[0])).status_code == 400


def test_a_wrong_token_is_refused(client, db):
    response = client.get(reverse("cases:invitation_accept", args=["not-a-token"]))
    assert response.status_code == 400


# ── accepting ───────────────────────────────────────────────────────────────────────────────


def test_a_new_login_accepts_sets_a_password_and_sees_her_case(
    client, anna, eva_with_email, eva_sick
):
    client.force_login(anna)
    client.post(invite_url(eva_with_email))
    client.logout()
    link = link_in(mail.outbox[0])
    dutch = client.get(link, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Kies uw wachtwoord" in dutch and "nodigt u uit, op eva.de.vries@korenschoof.nl" in dutch
    weak = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert weak.status_code == 200 and "new_password2" in weak.context["form"].errors
    assert unlinked(eva_with_email) and not User.objects.filter(username__contains="eva").exists()
    done = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})
    assert done["Location"] == reverse("login")
    eva_with_email.refresh_from_db()
    user = eva_with_email.user
    assert user.username == "eva.de.vries@korenschoof.nl" and user.has_usable_password()
    assert Membership.objects.get(user=user).role == "employee"
    invitation = EmployeeInvitation.objects.get(employee=eva_with_email)
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert client.get(link).status_code == 400  # it works once
    login = client.post(
        reverse("login"), {"username": "eva.de.vries@korenschoof.nl", "password": STRONG}
    )
    assert login.status_code == 302
    page = client.get(reverse("portal:my_case"))
    assert page.status_code == 200 and page.context["cases"][0]["case"] == eva_sick


def test_the_acceptance_is_audited_and_shown_to_the_employee(
    client, anna, eva_with_email, eva_sick
):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password1": STRONG, "new_password2": STRONG})
    eva_with_email.refresh_from_db()
    entry = AuditEntry.objects.get(subject=LOGIN_LINKED)
    assert entry.user_id == eva_with_email.user_id and entry.employee_id == eva_with_email.pk
    assert entry.route == "cases:invitation_accept" and entry.action == "write"
    client.force_login(eva_with_email.user)
    page = client.get(reverse("portal:who_viewed"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert LOGIN_LINKED in page


def test_an_existing_login_logs_in_first_then_confirms(client, anna, bram, bakery, eva_with_email):
    """An HR colleague who falls ill herself: her record carries her own address, another
    administrator invites her, and she links her existing login by accepting."""
    User.objects.filter(pk=bram.pk).update(email="eva.de.vries@korenschoof.nl")
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and page.context["existing"] == User.objects.get(pk=bram.pk)
    assert client.post(link, {"new_password1": STRONG, "new_password2": STRONG}).status_code == 200
    assert unlinked(eva_with_email)  # no second login for the address
    client.force_login(bram)
    done = client.post(link)
    assert done["Location"] == reverse("portal:my_case")
    eva_with_email.refresh_from_db()
    assert eva_with_email.user == bram
    assert set(Membership.objects.filter(user=bram).values_list("role", flat=True)) == {
        "case_manager",
        "employee",
    }


def test_a_login_linked_to_another_record_of_the_organisation_is_refused(
    client, anna, bakery, eva_with_email, eva_user
):
    twin = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="Jansen",
        employee_number="1002",
        work_email="eva.jansen@example.nl",
    )
    services.employee_invite(employee=twin, by=anna, accept_url=ACCEPT)
    client.force_login(eva_user)
    response = client.post(link_in(mail.outbox[0]))
    assert "Eva de Vries" in response.content.decode()
    assert unlinked(twin)


def test_changing_the_address_after_the_link_does_not_move_the_link(client, anna, eva_with_email):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    client.post(link_in(mail.outbox[0]), {"new_password1": STRONG, "new_password2": STRONG})
    eva_with_email.refresh_from_db()
    linked = eva_with_email.user
    client.force_login(anna)
    edit = reverse("cases:employee_edit", args=[eva_with_email.pk])
    data = {k: v for k, v in client.get(edit).context["form"].initial.items() if v is not None}
    data.update(work_email=anna.email, department=eva_with_email.department_id or "")
    assert client.post(edit, data).status_code == 302
    eva_with_email.refresh_from_db()
    assert eva_with_email.work_email == anna.email and eva_with_email.user == linked
    assert not Membership.objects.filter(user=anna, role="employee").exists()
    assert "user" not in client.get(edit).context["form"].fields


# ── the pages ───────────────────────────────────────────────────────────────────────────────


def test_the_employee_page_says_whether_the_employee_is_linked(
    anna_client, eva_with_email, eva_user
):
    page = anna_client.get(
        reverse("cases:employee_edit", args=[eva_with_email.pk])
    ).content.decode()
    assert "Linked to the login eva" in page and invite_url(eva_with_email) not in page


def test_the_employee_page_offers_the_invitation(anna_client, eva_with_email):
    page = anna_client.get(
        reverse("cases:employee_edit", args=[eva_with_email.pk])
    ).content.decode()
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
    assert response.redirect_chain[-1][0] == reverse(
        "cases:employee_edit", args=[eva_with_email.pk]
    )
    assert (
        "The invitation has been sent to eva.de.vries@korenschoof.nl" in response.content.decode()
    )
    assert unlinked(eva_with_email) and len(mail.outbox) == 1
    entry = AuditEntry.objects.get(
        action="write", employee_id=eva_with_email.pk, route="cases:employee_invite"
    )
    assert entry.user_id == anna.pk
    assert entry.fields == "portal invitation sent to eva.de.vries@korenschoof.nl"
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


@pytest.mark.django_db(databases=["default", "medical"])  # the export says whether a file exists
def test_her_access_request_lists_the_invitation_without_its_token(
    client, anna, eva_with_email, eva_sick
):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    client.post(link_in(mail.outbox[0]), {"new_password1": STRONG, "new_password2": STRONG})
    eva_with_email.refresh_from_db()
    client.force_login(eva_with_email.user)
    data = client.get(reverse("portal:my_data_json")).json()
    (record,) = data["parts"]["portal"]["data"]["employee_records"]
    (invitation,) = record["portal_invitations"]
    assert invitation["email"] == "eva.de.vries@korenschoof.nl" and invitation["accepted_at"]
    assert "token_hash" not in invitation


def test_a_used_link_cannot_be_accepted_again_not_even_by_another_login(anna, bram, eva_with_email):
    services.employee_invite(employee=eva_with_email, by=anna, accept_url=ACCEPT)
    token = token_in(mail.outbox[0])
    services.employee_invitation_accept(token=token, password=STRONG)
    with pytest.raises(ValidationError):
        services.employee_invitation_accept(token=token, user=bram)
    eva_with_email.refresh_from_db()
    assert eva_with_email.user.username == "eva.de.vries@korenschoof.nl"
    assert not Membership.objects.filter(user=bram, role="employee").exists()
