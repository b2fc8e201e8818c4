"""Notifications do not outlive their purpose: read ones go after a year, and those about a case go
with the case when its re-integration file is deleted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from openverzuim.cases import retention as case_retention
from openverzuim.notifications import retention
from openverzuim.notifications.models import Notification

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_a_read_notification_goes_after_a_year_an_unread_one_stays(dirk, eva_sick, today):
    (notice,) = Notification.objects.filter(recipient=dirk)  # the new case
    old = timezone.now() - timedelta(days=400)
    Notification.objects.filter(pk=notice.pk).update(created_at=old)
    assert retention.sweep(today=today, execute=True) == []  # unread: she has not seen it yet
    Notification.objects.filter(pk=notice.pk).update(read_at=old)
    (removal,) = retention.sweep(today=today, execute=False)
    assert (removal.kind, removal.object_id) == ("notification", notice.pk)
    retention.sweep(today=today, execute=True)
    assert not Notification.objects.exists()


def test_the_notifications_of_a_deleted_case_go_with_it(dirk, eva_sick, today):
    assert Notification.objects.filter(case_id=eva_sick.pk).exists()
    type(eva_sick).objects.filter(pk=eva_sick.pk).update(closed_on=date(2010, 1, 1))
    removed = case_retention.sweep(today=today, execute=True)
    assert eva_sick.pk in {r.object_id for r in removed if r.kind == "case"}
    assert not Notification.objects.filter(case_id=eva_sick.pk).exists()
