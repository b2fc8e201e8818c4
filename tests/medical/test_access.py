"""Only a physician who serves the case, with a verified second factor, reaches the vault; every
other logged-in user gets a 404 on every vault route, also for records that exist."""

from __future__ import annotations

import pytest
from django.shortcuts import resolve_url
from django.urls import URLPattern, reverse
from django_otp.conf import settings as otp_settings

from openverzuim.medical import routes as medical_routes
from openverzuim.medical import urls as medical_urls

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

#: The employee's own medical file (test_own_file_request.py); every other route is the physician's.
OWN_FILE = {"medical:own_file", "medical:own_file_json", "medical:own_letter"}
ROUTE_NAMES = [
    f"medical:{pattern.name}"
    for pattern in medical_urls.urlpatterns
    if isinstance(pattern, URLPattern) and f"medical:{pattern.name}" not in OWN_FILE
]


def _vault_urls(filled_vault) -> list[str]:
    """Every vault route of the physician, pointed at Eva's case and her existing letter."""
    case_id = filled_vault["note"].case_id
    arguments = {"case_id": case_id, "item_id": filled_vault["correspondence"].pk}
    urls = []
    for pattern in medical_urls.urlpatterns:
        if f"medical:{pattern.name}" in OWN_FILE:
            continue
        wanted = {name: arguments[name] for name in pattern.pattern.converters}
        urls.append(reverse(f"medical:{pattern.name}", kwargs=wanted))
    return urls


def test_every_vault_route_is_declared_for_the_physician_only():
    table = medical_routes.ROUTES
    for name in ROUTE_NAMES:
        assert table[name].scope == "medical", name
        assert table[name].roles == {"occupational_physician"}, name
    for name in OWN_FILE:
        assert (table[name].scope, table[name].roles) == ("own", {"employee"}), name
    assert {name for name in table if name.startswith("medical:")} == set(ROUTE_NAMES) | OWN_FILE


@pytest.mark.parametrize("persona", ["anna", "bram", "carla", "finn", "eva_user", "olga"])
def test_it_answers_404_on_every_vault_route_to_anyone_but_the_serving_physician(
    request, client, log_in_verified, filled_vault, persona
):
    user = request.getfixturevalue(persona)
    # Even a verified second factor opens nothing that the role does not reach.
    log_in_verified(client, user)
    for url in _vault_urls(filled_vault):
        if persona == "olga" and url == reverse("medical:caseload"):
            continue  # her own (empty) caseload; test_caseload_shows_only_the_served_cases
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (persona, method.__name__, url)
            assert b"herniated" not in response.content


def test_it_answers_404_without_a_second_factor_too_for_employer_roles(client, anna, filled_vault):
    client.force_login(anna)
    for url in _vault_urls(filled_vault):
        assert client.get(url).status_code == 404, url


def test_it_refuses_a_physician_without_a_verified_second_factor(client, dirk, filled_vault):
    """No authenticator yet: set one up first; one set up but not used in this session: verify."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(dirk)
    setup_page = resolve_url("accounts:two_factor_setup")
    verify_page = resolve_url(otp_settings.OTP_LOGIN_URL)
    for expected_page in (setup_page, verify_page):
        for url in _vault_urls(filled_vault):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(expected_page), url
            assert b"herniated" not in response.content
        TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, filled_vault):
    for url in _vault_urls(filled_vault):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_serving_physician_with_a_second_factor_reaches_every_page(dirk_client, filled_vault):
    for url in _vault_urls(filled_vault):
        assert dirk_client.get(url).status_code == 200, url


def test_it_answers_404_for_a_record_of_another_case(
    dirk_client, filled_vault, eva_sick, bakery, anna, today
):
    from openverzuim.cases import services as case_services
    from openverzuim.cases.models import Employee

    piet = Employee.objects.create(
        organisation=bakery, first_name="Piet", last_name="Bakker", employee_number="1002"
    )
    other_case = case_services.sick_report_create(
        employee=piet, first_sick_day=today, by=anna, today=today
    ).case
    letter = filled_vault["correspondence"].pk
    url = reverse(
        "medical:correspondence_file", kwargs={"case_id": other_case.pk, "item_id": letter}
    )
    assert dirk_client.get(url).status_code == 404
    assert dirk_client.get(reverse("medical:case", args=[999999])).status_code == 404
