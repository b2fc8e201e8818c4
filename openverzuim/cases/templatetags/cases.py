"""Template helpers of the employer's pages: one plain line per duty, in the user's language, and
whether a link about one case leads somewhere (`opens`)."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openverzuim.core.i18n import engine_language
from openverzuim.core.routes import route_table

from ..policies import visible_cases, visible_organisation_ids

register = template.Library()

TODO = {
    "occupational_health_notified": _("Report the sickness to the occupational health service or "
                                      "company doctor."),
    "problem_analysis": _("Ask the company doctor for the problem analysis."),
    "action_plan": _("Agree the plan of action with the employee, within two weeks of the problem "
                     "analysis."),
    "progress_review": _("Hold a progress review with the employee and the case manager."),
    "safety_net_report": _("Report the sickness to UWV (Ziektewet safety net)."),
    "uwv_42_week_report": _("Send the 42nd-week sick report to UWV."),
    "first_year_evaluation": _("Hold the first-year evaluation with the employee."),
    "track_two_start": _("Start the second track: work with another employer."),
    "reintegration_report": _("Complete the re-integration report and give the employee a copy."),
    "wia_application": _("The employee applies for WIA benefit, with the re-integration report."),
}


@register.simple_tag(takes_context=True)
def opens(context, route_name: str, case=None) -> bool:
    """Whether the user may open `route_name` (about `case`): the roles its declaration names, the
    same `reachable` set the menu uses, and for a case the declared action on it (cases.policies),
    as the view's selector would check it. `{% opens "cases:event_new" case as may_record %}`.

    What decides is read once per action and request, not once per link, and never grows with the
    caseload: for roles that reach whole organisations, the few organisation ids; only for narrower
    relations (assigned cases, a department), the ids of those few cases."""
    if route_name not in context["reachable"]:
        return False
    if case is None:
        return True
    request = context["request"]
    action = route_table()[route_name].action
    cache = request.__dict__.setdefault("_reach_for_action", {})
    if action not in cache:
        organisations, exact = visible_organisation_ids(request.user, action)
        cases = None if exact else frozenset(
            visible_cases(request.user, action).values_list("pk", flat=True))
        cache[action] = (frozenset(organisations), cases)
    organisations, cases = cache[action]
    return case.organisation_id in organisations if cases is None else case.pk in cases


@register.simple_tag
def todo(milestone_id: str) -> str:
    return TODO[milestone_id]


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, key)


@register.filter
def last_open(periods) -> bool:
    """The employee is still reported sick in this case."""
    return any(p.end is None for p in periods)


#: Compact dates for tables: Dutch writes the month in lower case ("5 jan 2026"), English does not.
SHORT_DATE = {"nl": "j b Y", "en": "j M Y"}
WEEKDAY_DATE = {"nl": "D j b", "en": "D j M"}


@register.filter
def short_date(value, weekday: str = "") -> str:
    """`{{ day|short_date }}` -> 5 jan 2026 / 5 Jan 2026; `|short_date:"weekday"` -> ma 5 jan."""
    if not value:
        return ""
    lang = engine_language()
    return date_format(value, (WEEKDAY_DATE if weekday else SHORT_DATE)[lang])
