"""Sudo mode (style.md §2.6): a download of a whole dossier wants a recent authentication. A fresh
login downloads at once; later, the password (and the authenticator code, where set up) is asked
again, then the user is sent back to the download. Wrong answers download nothing and count towards
the login lockout; the way back never leaves the site."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.reauth import SESSION_KEY
from tests.accounts.test_two_factor import code

# The access request reaches the medical vault as well (the employee's own medical file).
pytestmark = pytest.mark.django_db(databases=["default", "medical"])

PASSWORD = "secret-password-1"  # the personas' (tests/conftest.py)
MY_DATA_JSON = "/my/data.json"


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # messages asserted in the source language
    return client


def log_in(client, user) -> None:
    """Through the login form, as a person does."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def age(client, seconds: float) -> None:
    """Move the session's last authentication `seconds` into the past."""
    session = client.session
    session[SESSION_KEY] -= seconds
    session.save()


def reauth_url(next_url: str) -> str:
    return f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}"


def confirm(client, next_url: str = MY_DATA_JSON, **data):
    return client.post(reverse("accounts:reauthenticate"), {"next": next_url, **data})


def downloads(response) -> bool:
    return response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


@pytest.fixture
def eva_stale(client, eva_user, eva_sick):
    """Eva logged in longer ago than the window."""
    log_in(client, eva_user)
    age(client, settings.REAUTH_MAX_AGE + 1)
    return eva_user


def test_a_login_stamps_the_session_and_a_fresh_login_downloads_at_once(client, eva_user, eva_sick):
    log_in(client, eva_user)
    assert SESSION_KEY in client.session
    assert downloads(client.get(reverse("portal:my_data_json")))
    assert downloads(client.get(reverse("portal:my_data_pdf")))


def test_after_the_window_the_download_asks_for_the_password_first(client, eva_stale, eva_sick):
    for name in ("portal:my_data_json", "portal:my_data_pdf"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reauth_url(reverse(name))
    assert not AuditEntry.objects.filter(subject__startswith="access request").exists()
    page = client.get(reauth_url(MY_DATA_JSON))
    assert page.status_code == 200 and 'type="password"' in page.content.decode()
    assert "token" not in page.context["form"].fields  # Eva has no authenticator


def test_the_window_is_a_setting(client, eva_user, eva_sick, settings):
    settings.REAUTH_MAX_AGE = 0
    log_in(client, eva_user)
    assert client.get(reverse("portal:my_data_json")).status_code == 302


def test_a_wrong_password_is_an_error_on_the_field_and_downloads_nothing(client, eva_stale):
    response = confirm(client, password="not-my-password")
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["This password is not right."]
    assert client.get(reverse("portal:my_data_json")).status_code == 302


def test_the_right_password_returns_to_the_download(client, eva_stale, eva_sick):
    response = confirm(client, password=PASSWORD)
    assert response.status_code == 302 and response["Location"] == MY_DATA_JSON
    assert downloads(client.get(response["Location"]))
    assert AuditEntry.objects.filter(
        case_id=eva_sick.pk, user_id=eva_stale.pk, subject="access request export (json)"
    ).exists()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/my/data.json", "//evil.example/", "http://testserver.evil.example/"],
)
def test_the_way_back_never_leaves_the_site(client, eva_stale, target):
    page = client.get(reauth_url(target))
    assert "evil" not in page.context["next"]
    response = confirm(client, target, password=PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("front_page")


def test_guessing_the_password_locks_the_user_out_like_the_login(client, eva_stale):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert confirm(client, password="wrong-guess-1234").status_code == 200
    assert confirm(client, password="wrong-guess-1234").status_code == 429
    assert confirm(client, password=PASSWORD).status_code == 429  # even the right one now
    assert client.get(reverse("portal:my_data_json")).status_code == 302


def test_a_user_with_an_authenticator_needs_the_code_as_well(client, eva_stale):
    device = TOTPDevice.objects.create(user=eva_stale, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # she gave the code at her login
    session.save()
    assert "token" in client.get(reauth_url(MY_DATA_JSON)).context["form"].fields
    missing = confirm(client, password=PASSWORD)
    assert "token" in missing.context["form"].errors
    wrong_code = "000000" if code(device) != "000000" else "111111"
    wrong = confirm(client, password=PASSWORD, token=wrong_code)
    assert "token" in wrong.context["form"].errors
    assert client.get(reverse("portal:my_data_json")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a code wait a moment after a wrong one
    right = confirm(client, password=PASSWORD, token=code(device))
    assert right["Location"] == MY_DATA_JSON
    assert downloads(client.get(MY_DATA_JSON))


def test_the_report_bundle_asks_again_after_the_window(client, anna, eva_sick):
    log_in(client, anna)
    url = reverse("documents:bundle", args=[eva_sick.pk])
    assert client.get(url)["Content-Type"] == "application/zip"
    age(client, settings.REAUTH_MAX_AGE + 1)
    assert client.get(url)["Location"] == reauth_url(url)
    assert confirm(client, url, password=PASSWORD)["Location"] == url
    assert client.get(url)["Content-Type"] == "application/zip"


def test_the_page_sends_an_anonymous_visitor_to_the_login(client):
    response = client.get(reverse("accounts:reauthenticate"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
