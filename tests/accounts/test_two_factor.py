"""Two-step login: required for the physician (every non-public page sends them to set up or verify
first), available to everyone, set up with a QR code and confirmed by a right code."""

from __future__ import annotations

from base64 import b32decode
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts import services
from openverzuim.accounts.models import AuditEntry


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_it_sends_a_physician_without_an_authenticator_to_the_setup(client, dirk):
    client.force_login(dirk)
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()  # the QR code, inline
    for url in [
        reverse("front_page"),
        reverse("cases:list"),
        reverse("portal:my_pay"),
        reverse("accounts:audit_log"),
    ]:
        assert client.get(url)["Location"] == (
            f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': url})}"
        ), url


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
    right = client.post(
        reverse("accounts:two_factor_verify"),
        {"token": code(device), "next": reverse("portal:my_pay")},
    )
    assert right["Location"] == reverse("portal:my_pay")
    assert client.get(reverse("portal:my_pay")).status_code == 200


def test_setting_up_confirms_the_device_with_the_first_right_code(client, dirk):
    client.force_login(dirk)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=dirk)
    assert not device.confirmed
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "12"})
    assert response.status_code == 200 and not TOTPDevice.objects.get(user=dirk).confirmed
    response = client.post(
        reverse("accounts:two_factor_setup"),
        {"token": code(device), "next": reverse("portal:my_pay")},
    )
    # The recovery codes, shown this once, then on to where the physician was going.
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "accounts/recovery_codes.html"
    assert len(response.context["codes"]) == 10
    assert reverse("portal:my_pay") in response.content.decode()
    assert TOTPDevice.objects.get(user=dirk).confirmed
    assert client.get(reverse("portal:my_pay")).status_code == 200  # verified in this session


def test_an_employer_may_use_two_step_login_but_is_not_forced_to(client, anna):
    client.force_login(anna)
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


@pytest.mark.django_db
def test_the_verify_page_sends_anonymous_visitors_to_the_login(client):
    assert client.get(reverse("accounts:two_factor_verify"))["Location"].startswith(
        "/accounts/login/"
    )


def test_an_employer_who_set_up_two_step_login_is_asked_for_the_code_at_every_login(client, anna):
    device = TOTPDevice.objects.create(user=anna, name="phone", confirmed=True)
    client.force_login(anna)
    assert client.get(reverse("cases:list"))["Location"] == (
        f"{reverse('accounts:two_factor_verify')}?next=%2Fcases%2F"
    )
    right = client.post(
        reverse("accounts:two_factor_verify"),
        {"token": code(device), "next": reverse("cases:list")},
    )
    assert right["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200


# ── issue 13, finding 1: the password alone never adds an authenticator ──────────────────────


def test_the_password_alone_cannot_open_the_setup_when_an_authenticator_exists(client, dirk):
    TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)
    client.force_login(dirk)  # the password, not yet the code
    setup = reverse("accounts:two_factor_setup")
    response = client.get(setup)
    assert (
        response["Location"]
        == f"{reverse('accounts:two_factor_verify')}?next=%2Faccounts%2Ftwo-factor%2Fsetup%2F"
    )
    assert "<svg" not in response.content.decode()
    assert not TOTPDevice.objects.filter(user=dirk, confirmed=False).exists()  # no new key made
    assert client.get(reverse("medical:caseload")).status_code == 302


def test_the_password_alone_cannot_confirm_a_new_authenticator(client, dirk):
    TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)
    pending = services.totp_device_pending(user=dirk)  # e.g. a key from an earlier session
    client.force_login(dirk)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": code(pending)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=dirk, confirmed=True).count() == 1
    assert not client.session.get("otp_device_id")
    assert client.get(reverse("medical:caseload")).status_code == 302


def test_the_service_refuses_a_new_authenticator_in_an_unverified_session(dirk):
    TOTPDevice.objects.create(user=dirk, name="phone", confirmed=True)
    pending = services.totp_device_pending(user=dirk)
    with pytest.raises(ValidationError) as refused:
        services.totp_device_confirm(user=dirk, token=code(pending), verified=False)
    assert "token" in refused.value.message_dict
    assert TOTPDevice.objects.filter(user=dirk, confirmed=True).count() == 1


