"""Roles through the API: given and taken away within what the key's role may grant (the policy's
GRANTABLE), in the key's own organisation only, through the invitation page's service (the same
checks, e-mail and audit entry); the last administrator keeps the role; an employee is invited to
the portal through the employee page's service."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Department, Membership, User
from openverzuim.cases.models import EmployeeInvitation


@pytest.mark.django_db
def test_an_administrators_key_invites_someone_with_a_role(bakery_api, anna, bakery):
    response = bakery_api.post(
        "/api/v1/users/", {"email": " Nieuw@Bakkerij.nl ", "role": "case_manager"}
    )
    assert response.status_code == 201, response.content
    user = User.objects.get(username="nieuw@bakkerij.nl")
    assert not user.has_usable_password()  # chosen through the e-mailed link
    assert response.json() == {
        "id": user.pk,
        "first_name": "",
        "last_name": "",
        "email": "nieuw@bakkerij.nl",
        "is_active": True,
        "roles": [{"organisation": bakery.pk, "role": "case_manager"}],
    }
    assert response["Location"].endswith(f"/api/v1/users/{user.pk}/")
    [message] = mail.outbox
    assert message.to == ["nieuw@bakkerij.nl"] and "/invitation/" in message.body
    entry = AuditEntry.objects.get(subject="role case_manager")
    assert (entry.user_name, entry.route, entry.fields) == (
        "Payroll (API)",
        "api:user-list",
        f"user {user.pk}",
    )
    assert entry.organisation_id == bakery.pk
    listed = [u["id"] for u in bakery_api.get("/api/v1/users/").json()["results"]]
    assert user.pk in listed


@pytest.mark.django_db
def test_the_invitation_page_records_the_same_entry(client, anna, bakery):
    client.force_login(anna)
    client.post(
        reverse("accounts:invite"),
        {"email": "lisa@bakkerij.nl", "organisation": bakery.pk, "role": "line_manager"},
    )
    lisa = User.objects.get(username="lisa@bakkerij.nl")
    entry = AuditEntry.objects.get(subject="role line_manager")
    assert (entry.user_id, entry.fields) == (anna.pk, f"user {lisa.pk}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["occupational_physician", "employee", "arbodienst_admin", "system_admin", ""]
)
def test_a_key_never_grants_a_medical_role_or_one_it_may_not_grant(bakery_api, anna, bram, role):
    invited = bakery_api.post("/api/v1/users/", {"email": "dokter@example.nl", "role": role})
    assert invited.status_code == 400, invited.content
    assert [e["field"] for e in invited.json()["errors"]] == ["role"]
    added = bakery_api.post(f"/api/v1/users/{bram.pk}/roles/", {"role": role})
    assert added.status_code == 400
    assert [e["field"] for e in added.json()["errors"]] == ["role"]
    assert not User.objects.filter(username="dokter@example.nl").exists()
    assert set(Membership.objects.filter(user=bram).values_list("role", flat=True)) == {
        "case_manager"
    }
    assert mail.outbox == []


@pytest.mark.django_db
def test_keys_of_roles_that_grant_nothing_are_refused(bakery_keys, anna, bram):
    for role in ("case_manager", "line_manager", "reintegration_consultant"):
        api = bakery_keys[role]
        refused = api.post("/api/v1/users/", {"email": "x@example.nl", "role": "case_manager"})
        assert refused.status_code == 403, role
        assert (
            api.post(f"/api/v1/users/{bram.pk}/roles/", {"role": "line_manager"}).status_code == 404
        )
        assert api.get(f"/api/v1/users/{anna.pk}/roles/").status_code == 404
        assert api.delete(f"/api/v1/users/{bram.pk}/roles/case_manager/").status_code == 404
    assert Membership.objects.filter(user=bram).count() == 1
    assert not User.objects.filter(username="x@example.nl").exists()


@pytest.mark.django_db
def test_another_organisation_is_out_of_reach(installer_api, bakery_api, anna, bram, installer):
    assert installer_api.get(f"/api/v1/users/{anna.pk}/roles/").status_code == 404
    added = installer_api.post(f"/api/v1/users/{bram.pk}/roles/", {"role": "employer_admin"})
    assert added.status_code == 404
    assert installer_api.delete(f"/api/v1/users/{anna.pk}/roles/employer_admin/").status_code == 404
    theirs = Department.objects.create(organisation=installer, name="Montage")
    refused = bakery_api.post(
        f"/api/v1/users/{bram.pk}/roles/", {"role": "line_manager", "department": theirs.pk}
    )
    assert [e["field"] for e in refused.json()["errors"]] == ["department"]
    assert Membership.objects.filter(user=bram).count() == 1
    assert not Membership.objects.filter(organisation=installer).exclude(
        user__api_keys__personal=False
    )


@pytest.mark.django_db
def test_a_role_is_added_listed_and_taken_away(bakery_api, anna, bram, bakery):
    shop = Department.objects.create(organisation=bakery, name="Winkel")
    url = f"/api/v1/users/{bram.pk}/roles/"
    added = bakery_api.post(url, {"role": "line_manager", "department": shop.pk})
    assert added.status_code == 201, added.content
    assert added.json()["role"] == "line_manager" and added.json()["department"] == shop.pk
    assert added["Location"].endswith(f"{url}line_manager/")
    assert Membership.objects.get(user=bram, role="line_manager").department == shop
    [message] = mail.outbox  # a known login: told of the role, no link to set a password
    assert message.to == [bram.email] and "/invitation/" not in message.body
    again = bakery_api.post(url, {"role": "line_manager"})
    assert [e["field"] for e in again.json()["errors"]] == ["role"]  # the service's own check
    assert again.json()["errors"][0]["detail"] == "Deze persoon heeft deze rol hier al."
    listed = bakery_api.get(url)
    assert sorted(r["role"] for r in listed.json()["results"]) == ["case_manager", "line_manager"]
    assert "ETag" in listed
    taken = bakery_api.delete(f"{url}line_manager/")
    assert taken.status_code == 204, taken.content
    assert not Membership.objects.filter(user=bram, role="line_manager").exists()
    entry = AuditEntry.objects.filter(subject="role line_manager").latest("pk")
    assert (entry.user_name, entry.route, entry.fields) == (
        "Payroll (API)",
        "api:user-role",
        f"revoked, user {bram.pk}",
    )
    assert bakery_api.delete(f"{url}line_manager/").status_code == 404
    assert bakery_api.delete(f"{url}occupational_physician/").status_code == 404
    assert bakery_api.delete(f"{url}no-such-role/").status_code == 404


@pytest.mark.django_db
def test_the_last_administrator_keeps_the_role(bakery_api, anna, bram):
    """The key's own login holds the administrator's role too, but a key is no one to manage
    the organisation: anna is the last administrator."""
    url = f"/api/v1/users/{anna.pk}/roles/employer_admin/"
    refused = bakery_api.delete(url)
    assert refused.status_code == 400, refused.content
    assert [e["field"] for e in refused.json()["errors"]] == ["role"]
    assert "de laatste beheerder" in refused.json()["errors"][0]["detail"]
    assert Membership.objects.filter(user=anna, role="employer_admin").exists()
    granted = bakery_api.post(f"/api/v1/users/{bram.pk}/roles/", {"role": "employer_admin"})
    assert granted.status_code == 201
    assert bakery_api.delete(url).status_code == 204
    last = bakery_api.delete(f"/api/v1/users/{bram.pk}/roles/employer_admin/")
    assert last.status_code == 400
    assert Membership.objects.filter(user=bram, role="employer_admin").exists()


@pytest.mark.django_db
def test_an_address_too_long_for_a_login_is_refused_naming_it(bakery_api, anna):
    """A new login is named by its address (150 characters at most), on every database."""
    email = "a" * 140 + "@example.nl"
    refused = bakery_api.post("/api/v1/users/", {"email": email, "role": "case_manager"})
    assert refused.status_code == 400, refused.content
    assert [e["field"] for e in refused.json()["errors"]] == ["email"]
    assert not User.objects.filter(email=email).exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_retried_invitation_invites_once(bakery_api, anna):
    body = {"email": "nieuw@bakkerij.nl", "role": "case_manager"}
    first = bakery_api.post("/api/v1/users/", body, **{"Idempotency-Key": "invite-1"})
    retried = bakery_api.post("/api/v1/users/", body, **{"Idempotency-Key": "invite-1"})
    assert first.status_code == retried.status_code == 201
    assert retried["Idempotent-Replayed"] == "true" and retried.json() == first.json()
    assert len(mail.outbox) == 1
    assert Membership.objects.filter(user__username="nieuw@bakkerij.nl").count() == 1


@pytest.mark.django_db
def test_an_employee_is_invited_to_the_portal_as_from_the_employee_page(
    bakery_api, bakery_keys, installer_api, eva, anna
):
    url = f"/api/v1/employees/{eva.pk}/invitation/"
    no_address = bakery_api.post(url)
    assert no_address.status_code == 400
    assert [e["field"] for e in no_address.json()["errors"]] == ["work_email"]
    eva.work_email = "eva@bakkerij.nl"
    eva.save(update_fields=["work_email"])
    sent = bakery_api.post(url)
    assert sent.status_code == 201, sent.content
    assert sent.json()["email"] == "eva@bakkerij.nl" and sent.json()["accepted_at"] is None
    invitation = EmployeeInvitation.objects.get(employee=eva)
    [message] = mail.outbox
    assert message.to == ["eva@bakkerij.nl"] and "/invitation/" in message.body
    entry = AuditEntry.objects.filter(employee_id=eva.pk, action="write").latest("pk")
    assert (entry.user_name, entry.route) == ("Payroll (API)", "api:employee-invitation")
    assert bakery_keys["case_manager"].post(url).status_code == 403
    assert bakery_keys["line_manager"].post(url).status_code == 404
    assert installer_api.post(url).status_code == 404
    assert EmployeeInvitation.objects.get() == invitation
