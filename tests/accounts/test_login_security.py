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
    assert load_settings(monkeypatch, **production,
                         SESSION_IDLE_MINUTES="10")["SESSION_COOKIE_AGE"] == 600
