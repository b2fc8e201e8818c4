"""The private iCal feed: one all-day event per open duty and planned check, titled without medical
content (a duty and a name), so that it lands in Outlook or Google Calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from openverzuim.accounts.models import User

from .labels import item_label, item_url
from .selectors import agenda_for


def feed_for(user: User, today: date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Open Verzuim//reminders//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Open Verzuim")
    with translation.override(settings.LANGUAGE_CODE):
        for item in agenda_for(user=user, today=today):
            event = Event()
            event.add("uid", f"{item.case.pk}-{item.kind}-{item.code}-{item.day}@openverzuim")
            event.add("summary", f"{item_label(item)}: {item.case.employee.full_name}")
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
            event.add("dtstamp", datetime.combine(today, time(), tzinfo=UTC))
            url = item_url(item)
            event.add("url", url)
            event.add(
                "description", _("Open the case for what to do and why: %(url)s") % {"url": url}
            )
            calendar.add_component(event)
    return calendar.to_ical()
