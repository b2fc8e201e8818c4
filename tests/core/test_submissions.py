"""A form sent twice records once (issue 13 finding 4: ten identical event POSTs recorded ten events).

The event form stands for every form that creates something; the last test checks that each of those
templates carries the token.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openverzuim.accounts.retention import sweep_all
from openverzuim.cases.models import Event
from openverzuim.core.models import Submission


def _client(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _form(client, case) -> dict:
    """The event form as the browser got it: its hidden fields and a note."""
    page = client.get(reverse("cases:event_new", args=[case.pk])).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    return {"submission_token": token, "kind": "note", "date": "2026-11-20", "note": "Gebeld"}


@pytest.fixture
def url(eva_sick):
    return reverse("cases:event_new", args=[eva_sick.pk])


def test_ten_identical_posts_record_one_event(anna, eva_sick, today, url):
    client = _client(anna)
    data = _form(client, eva_sick)
    responses = [client.post(url, data) for _ in range(10)]
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 1
    detail = reverse("cases:detail", args=[eva_sick.pk])
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, detail)] * 10
    page = client.get(detail).content.decode()
    assert "Already recorded: this form was sent more than once and saved once." in page


def test_two_renderings_of_the_form_record_twice(anna, eva_sick, today, url):
    client = _client(anna)
    first, second = _form(client, eva_sick), _form(client, eva_sick)
    assert first["submission_token"] != second["submission_token"]
    assert client.post(url, first).status_code == client.post(url, second).status_code == 302
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 2


def test_the_same_form_changed_after_going_back_records_again(anna, eva_sick, today, url):
    client = _client(anna)
    data = _form(client, eva_sick)
    client.post(url, data)
    client.post(url, data | {"note": "Nog eens gebeld"})
    assert sorted(Event.objects.filter(case=eva_sick).values_list("note", flat=True)) == [
        "Gebeld",
        "Nog eens gebeld",
    ]


def test_a_refused_form_can_be_corrected_and_sent_with_its_token(anna, eva_sick, today, url):
    client = _client(anna)
    data = _form(client, eva_sick)
    for _ in range(2):  # not saved, so not remembered: the same mistake is shown again
        response = client.post(url, data | {"date": "2030-01-01"})
        assert (
            response.status_code == 200 and "cannot be in the future" in response.content.decode()
        )
    assert not Submission.objects.exists()
    assert client.post(url, data).status_code == 302
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 1


def test_a_post_without_a_token_is_untouched(anna, eva_sick, today, url):
    client = _client(anna)
    data = {"kind": "note", "date": "2026-11-20", "note": "Gebeld"}
    client.post(url, data)
    client.post(url, data)
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 2
    assert not Submission.objects.exists()


def test_another_user_with_the_same_token_is_not_answered_from_the_first(
    anna, bram, eva_sick, today, url
):
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    data = _form(_client(anna), eva_sick)
    assert _client(anna).post(url, data).status_code == _client(bram).post(url, data).status_code
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 2


def test_the_message_is_dutch_on_a_dutch_page(anna, eva_sick, today, url):
    client = _client(anna, "nl")
    data = _form(client, eva_sick)
    client.post(url, data)
    page = client.get(client.post(url, data)["Location"]).content.decode()
    assert "Al vastgelegd: dit formulier is meer dan eens verstuurd en één keer opgeslagen." in page


@pytest.mark.django_db(databases=["default", "medical"])  # the job sweeps the vault as well
def test_the_retention_job_forgets_submissions_after_a_day(anna, eva_sick, today, url):
    client = _client(anna)
    client.post(url, _form(client, eva_sick))
    client.post(url, _form(client, eva_sick))
    old, recent = Submission.objects.order_by("pk")
    Submission.objects.filter(pk=old.pk).update(
        created_at=datetime(2026, 11, 20, 23, 59, tzinfo=timezone.get_current_timezone())
    )
    Submission.objects.filter(pk=recent.pk).update(
        created_at=datetime(2026, 11, 21, 0, 1, tzinfo=timezone.get_current_timezone())
    )
    listed = sweep_all(today=date(2026, 11, 22), execute=False)["accounts"]
    assert [(r.kind, r.object_id) for r in listed] == [("form submission", old.pk)]
    assert Submission.objects.count() == 2
    sweep_all(today=date(2026, 11, 22), execute=True)
    assert list(Submission.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_identical_posts_record_one_event(
    simultaneously, anna, eva_sick, today, url
):
    clients = [_client(anna) for _ in range(10)]
    data = _form(clients[0], eva_sick)
    responses = simultaneously(10, lambda i: clients[i].post(url, data))
    assert all(not isinstance(r, Exception) for r in responses), responses
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("cases:detail", args=[eva_sick.pk]))
    }
    assert Event.objects.filter(case=eva_sick, kind="note").count() == 1
    assert Submission.objects.count() == 1


#: Forms that create or record nothing a second click could double: logging in, the second step,
#: confirming the password, setting the password of an invitation, logging out, the language, the
#: calendar address (renewing twice leaves one valid address), the date a copy was received (twice
#: is the same date, and its refusal comes back as a redirect), setting or changing a password (the
#: same password twice), asking for a reset link (limited, and a second mail doubles nothing stored),
#: new recovery codes (the set shown last is the one that works) and accepting an employee
#: invitation (the link works once; a second click gets the page that says it was used).
NOT_CREATING = {
    "registration/login.html",
    "accounts/two_factor_setup.html",
    "accounts/two_factor_verify.html",
    "accounts/reauthenticate.html",
    "accounts/invitation_accept.html",
    "core/base.html",
    "reminders/calendar.html",
    "documents/document_detail.html",
    "accounts/password_reset_form.html",
    "accounts/password_reset_confirm.html",
    "accounts/password_change_form.html",
    "accounts/security.html",
    "cases/invitation_accept.html",
    # Marking read, choosing deliveries and retrying a message: the same again changes nothing.
    "notifications/list.html",
    "notifications/preferences.html",
    "core/mail_queue.html",
}


def test_every_form_that_creates_something_carries_the_token():
    root = Path(__file__).resolve().parents[2] / "openverzuim"
    missing = []
    for template in root.glob("*/templates/**/*.html"):
        name = template.as_posix().split("/templates/", 1)[1]
        text = template.read_text()
        forms = re.findall(r'<form[^>]*method="post".*?</form>', text, re.S | re.I)
        if forms and name not in NOT_CREATING:
            missing += [name for form in forms if "{% form_token %}" not in form]
    assert missing == []


def test_the_token_is_new_with_every_rendering():
    from django.template import Context, Template

    template = Template("{% load submissions %}{% form_token %}")
    first, second = template.render(Context()), template.render(Context())
    assert first.startswith('<input type="hidden" name="submission_token" value="')
    assert first != second
