"""One plain, non-medical line per agenda item, in the active language: for e-mail and calendar."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import MILESTONE_NAMES
from openverzuim.measures.models import ExpertOpinionRequest
from openverzuim.measures.paths import STALLED_PATH

from .selectors import Item


def item_label(item: Item) -> str:
    """ "Probleemanalyse", "Check: 2. Make a re-integration agreement": never a word of diagnosis."""
    if item.kind == "milestone":
        lang = engine_language()
        return MILESTONE_NAMES[lang][item.code]
    if item.kind == "task":
        return _("Task: %(what)s") % {"what": item.text}
    if item.kind == "advice":
        return _("New advice from the company doctor for %(name)s on %(day)s") % {
            "name": item.case.employee.full_name,
            "day": date_format(item.day, "j F Y"),
        }
    if item.kind == "follow_up":
        step = STALLED_PATH.step(item.code)
        return _("Check: %(step)s") % {"step": step.title if step else item.code}
    question = ExpertOpinionRequest.Question(item.code).label
    return _("UWV expert opinion expected (%(question)s)") % {"question": question}


def item_url(item: Item) -> str:
    """An absolute link for e-mail and calendar: the case page, or the path for a planned check."""
    if item.kind in ("milestone", "task", "advice"):
        path = reverse("cases:detail", args=[item.case.pk])
    else:
        path = reverse("measures:case", args=[item.case.pk])
    return settings.SITE_URL.rstrip("/") + path
