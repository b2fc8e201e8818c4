"""One plain, non-medical line per agenda item, in the active language: for e-mail and calendar."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import MILESTONE_NAMES

from .models import ExpertOpinionRequest
from .paths import STALLED_PATH
from .selectors import Item


def item_label(item: Item) -> str:
    """"Probleemanalyse", "Check: 2. Make a re-integration agreement": never a word of diagnosis."""
    if item.kind == "milestone":
        lang = engine_language()
        return MILESTONE_NAMES[lang][item.code]
    if item.kind == "task":
        return _("Task: %(what)s") % {"what": item.text}
    if item.kind == "advice":
        return _("New advice from the company doctor for %(name)s on %(day)s") % {
            "name": item.case.employee.full_name, "day": date_format(item.day, "j F Y")}
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
        path = reverse("signals:case", args=[item.case.pk])
    return settings.SITE_URL.rstrip("/") + path


#: The wording of law/sanctions.py's check codes and of this app's stall codes.
CHECK_TEXT = {
    "told_promptly": gettext_lazy("The employee was told without delay (%(days)s working days)."),
    "told_late": gettext_lazy("The employee was told after %(days)s working days: later than 2, so the "
                       "measure may not hold (BW 7:629 lid 7, D13)."),
    "tell_now": gettext_lazy("The employee has not been told yet: tell them in writing today."),
    "not_told": gettext_lazy("The employee has not been told, %(days)s working days after the cause was "
                      "known: the measure does not hold (BW 7:629 lid 7)."),
    "warned_first": gettext_lazy("A written warning came first."),
    "no_written_warning": gettext_lazy("No written warning before the measure: give one, it is also needed "
                                "before any dismissal."),
    "rules_in_writing": gettext_lazy("The control rules were given in writing."),
    "rules_not_in_writing": gettext_lazy("A suspension needs control rules given in writing (BW 7:629 lid 6)."),
    "starts_before_notice": gettext_lazy("The measure starts before the employee was told."),
    "suspension_complied": gettext_lazy("Back pay due: the employee keeps the rules again, so the withheld "
                                 "wage must be paid."),
    "suspension_pending": gettext_lazy("Back pay becomes due once the employee keeps the rules again."),
    "stop_lost": gettext_lazy("No back pay: a stopped wage is lost for that time."),
    "warned_or_wage_stopped": gettext_lazy("The employee was warned in writing, or the wage was stopped "
                                    "with prompt notice."),
    "not_warned": gettext_lazy("No written warning and no wage stop with prompt notice yet."),
    "expert_statement": gettext_lazy("A UWV expert opinion on the employee's duties is there."),
    "no_expert_statement": gettext_lazy("No UWV expert opinion on the employee's duties yet."),
    "follow_up_overdue": gettext_lazy("An agreement was due to be checked and no step followed."),
}


def check_text(code: str, working_days: int | None = None) -> str:
    return str(CHECK_TEXT[code]) % {"days": working_days}
