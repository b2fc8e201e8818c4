"""An arbodienst administrator takes on a client employer and invites its first administrator;
nobody else can, and an arbodienst adds clients only to itself."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Membership, Organisation, User
from openverzuim.accounts.policies import organisations_for
from openverzuim.accounts.roles import Role
from tests.conftest import arbodienst_serving

URL = reverse("accounts:client_new")


def _fields(arbodienst, **extra):
    return {
        "arbodienst": arbodienst.pk,
        "name": "Slagerij Van Tol",
        "kvk_number": "12345678",
        "admin_first_name": "Sara",
        "admin_last_name": "van Tol",
        "admin_email": "Sara@Slagerij.example.nl",
    } | extra


def test_the_arbodienst_administrator_onboards_a_client_and_its_administrator(
    client, finn, noorderlicht, verified_login
):
    verified_login(client, finn)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _fields(noorderlicht))
    assert response.status_code == 302
    employer = Organisation.objects.get(name="Slagerij Van Tol")
    assert (employer.kind, employer.served_by, employer.kvk_number) == (
        "employer",
        noorderlicht,
        "12345678",
    )
    sara = User.objects.get(username="sara@slagerij.example.nl")
    assert (sara.first_name, sara.last_name, sara.has_usable_password()) == (
        "Sara",
        "van Tol",
        False,
    )
    assert list(organisations_for(sara, [Role.EMPLOYER_ADMIN])) == [employer]
    (message,) = mail.outbox
    assert message.to == ["sara@slagerij.example.nl"] and "Slagerij Van Tol" in message.body
    assert re.search(r"/accounts/invitation/\S+/", message.body)
    assert AuditEntry.objects.filter(
        organisation_id=employer.pk, subject="organisation", route="accounts:client_new"
    ).exists()


def test_a_bad_chamber_of_commerce_number_is_named_and_nothing_is_saved(
    client, finn, noorderlicht, verified_login
):
    verified_login(client, finn)
    response = client.post(URL, _fields(noorderlicht, kvk_number="1234x678"))
    assert response.status_code == 200 and response.context["form"].errors["kvk_number"]
    assert not Organisation.objects.filter(name="Slagerij Van Tol").exists()
    assert not User.objects.filter(email="sara@slagerij.example.nl").exists() and not mail.outbox


def test_an_arbodienst_adds_clients_only_to_itself(
    client, finn, bakery, noorderlicht, verified_login
):
    other = arbodienst_serving(Organisation.objects.create(name="Ander bedrijf"), "Arbo Zuid")
    verified_login(client, finn)
    response = client.post(URL, _fields(other))
    assert response.status_code == 200 and response.context["form"].errors["arbodienst"]
    assert not Organisation.objects.filter(name="Slagerij Van Tol").exists()


@pytest.mark.parametrize("who", ["anna", "bram", "carla", "dirk", "eva_user"])
def test_nobody_else_onboards_clients(request, client, noorderlicht, who, verified_login):
    verified_login(client, request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.post(URL, _fields(noorderlicht)).status_code == 404
    assert not Organisation.objects.filter(name="Slagerij Van Tol").exists()
    assert not Membership.objects.filter(user__email="sara@slagerij.example.nl").exists()
