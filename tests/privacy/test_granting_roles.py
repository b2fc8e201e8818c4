"""Granting roles is a policy (issue 13 finding 2): every persona x every role x every
organisation is allowed or refused exactly as the table below says, through the service, the
invitation page and the admin; no refusal leaves a membership or an e-mail behind."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from openverzuim.accounts import services
from openverzuim.accounts.admin import MembershipAdminForm
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.policies import GRANTABLE, ROLE_KINDS, grantable_roles
from openverzuim.accounts.roles import Role
from tests.conftest import arbodienst_serving

ACCEPT = "http://testserver/accounts/invitation/{uid}/{token}/"
EMPLOYER_SIDE = {
    Role.EMPLOYER_ADMIN,
    Role.CASE_MANAGER,
    Role.LINE_MANAGER,
    Role.REINTEGRATION_CONSULTANT,
}

#: persona -> the (organisation, role) pairs they may grant; every other pair is refused.
ALLOWED = {
    "anna": {("bakery", role) for role in EMPLOYER_SIDE},
    "carla": {("installer", role) for role in EMPLOYER_SIDE},
    # an arbodienst has its own case managers, for the clients it serves
    "finn": {
        ("noorderlicht", Role.OCCUPATIONAL_PHYSICIAN),
        ("noorderlicht", Role.ARBODIENST_ADMIN),
        ("noorderlicht", Role.CASE_MANAGER),
    },
}


@pytest.fixture
def organisations(world, bakery, installer, noorderlicht) -> dict[str, Organisation]:
    """The bakery (served by Noorderlicht), the installer (served by Zuidwest), both arbodiensten."""
    return {
        "bakery": bakery,
        "installer": installer,
        "noorderlicht": noorderlicht,
        "zuidwest": arbodienst_serving(installer, "Arbodienst Zuidwest"),
    }


def test_the_table_never_lets_the_employer_side_grant_a_role_that_opens_the_vault():
    assert not GRANTABLE[Role.EMPLOYER_ADMIN] & {Role.OCCUPATIONAL_PHYSICIAN, Role.EMPLOYEE}
    assert all(
        Organisation.Kind.EMPLOYER in ROLE_KINDS[role] for role in GRANTABLE[Role.EMPLOYER_ADMIN]
    )
    assert all(
        Organisation.Kind.ARBODIENST in ROLE_KINDS[role]
        for role in GRANTABLE[Role.ARBODIENST_ADMIN]
    )
    assert not any(Role.EMPLOYEE in roles for roles in GRANTABLE.values())
    assert set(ROLE_KINDS) == set(Role.values)


def test_every_persona_grants_every_role_in_every_organisation_exactly_as_the_table_says(
    world, organisations
):
    mismatches, checked = [], 0
    for persona, user in world.personas.items():
        if user is None:
            continue
        for org_name, organisation in organisations.items():
            for role in Role.values:
                checked += 1
                want = (org_name, role) in ALLOWED.get(persona, set())
                email = f"new-{persona}-{org_name}-{role}@example.nl"
                mail.outbox.clear()
                try:
                    services.invite(
                        by=user,
                        email=email,
                        organisation=organisation,
                        role=role,
                        accept_url=ACCEPT,
                    )
                except ValidationError as error:
                    got = False
                    assert set(error.message_dict) <= {"organisation", "role"}
                    assert not mail.outbox
                else:
                    got = True
                created = Membership.objects.filter(
                    user__username=email, organisation=organisation, role=role
                ).exists()
                if got != want or created != want:
                    mismatches.append(
                        f"{persona} {role} at {org_name}: granted={got}, "
                        f"membership={created}, table says {want}"
                    )
                assert (role in grantable_roles(user, organisation)) == want, (
                    persona,
                    role,
                    org_name,
                )
    assert checked == 9 * 4 * 7
    assert not mismatches, "\n".join(mismatches)


def test_every_persona_takes_roles_away_exactly_as_the_table_says(world, organisations):
    """Taking a role away (the API's DELETE /users/{id}/roles/{role}/) is the same policy as
    giving it: only what the persona may grant there; a refusal leaves the membership."""
    target = User.objects.create_user("target", "target@example.nl")
    mismatches, checked = [], 0
    for persona, user in world.personas.items():
        if user is None:
            continue
        for org_name, organisation in organisations.items():
            for role in Role.values:
                checked += 1
                Membership.objects.get_or_create(user=target, organisation=organisation, role=role)
                want = (org_name, role) in ALLOWED.get(persona, set())
                try:
                    services.membership_revoke(
                        by=user, user=target, organisation=organisation, role=role
                    )
                except ValidationError as error:
                    got = False
                    assert set(error.message_dict) == {"role"}
                else:
                    got = True
                kept = Membership.objects.filter(
                    user=target, organisation=organisation, role=role
                ).exists()
                if got != want or kept == want:
                    mismatches.append(
                        f"{persona} {role} at {org_name}: taken away={got}, "
                        f"membership kept={kept}, table says {want}"
                    )
    assert checked == 9 * 4 * 7
    assert not mismatches, "\n".join(mismatches)


def invite(client, organisation, email, role):
    return client.post(
        reverse("accounts:invite"), {"email": email, "organisation": organisation.pk, "role": role}
    )


@pytest.mark.parametrize("persona", ["anna", "carla"])
def test_an_employer_cannot_make_itself_physician(client, world, organisations, persona):
    """Issue 13 finding 2, as reported: the employer's administrator (of the served bakery, and
    of the installer) invites their own address as occupational physician: refused, no role."""
    user = world.personas[persona]
    own = Membership.objects.get(user=user).organisation
    client.force_login(user)
    page = client.get(reverse("accounts:invite")).content.decode()
    assert 'value="occupational_physician"' not in page and 'value="case_manager"' in page
    response = invite(client, own, user.email, Role.OCCUPATIONAL_PHYSICIAN)
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not Membership.objects.filter(
        role=Role.OCCUPATIONAL_PHYSICIAN, user__email=user.email
    ).exists()
    assert not mail.outbox


def test_an_employer_cannot_make_itself_physician_through_the_service_either(world, bakery):
    anna = world.personas["anna"]
    with pytest.raises(ValidationError) as refused:
        services.invite(
            by=anna,
            email=anna.email,
            organisation=bakery,
            role=Role.OCCUPATIONAL_PHYSICIAN,
            accept_url=ACCEPT,
        )
    assert "role" in refused.value.message_dict
    assert not Membership.objects.filter(user=anna, role=Role.OCCUPATIONAL_PHYSICIAN).exists()


def test_the_arbodienst_administrator_makes_physicians_in_its_own_arbodienst_only(
    client, world, organisations
):
    finn = world.personas["finn"]
    client.force_login(finn)
    for employer in (organisations["bakery"], organisations["installer"]):
        response = invite(client, employer, finn.email, Role.OCCUPATIONAL_PHYSICIAN)
        assert response.status_code == 200 and response.context["form"].errors
    response = invite(client, organisations["zuidwest"], finn.email, Role.OCCUPATIONAL_PHYSICIAN)
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not Membership.objects.filter(user=finn, role=Role.OCCUPATIONAL_PHYSICIAN).exists()
    assert (
        invite(
            client, organisations["noorderlicht"], "nadia@example.nl", Role.OCCUPATIONAL_PHYSICIAN
        ).status_code
        == 302
    )
    nadia = Membership.objects.get(user__username="nadia@example.nl")
    assert (nadia.organisation, nadia.role) == (
        organisations["noorderlicht"],
        Role.OCCUPATIONAL_PHYSICIAN,
    )


def admin_form(user: User, organisation: Organisation, role: str) -> MembershipAdminForm:
    return MembershipAdminForm(
        data={"user": user.pk, "organisation": organisation.pk, "role": role},
        instance=Membership(user=user),
    )


def test_the_admin_obeys_the_same_rules(world, organisations):
    hanna = User.objects.create_user("hanna", "hanna@example.nl")
    refused = [
        (organisations["bakery"], Role.OCCUPATIONAL_PHYSICIAN),
        (organisations["bakery"], Role.ARBODIENST_ADMIN),
        (organisations["noorderlicht"], Role.LINE_MANAGER),
        (organisations["bakery"], Role.EMPLOYEE),
    ]
    for organisation, role in refused:
        form = admin_form(hanna, organisation, role)
        assert not form.is_valid() and "role" in form.errors, (organisation, role)
    assert admin_form(hanna, organisations["noorderlicht"], Role.OCCUPATIONAL_PHYSICIAN).is_valid()
    assert admin_form(hanna, organisations["bakery"], Role.CASE_MANAGER).is_valid()
    sam = world.personas["sam"]
    staff = admin_form(sam, organisations["noorderlicht"], Role.OCCUPATIONAL_PHYSICIAN)
    assert not staff.is_valid() and "__all__" in staff.errors


def test_the_admins_membership_inline_refuses_a_physician_on_an_employer(
    client, world, organisations
):
    """Through the admin's user page itself: the inline row is refused and nothing is saved."""
    sam, eva = world.personas["sam"], world.personas["eva"]
    client.force_login(sam)
    url = reverse("admin:accounts_user_change", args=[eva.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data |= {
        "date_joined_0": "2026-11-22",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(Membership.objects.get(user=eva).pk),
        "memberships-0-user": str(eva.pk),
        "memberships-0-organisation": str(organisations["bakery"].pk),
        "memberships-0-role": Role.EMPLOYEE,
        "memberships-1-user": str(eva.pk),
        "memberships-1-organisation": str(organisations["bakery"].pk),
        "memberships-1-role": Role.OCCUPATIONAL_PHYSICIAN,
    }
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 200  # the page again, with the error on the row
    assert response.context["inline_admin_formsets"][0].formset.errors[1]["role"]
    assert not Membership.objects.filter(user=eva, role=Role.OCCUPATIONAL_PHYSICIAN).exists()


@pytest.mark.parametrize("persona", ["dirk", "anna", "carla"])
def test_the_demos_employer_administrators_cannot_make_themselves_physician(client, db, persona):
    """Issue 13 finding 2 with the demo's own people: Dirk (Zorggroep Het Anker, served by the
    arbodienst), Anna and Carla invite their own address as physician: refused, nothing saved;
    Gijs, the arbodienst's administrator, cannot place a physician at the employer it serves."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", "--allow-in-production", stdout=StringIO())
    user = User.objects.get(username=persona)
    own = Membership.objects.get(user=user).organisation
    client.force_login(user)
    response = invite(client, own, user.email, Role.OCCUPATIONAL_PHYSICIAN)
    assert response.status_code == 200 and response.context["form"].errors
    gijs = User.objects.get(username="gijs")
    client.force_login(gijs)
    served = Organisation.objects.get(name="Zorggroep Het Anker")
    assert invite(client, served, gijs.email, Role.OCCUPATIONAL_PHYSICIAN).status_code == 200
    assert (
        not Membership.objects.filter(role=Role.OCCUPATIONAL_PHYSICIAN)
        .exclude(user__username="fenna")
        .exists()
    )
    assert not mail.outbox
