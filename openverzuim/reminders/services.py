"""What the reminders app changes: the user's private calendar link."""

from __future__ import annotations

from django.db import transaction

from openverzuim.accounts.models import User

from .models import CalendarFeed, new_token


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the user a new private calendar link; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
