"""Two-step login: required for the physician (every non-public page sends them to set up or verify
first), available to everyone, set up with a QR code and confirmed by a right code."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_it_sends_a_physician_without_an_authenticator_to_the_setup(client, dirk):
    client.force_login(dirk)
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()  # the QR code, inline
    for url in [reverse("front_page"), reverse("cases:list"), reverse("portal:my_pay"),
                reverse("accounts:audit_log")]:
        assert client.get(url)["Location"] == (
            f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': url})}"), url


def test_it_asks_a_physician_with_an_authenticator_for_the_code(client, dirk):
    TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)
    client.force_login(dirk)
    location = client.get(reverse("portal:my_pay"))["Location"]
    assert location == f"{reverse('accounts:two_factor_verify')}?next=%2Fmy%2Fpay%2F"


def test_a_right_code_verifies_the_physician_and_a_wrong_one_does_not(client, dirk):
    device = TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)
    client.force_login(dirk)
    wrong_code = "000000" if code(device) != "000000" else "111111"
    wrong = client.post(reverse("accounts:two_factor_verify"), {"token": wrong_code})
    assert "klopt niet" in wrong.content.decode()  # Dutch, the default
    assert client.get(reverse("portal:my_pay")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows the next try after a wrong code; skip the wait
    right = client.post(reverse("accounts:two_factor_verify"), {"token": code(device),
                                                               "next": reverse("portal:my_pay")})
    assert right["Location"] == reverse("portal:my_pay")
    assert client.get(reverse("portal:my_pay")).status_code == 200


def test_setting_up_confirms_the_device_with_the_first_right_code(client, dirk):
    client.force_login(dirk)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=dirk)
    assert not device.confirmed
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "12"})
    assert response.status_code == 200 and not TOTPDevice.objects.get(user=dirk).confirmed
    response = client.post(reverse("accounts:two_factor_setup"), {"token": code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=dirk).confirmed
    assert client.get(reverse("portal:my_pay")).status_code == 200  # verified in this session


def test_an_employer_may_use_two_step_login_but_is_not_forced_to(client, anna):
    client.force_login(anna)
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


@pytest.mark.django_db
def test_the_verify_page_sends_anonymous_visitors_to_the_login(client):
    assert client.get(reverse("accounts:two_factor_verify"))["Location"].startswith("/accounts/login/")


def test_an_employer_who_set_up_two_step_login_is_asked_for_the_code_at_every_login(client, anna):
    device = TOTPDevice.objects.create(user=anna, name="phone", confirmed=True)
    client.force_login(anna)
    assert client.get(reverse("cases:list"))["Location"] == (
        f"{reverse('accounts:two_factor_verify')}?next=%2Fcases%2F")
    right = client.post(reverse("accounts:two_factor_verify"), {"token": code(device),
                                                               "next": reverse("cases:list")})
    assert right["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200
