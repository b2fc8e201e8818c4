"""Each person's choice per kind: an e-mail at once, a line in the daily e-mail, or the app only;
the digest reaches the employee and the physician too; nothing medical in any of it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openverzuim.cases import services as case_services
from openverzuim.medical import services as medical_services
from openverzuim.notifications import services as notification_services
from openverzuim.notifications.models import Notification, NotificationPreference
from openverzuim.notifications.services import Event, notify, notify_all
from openverzuim.notifications.text import render
from openverzuim.reminders import digest
from openverzuim.reminders.models import DigestSent

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def _report(eva, anna, today):
    return case_services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 11, 20), by=anna, today=today
    ).case


def _choose(user, kind: str, delivery: str) -> None:
    NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery)


def test_immediately_is_one_mail_at_once_with_the_link(dirk, eva, anna, today, settings):
    settings.SITE_URL = "https://verzuim.example.nl"
    case = _report(eva, anna, today)
    (message,) = mail.outbox
    assert message.to == ["dirk@example.nl"]
    assert "Nieuw dossier bij Bakkerij De Korenschoof: Eva de Vries" in message.subject
    assert f"https://verzuim.example.nl/medical/cases/{case.pk}/" in message.body
    assert Notification.objects.get(recipient=dirk).mailed_at is not None


def test_in_the_digest_is_no_mail_until_the_daily_one(dirk, eva, anna, today):
    _choose(dirk, "new_case", "digest")
    _report(eva, anna, today)
    assert mail.outbox == []
    digest.run(today)
    (message,) = [m for m in mail.outbox if m.to == ["dirk@example.nl"]]
    assert (
        "Een nieuw dossier van een werkgever voor wie u bedrijfsarts bent" in message.body
    )  # the kind's heading
    assert "Eva de Vries, ziek vanaf 20 november 2026" in message.body
    assert "1 melding van 22 november 2026" in message.subject
    digest.run(today)  # the same day again: no second digest, the line is mailed
    assert len([m for m in mail.outbox if m.to == ["dirk@example.nl"]]) == 1
    assert Notification.objects.get(recipient=dirk).mailed_at is not None


def test_only_in_the_app_never_mails_but_shows_in_the_list(client, dirk, eva, anna, today):
    _choose(dirk, "new_case", "app")
    _report(eva, anna, today)
    digest.run(today)
    assert all(m.to != ["dirk@example.nl"] for m in mail.outbox)
    assert not DigestSent.objects.filter(user=dirk).exists()
    (notice,) = Notification.objects.filter(recipient=dirk)
    assert notice.mailed_at is None and notice.delivery == "app"


def test_the_employee_gets_her_digest_too(eva_user, eva_sick, anna, today):
    _choose(eva_user, "wage_measure", "digest")
    from openverzuim.measures import services as measure_services

    measure_services.wage_measure_create(
        case=eva_sick,
        by=anna,
        today=today,
        kind="suspension",
        ground="lid6",
        cause_known_on=today,
        employee_told_on=today,
        start=today,
        rules_in_writing=True,
    )
    digest.run(today)
    (message,) = [m for m in mail.outbox if m.to == ["eva@example.nl"]]
    assert "Uw werkgever heeft een maatregel op uw loon vastgelegd, vanaf 22 november" in (
        message.body
    )
    assert "Probleemanalyse" not in message.body  # the employer's duties are not hers


def test_the_same_event_twice_is_one_notification_and_one_mail(dirk, eva_sick, today):
    for _ in range(2):
        notify(
            kind="analysis_requested",
            recipients=[dirk],
            organisation_id=eva_sick.organisation_id,
            case_id=eva_sick.pk,
            dedupe_key="event:1",
            params={"name": "Eva de Vries", "employer": "Bakkerij", "day": "2026-11-22"},
        )
    assert Notification.objects.filter(kind="analysis_requested").count() == 1
    assert len([m for m in mail.outbox if "probleemanalyse" in m.subject]) == 1


def test_the_preferences_page_offers_the_kinds_of_her_roles_and_saves(client, eva_user):
    client.force_login(eva_user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Een document wacht op uw handtekening" in page
    assert "Nieuw dossier bij" not in page and "Een taak is over de termijn" not in page
    response = client.post(
        reverse("notifications:preferences"),
        {"document_to_sign": "digest", "review_planned": "app", "wage_measure": "immediate"},
    )
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=eva_user).values_list("kind", "delivery")
    ) == {"document_to_sign": "digest", "review_planned": "app"}  # the default needs no row
    refused = client.post(reverse("notifications:preferences"), {"document_to_sign": "fax"})
    assert refused.status_code == 200 and 'id="id_document_to_sign' in refused.content.decode()


def test_no_medical_word_reaches_a_notification_or_a_mail(
    eva_user, dirk, anna, bram, eva_sick, today, find_medical, medical_note, draft, sign
):
    """Medical words planted in every free text around the events: notes, the physician's release,
    the vault's own records. No notification's parameters, text or mail may carry one."""
    case = eva_sick
    case_services.event_record(
        case=case,
        kind="occupational_health_notified",
        date=today,
        by=anna,
        today=today,
        note=medical_note,
    )
    medical_services.note_add(
        case=case, author=dirk, today=today, consulted_on=today, text=medical_note
    )
    medical_services.release_add(
        case=case,
        author=dirk,
        today=today,
        released_on=today,
        limitations=medical_note,
        possibilities=medical_note,
        expected_duration=medical_note,
        work_advice=medical_note,
    )
    document = draft("action_plan")
    sign(document)
    NotificationPreference.objects.create(user=anna, kind="advice_released", delivery="digest")
    digest.run(today)
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"new_case", "analysis_requested", "advice_released", "signature_arrived"} <= kinds
    for notice in Notification.objects.all():
        text = render(notice) + str(notice.params)
        assert find_medical(text) == [], text
    assert mail.outbox
    for message in mail.outbox:
        assert find_medical(message.subject + message.body) == [], message.body


def test_a_digest_costs_the_same_queries_for_1_and_40_notifications(eva_user, eva_sick, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def waiting(n: int, start: int) -> None:
        for i in range(start, start + n):
            notify(
                kind="document_to_sign",
                recipients=[eva_user],
                organisation_id=eva_sick.organisation_id,
                case_id=eva_sick.pk,
                dedupe_key=f"version:{i}",
                params={"name": "Eva de Vries", "document": "Plan of action"},
                route="documents:mine",
            )

    _choose(eva_user, "document_to_sign", "digest")
    counts = []
    for day, (n, start) in enumerate(((1, 0), (40, 1))):
        waiting(n, start)
        with CaptureQueriesContext(connection) as queries:
            assert digest.send_digest(eva_user, today.replace(day=1 + day), employer_side=False)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    body = mail.outbox[-1].body
    assert body.count("Plan van aanpak wacht op uw handtekening.") == 40


def _events(anna, case, n: int, kind: str = "task_due") -> list[Event]:
    return [
        Event(
            kind,
            (anna,),
            case.organisation_id,
            f"task:{i}",
            {"name": "Eva de Vries", "day": "2026-11-22", "task": f"Bellen {i}"},
            case.pk,
            "cases:detail",
            (case.pk,),
        )
        for i in range(n)
    ]


def test_many_events_cost_the_same_queries_as_a_few_and_none_twice(anna, eva_sick):
    """The daily job tells of thousands of overdue duties: its queries must not grow with them."""
    with CaptureQueriesContext(connection) as few:
        assert len(notify_all(_events(anna, eva_sick, 3))) == 3
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        assert len(notify_all(_events(anna, eva_sick, 60))) == 60
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as again:
        assert notify_all(_events(anna, eva_sick, 60)) == []
    assert len(again) <= len(few)
    assert Notification.objects.filter(recipient=anna).count() == 60


def test_a_row_written_by_someone_else_meanwhile_wins_and_the_others_are_still_written(
    anna, eva_sick, monkeypatch
):
    """Between the check and the insert another process told of event 1: the batch's insert
    fails on the unique constraint, and the rows are then written one by one, theirs kept."""
    notify_all(_events(anna, eva_sick, 2)[1:])
    theirs = Notification.objects.get(dedupe_key="task:1")
    monkeypatch.setattr(notification_services, "_already_told", lambda keys: set())
    written = notify_all(_events(anna, eva_sick, 3))
    assert sorted(n.dedupe_key for n in written) == ["task:0", "task:2"]
    assert Notification.objects.get(dedupe_key="task:1").pk == theirs.pk
    assert Notification.objects.filter(recipient=anna).count() == 3
