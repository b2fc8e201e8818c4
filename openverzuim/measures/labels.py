"""The wording of the checks the measures page shows, in the active language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from openverzuim.law.sanctions import NOTICE_BASIS, ground_basis

#: The wording of law/sanctions.py's check codes and of this app's stall codes.
CHECK_TEXT = {
    "told_promptly": gettext_lazy("The employee was told without delay (%(days)s working days)."),
    "told_late": gettext_lazy(
        "The employee was told after %(days)s working days: later than 2, so the "
        "measure may not hold (%(notice)s, D13)."
    ),
    "tell_now": gettext_lazy("The employee has not been told yet: tell them in writing today."),
    "not_told": gettext_lazy(
        "The employee has not been told, %(days)s working days after the cause was "
        "known: the measure does not hold (%(notice)s)."
    ),
    "warned_first": gettext_lazy("A written warning came first."),
    "no_written_warning": gettext_lazy(
        "No written warning before the measure: give one, it is also needed before any dismissal."
    ),
    "rules_in_writing": gettext_lazy("The control rules were given in writing."),
    "rules_not_in_writing": gettext_lazy(
        "A suspension needs control rules given in writing (%(written_rules)s)."
    ),
    "starts_before_notice": gettext_lazy("The measure starts before the employee was told."),
    "suspension_complied": gettext_lazy(
        "Back pay due: the employee keeps the rules again, so the withheld wage must be paid."
    ),
    "suspension_pending": gettext_lazy(
        "Back pay becomes due once the employee keeps the rules again."
    ),
    "stop_lost": gettext_lazy("No back pay: a stopped wage is lost for that time."),
    "warned_or_wage_stopped": gettext_lazy(
        "The employee was warned in writing, or the wage was stopped with prompt notice."
    ),
    "not_warned": gettext_lazy("No written warning and no wage stop with prompt notice yet."),
    "expert_statement": gettext_lazy("A UWV expert opinion on the employee's duties is there."),
    "no_expert_statement": gettext_lazy("No UWV expert opinion on the employee's duties yet."),
    "follow_up_overdue": gettext_lazy("An agreement was due to be checked and no step followed."),
}


#: The articles the wording cites, filled in from law's data rather than typed into the sentences.
_CITED = {"notice": NOTICE_BASIS.short(), "written_rules": ground_basis("lid6").short()}


def check_text(code: str, working_days: int | None = None) -> str:
    return str(CHECK_TEXT[code]) % {"days": working_days, **_CITED}