def test_after_verifying_a_user_may_add_another_authenticator(client, dirk, verified_login):
    verified_login(client, dirk)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    pending = TOTPDevice.objects.get(user=dirk, confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": code(pending)})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=dirk, confirmed=True).count() == 2


# ── issue 13, "two-step login done right" ─────────────────────────────────────────────────


def test_the_setup_shows_the_key_as_text_beside_the_qr_code(client, anna):
    client.force_login(anna)
    response = client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=anna, confirmed=False)
    shown = response.context["secret"]
    assert all(len(group) == 4 for group in shown.split()[:-1])
    assert (
        b32decode(shown.replace(" ", "") + "=" * (-len(shown.replace(" ", "")) % 8))
        == device.bin_key
    )
    assert shown in response.content.decode() and "<svg" in response.content.decode()


def test_a_new_authenticator_is_recorded_and_announced_by_email(client, anna, settings):
    client.force_login(anna)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=anna)
    client.post(reverse("accounts:two_factor_setup"), {"token": code(device)})
    entry = AuditEntry.objects.get(user_id=anna.pk, subject="second factor: authenticator added")
    assert entry.action == "write"
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    body = mail.outbox[0].body
    assert "authenticator" in body and "Als u dit niet was" in body  # Dutch, the default


def test_a_recovery_code_logs_in_once_and_is_recorded_and_announced(client, anna):
    _device, codes = confirmed_with_codes(anna)
    mail.outbox.clear()
    client.force_login(anna)
    verify = reverse("accounts:two_factor_verify")
    response = client.post(verify, {"token": codes[0].upper(), "next": reverse("cases:list")})
    assert response["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200
    assert StaticToken.objects.filter(device__user=anna).count() == 9
    entry = AuditEntry.objects.get(user_id=anna.pk, subject="second factor: recovery code used")
    assert entry.fields == "9 recovery codes left"
    assert len(mail.outbox) == 1 and "herstelcode" in mail.outbox[0].body
    client.logout()
    client.force_login(anna)  # the same code a second time
    again = client.post(verify, {"token": codes[0]})
    assert again.status_code == 200 and "klopt niet" in again.content.decode()


def test_recovery_codes_are_renewed_only_after_verifying(client, anna):
    device, codes = confirmed_with_codes(anna)
    client.force_login(anna)
    renew = reverse("accounts:recovery_codes")
    assert client.post(renew)["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    session = client.session  # she gives the code (this one is used up by the set-up already)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    mail.outbox.clear()
    response = client.post(renew)
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert not set(codes) & set(StaticToken.objects.values_list("token", flat=True))
    assert AuditEntry.objects.filter(
        user_id=anna.pk, subject="second factor: recovery codes renewed"
    ).exists()
    assert len(mail.outbox) == 1


def test_the_security_page_tells_how_many_recovery_codes_are_left(client, anna):
    confirmed_with_codes(anna)
    client.force_login(anna)
    client.post(
        reverse("accounts:two_factor_verify"),
        {"token": StaticToken.objects.filter(device__user=anna).first().token},
    )
    page = client.get(reverse("accounts:security")).content.decode()
    assert "9 herstelcodes" in page


def confirmed_with_codes(user) -> tuple[TOTPDevice, list[str]]:
    pending = services.totp_device_pending(user=user)
    return services.totp_device_confirm(user=user, token=code(pending), verified=False)


def test_the_admin_never_shows_recovery_codes(client, anna):
    from django.contrib.auth import get_user_model

    _device, codes = confirmed_with_codes(anna)
    staff = get_user_model().objects.create_user(
        "sam", "sam@example.nl", "secret-password-1", is_staff=True, is_superuser=True
    )
    client.force_login(staff)
    device = StaticToken.objects.filter(device__user=anna).first().device
    for url in (
        reverse("admin:otp_static_staticdevice_changelist"),
        reverse("admin:otp_static_staticdevice_change", args=[device.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert not any(c in page.content.decode() for c in codes), url
    assert client.get(reverse("admin:otp_static_staticdevice_add")).status_code == 403
