"""Password reset and change (issue 13): Django's views in the site's pages, the same answer for
any address, reset requests limited per address and per e-mail address, a change that keeps the
session and tells the user, a reset that is recorded as a recovery and announced."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry


@pytest.fixture(autouse=True)
def fresh_limits():
    """The reset limits count in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


def ask_reset(client, email: str, address: str = "203.0.113.7"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_the_answer_is_the_same_whether_or_not_the_address_has_a_login(client, anna):
    known = ask_reset(client, "anna@example.nl")
    unknown = ask_reset(client, "nobody@example.nl")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]  # only the real login gets mail
    done = client.get(known["Location"]).content.decode()
    assert "Als het adres bij een login hoort" in done  # Dutch, the site's page


def test_a_reset_link_sets_a_new_password_and_is_recorded_and_announced(client, anna):
    ask_reset(client, "anna@example.nl")
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body)[1]
    mail.outbox.clear()
    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new = "kaneel-broodje-7-zolder"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    anna.refresh_from_db()
    assert anna.check_password(new)
    assert AuditEntry.objects.filter(
        user_id=anna.pk, subject="password: reset by e-mail link", action="write"
    ).exists()
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert "Als u dit niet was" in mail.outbox[0].body
    assert client.get(link).context["validlink"] is False  # the link worked once


def test_reset_requests_are_limited_per_email_address_without_saying_so(client, anna, settings):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2):  # from ever new addresses
        response = ask_reset(client, "anna@example.nl", address=f"192.0.2.{n}")
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_reset_requests_are_limited_per_client_address(client, anna, settings):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        assert ask_reset(client, f"someone{n}@example.nl").status_code == 302
    refused = ask_reset(client, "anna@example.nl")
    assert refused.status_code == 429 and "Te veel verzoeken" in refused.content.decode()
    assert not mail.outbox
    assert ask_reset(client, "anna@example.nl", address="198.51.100.20").status_code == 302


def test_a_password_change_needs_the_current_password_and_keeps_the_session(client, anna):
    client.force_login(anna)
    change = reverse("accounts:password_change")
    new = "kaneel-broodje-7-zolder"
    wrong = client.post(
        change, {"old_password": "not-my-password", "new_password1": new, "new_password2": new}
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    assert not mail.outbox
    done = client.post(
        change, {"old_password": "secret-password-1", "new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("accounts:password_change_done")
    assert client.get(reverse("cases:list")).status_code == 200  # still logged in
    anna.refresh_from_db()
    assert anna.check_password(new)
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert AuditEntry.objects.filter(user_id=anna.pk, subject="password: changed").exists()


@pytest.mark.django_db
def test_the_password_change_asks_anonymous_visitors_to_log_in(client):
    assert client.get(reverse("accounts:password_change"))["Location"].startswith(
        "/accounts/login/"
    )


@pytest.mark.django_db
def test_the_login_page_links_to_the_password_reset(client):
    assert reverse("accounts:password_reset") in client.get(reverse("login")).content.decode()


def test_wrong_current_passwords_count_towards_the_lock_out(client, anna, settings):
    client.force_login(anna)
    new = "kaneel-broodje-7-zolder"
    change = reverse("accounts:password_change")

    def guess(old: str):
        return client.post(
            change, {"old_password": old, "new_password1": new, "new_password2": new}
        )

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert guess("not-my-password").status_code == 200
    assert guess("not-my-password").status_code == 429
    assert guess("secret-password-1").status_code == 429  # even the right one now
    anna.refresh_from_db()
    assert anna.check_password("secret-password-1")
