"""The daily reminders job: statuses of every open case, one digest per user per day, nothing medical."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from openverzuim.cases import services as case_services
from openverzuim.measures import services as measure_services
from openverzuim.reminders import digest
from openverzuim.reminders.models import DigestSent
from openverzuim.reminders.tasks import daily_reminders


def test_it_mails_each_user_their_duties_once_a_day(eva_sick, mailboxes, today):
    first = digest.run(today)
    assert (first.open_cases, first.cases_with_overdue_duties, first.digests_sent) == (1, 1, 1)
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]  # bram is not the case manager
    second = digest.run(today)
    assert (second.digests_sent, second.digests_already_sent) == (0, 1)
    assert len(mail.outbox) == 1
    assert DigestSent.objects.get().duties >= 1


def test_a_digest_already_sent_today_is_not_built_again(
    eva_sick, mailboxes, anna, today, django_assert_num_queries
):
    """The job may run twice a day (a retry): the second time costs one query a person, not the
    building of her digest (at 50,000 open cases that was seconds a person)."""
    assert digest.send_digest(anna, today) is True
    with django_assert_num_queries(1):
        assert digest.send_digest(anna, today) is False


def test_it_sends_again_the_next_day(eva_sick, mailboxes, today):
    digest.run(today)
    digest.run(today + timedelta(days=1))
    assert len(mail.outbox) == 2


def test_the_digest_names_the_employee_the_duty_and_a_link_and_nothing_medical(
    eva_sick, mailboxes, anna, today, settings, find_medical, medical_note
):
    settings.SITE_URL = "https://verzuim.example.nl"
    case_services.event_record(
        case=eva_sick, kind="meeting", date=today, by=anna, today=today, note=medical_note
    )
    measure_services.step_record(
        case=eva_sick,
        path="stalled",
        step="agreement",
        taken_on=today,
        by=anna,
        today=today,
        note=medical_note,
        follow_up_on=today + timedelta(days=3),
    )
    digest.run(today)
    (message,) = mail.outbox
    text = message.subject + message.body
    assert "Eva de Vries" in message.body
    assert "Probleemanalyse" in message.body  # Dutch by default
    assert f"https://verzuim.example.nl/cases/{eva_sick.pk}/" in message.body
    assert "Controleren: 2. Maak een re-integratieovereenkomst" in message.body  # the planned check
    assert "wo 25 nov" in message.body  # its day as Dutch writes it, month in lower case
    assert find_medical(text) == [], text


def test_another_employer_gets_no_word_of_the_case(eva_sick, mailboxes, carla, today):
    digest.run(today)
    assert all("carla@example.nl" not in m.to for m in mail.outbox)
    assert not DigestSent.objects.filter(user=carla).exists()


def test_a_failed_send_records_nothing_so_the_next_run_tries_again(
    eva_sick, mailboxes, today, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(digest, "send_mail", broken)
    with pytest.raises(ConnectionError):
        digest.run(today)
    assert not DigestSent.objects.exists()


def test_the_task_and_the_command_run_the_job(eva_sick, mailboxes, today):
    result = daily_reminders.enqueue(today.isoformat())
    assert result.return_value["digests_sent"] == 1
    out = StringIO()
    call_command("reminders", "--date", today.isoformat(), stdout=out)
    assert json.loads(out.getvalue())["digests_already_sent"] == 1
    assert len(mail.outbox) == 1


def test_the_command_names_a_bad_date():
    with pytest.raises(CommandError, match="--date: '2026-02-30' is not a date"):
        call_command("reminders", "--date", "2026-02-30")


def test_it_refreshes_the_stored_next_duty_of_every_open_case(eva_sick, mailboxes, today):
    type(eva_sick).objects.filter(pk=eva_sick.pk).update(next_due_on=None)
    digest.run(today)
    eva_sick.refresh_from_db()
    assert eva_sick.next_due_on == date(2026, 1, 11)  # occupational health service, D1 + 6


def test_a_case_manager_gets_the_cases_assigned_to_him(eva_sick, mailboxes, bram, today):
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    digest.run(today)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bram@example.nl"]
