"""Logins are throttled (django-axes), passwords are strong, sessions time out, cookies and
headers are set for safety, and every page carries a content security policy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse


def attempt(client, password: str):
    return client.post(reverse("login"), {"username": "anna", "password": password})


def test_it_locks_out_a_guesser_after_the_failure_limit(client, anna):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong-guess-1234").status_code == 200  # the form again
    assert attempt(client, "wrong-guess-1234").status_code == 429  # the limit: locked out
    locked = attempt(client, "secret-password-1")  # even the right password now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in_before_the_limit(client, anna):
    attempt(client, "wrong-guess-1234")
    response = attempt(client, "secret-password-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


@pytest.mark.parametrize("password", ["short-pw-1", "123456789012345", "password1234"])
def test_it_refuses_weak_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_unusual_password_passes():
    validate_password("kaneel-broodje-7-zolder")


@pytest.mark.django_db
def test_every_page_sends_the_security_headers_and_a_content_security_policy(client):
    response = client.get(reverse("core:about"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_session_times_out_and_its_cookie_is_guarded(client, anna):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_HTTPONLY
    attempt(client, "secret-password-1")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_production_sends_cookies_over_https_only(monkeypatch):
    from tests.test_settings import load_settings

    production = {"SECRET_KEY": "k" * 50, "MEDICAL_ENCRYPTION_KEY": "a" * 43 + "="}
    loaded = load_settings(monkeypatch, **production)
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["CSRF_COOKIE_SECURE"]
    assert loaded["SESSION_COOKIE_AGE"] == 1800
    assert (
        load_settings(monkeypatch, **production, SESSION_IDLE_MINUTES="10")["SESSION_COOKIE_AGE"]
        == 600
    )


# ── issue 13, finding 7: throttling that cannot be turned against users ──────────────────────


@pytest.fixture
def waits(monkeypatch) -> list[int]:
    """The per-user-name delays the login asked for, instead of sleeping them."""
    asked: list[int] = []
    monkeypatch.setattr("openverzuim.accounts.backends.sleep", asked.append)
    return asked


def attempt_from(client, password: str, **address):
    return client.post(reverse("login"), {"username": "anna", "password": password}, **address)


def test_wrong_passwords_from_one_address_do_not_lock_the_user_out_from_another(
    client, anna, waits
):
    a, b = {"REMOTE_ADDR": "203.0.113.7"}, {"REMOTE_ADDR": "198.51.100.20"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "wrong-guess-1234", **a)
    assert attempt_from(client, "secret-password-1", **a).status_code == 429
    response = attempt_from(client, "secret-password-1", **b)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(anna.pk)
    assert len(waits) == 1 and 0 < waits[0] <= settings.LOGIN_DELAY_MAX_SECONDS  # slowed only


def test_behind_the_trusted_proxy_x_forwarded_for_decides_the_address(
    client, anna, waits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request arrives from the proxy
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "wrong-guess-1234", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert (
        attempt_from(
            client, "secret-password-1", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
        ).status_code
        == 429
    )
    # The guesser cannot step out of the lock by sending a header of their own: the proxy
    # appends the real address, and that one counts.
    assert (
        attempt_from(
            client, "secret-password-1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy
        ).status_code
        == 429
    )
    response = attempt_from(
        client, "secret-password-1", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy
    )
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, anna, waits, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new made-up address every time
        attempt_from(
            client,
            "wrong-guess-1234",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
            REMOTE_ADDR="203.0.113.7",
        )
    assert (
        attempt_from(
            client,
            "secret-password-1",
            HTTP_X_FORWARDED_FOR="192.0.2.99",
            REMOTE_ADDR="203.0.113.7",
        ).status_code
        == 429
    )


def test_the_client_address_counts_the_configured_proxies_from_the_end(rf, settings):
    from openverzuim.accounts.throttle import client_address

    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1", REMOTE_ADDR="10.0.0.2"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 2  # a request that came past the proxies: its own address
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"


def test_failures_from_many_addresses_slow_the_user_name_down_but_never_lock_it(
    client, anna, waits
):
    for n in range(settings.AXES_FAILURE_LIMIT + 4):  # a guesser who moves on before each lock
        attempt_from(client, "wrong-guess-1234", REMOTE_ADDR=f"192.0.2.{n}")
    assert waits == [1, 2, 4, 8]  # doubling once past the limit ...
    for n in range(4):
        attempt_from(client, "wrong-guess-1234", REMOTE_ADDR=f"198.51.100.{n}")
    assert waits[-1] == settings.LOGIN_DELAY_MAX_SECONDS  # ... up to the ceiling
    response = attempt_from(client, "secret-password-1", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302  # and she still logs in


def test_the_proxy_count_is_a_setting_that_fails_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from tests.test_settings import load_settings

    keys = {"SECRET_KEY": "k" * 50, "MEDICAL_ENCRYPTION_KEY": "a" * 43 + "="}
    assert load_settings(monkeypatch, **keys)["TRUSTED_PROXY_COUNT"] == 0
    assert load_settings(monkeypatch, **keys, BEHIND_PROXY="1")["TRUSTED_PROXY_COUNT"] == 1
    assert (
        load_settings(monkeypatch, **keys, BEHIND_PROXY="1", TRUSTED_PROXY_COUNT="2")[
            "TRUSTED_PROXY_COUNT"
        ]
        == 2
    )
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        load_settings(monkeypatch, **keys, TRUSTED_PROXY_COUNT="-1")
