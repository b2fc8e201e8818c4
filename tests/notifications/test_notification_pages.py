"""The notification list and the bell: one's own only, marked read one by one or all at once, at a
number of queries that does not grow with the notifications; and the administrator's page of mail
that did not arrive, with its retry."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openverzuim.accounts.models import User
from openverzuim.core.models import QueuedMail
from openverzuim.notifications.models import Notification
from openverzuim.notifications.services import notify
from tests.core.test_mail_queue import LOCMEM, REFUSING

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def _notices(user, case, n: int, start: int = 0) -> list[Notification]:
    written = []
    for i in range(start, start + n):
        written += notify(
            kind="task_due",
            recipients=[user],
            organisation_id=case.organisation_id,
            case_id=case.pk,
            dedupe_key=f"task:{i}",
            params={"name": "Eva de Vries", "day": "2026-11-22", "task": f"Bellen {i}"},
            route="cases:detail",
            route_args=[case.pk],
        )
    return written


def test_the_bell_counts_the_unread_and_the_list_marks_them_read(client, anna, eva_sick):
    _first, second, _third = _notices(anna, eva_sick, 3)
    client.force_login(anna)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'class="count" aria-label="3 ongelezen">3</span>' in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Bellen 2" in listing and f'href="/cases/{eva_sick.pk}/"' in listing
    assert listing.index("Bellen 2") < listing.index("Bellen 0")  # newest first
    response = client.post(reverse("notifications:list"), {"id": second.pk})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.read_at is not None and Notification.objects.filter(read_at=None).count() == 2
    client.post(reverse("notifications:list"), {"all": "1"})
    assert not Notification.objects.filter(read_at=None).exists()
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'ongelezen">' not in page  # no unread count left in the header


def test_marking_someone_elses_notification_is_a_404_and_changes_nothing(
    client, anna, carla, eva_sick
):
    (annas,) = _notices(anna, eva_sick, 1)
    client.force_login(carla)
    assert client.post(reverse("notifications:list"), {"id": annas.pk}).status_code == 404
    for junk in ("x", "9" * 30, "\x00", ""):
        assert client.post(reverse("notifications:list"), {"id": junk}).status_code == 404
    client.post(reverse("notifications:list"), {"all": "1"})  # all of hers: none of anna's
    annas.refresh_from_db()
    assert annas.read_at is None
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Bellen" not in listing and "Nog geen meldingen" in listing  # the empty state


def test_a_link_shows_only_where_her_roles_reach_the_route(client, eva_user, eva_sick):
    _notices(eva_user, eva_sick, 1)  # a case page, which the employee does not open
    client.force_login(eva_user)
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Bellen 0" in listing and f'href="/cases/{eva_sick.pk}/"' not in listing


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_bell_cost_the_same_queries_for_1_and_60_notifications(
    client, anna, eva_sick
):
    _notices(anna, eva_sick, 1)
    client.force_login(anna)
    few = (_queries(client, reverse("notifications:list")), _queries(client, "/guide/"))
    _notices(anna, eva_sick, 59, start=1)
    many = (_queries(client, reverse("notifications:list")), _queries(client, "/guide/"))
    assert few == many
    assert "?page=3" in client.get(reverse("notifications:list") + "?page=2").content.decode()


def test_a_mail_server_that_is_down_breaks_no_page_and_the_administrator_retries(
    client, anna, eva_user, eva, settings, today, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "openverzuim.core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    client.force_login(eva_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:report_sick"),
            {"first_sick_day": "2026-11-20", "expected_duration": "week"},
        )
    assert response.status_code == 302
    (queued,) = QueuedMail.objects.all()  # anna's notice; tried once, kept for later
    assert queued.envelope["to"] == ["anna@example.nl"] and queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error
    assert Notification.objects.get(kind="self_report").recipient == anna

    client.force_login(anna)  # no system administrator: the page is not there
    assert client.get(reverse("core:mail_queue")).status_code == 404
    assert client.post(reverse("core:mail_retry"), {"mail": queued.pk}).status_code == 404

    admin = User.objects.create_user("root", "root@example.nl", "x", is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("core:mail_queue")).content.decode()
    assert "anna@example.nl" in page and "ConnectionRefusedError" in page
    unconfirmed = client.post(reverse("core:mail_retry"), {"mail": queued.pk})
    assert unconfirmed.status_code == 302 and mail.outbox == []
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM  # the server is back
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:mail_retry"), {"mail": queued.pk, "confirm": "1"})
    assert response.status_code == 302
    assert not QueuedMail.objects.exists()
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert (
        client.post(reverse("core:mail_retry"), {"mail": queued.pk, "confirm": "1"}).status_code
        == 404
    )
