"""Template helpers of the employer's pages: one plain line per duty, in the user's language, and
whether a link about one case leads somewhere (`opens`)."""

from typing import TYPE_CHECKING

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from openverzuim.core.i18n import law_text
from openverzuim.core.routes import route_table
from openverzuim.core.templatetags.formats import short_date
from openverzuim.law import MILESTONE_RULES

from .. import selectors
from ..policies import visible_cases, visible_organisation_ids

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()

#: The case page's to-do line per milestone: the registry's (law.MILESTONE_RULES), translated.
TODO = {rule.id: law_text(rule.todo) for rule in MILESTONE_RULES}


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
        cases = (
            None
            if exact
            else frozenset(visible_cases(request.user, action).values_list("pk", flat=True))
        )
        cache[action] = (frozenset(organisations), cases)
    organisations, cases = cache[action]
    return case.organisation_id in organisations if cases is None else case.pk in cases


@register.filter
def counted(n: int) -> "int | str":
    """A count of duties as the worklist shows it: the number, or "more than 1.000" above
    `selectors.COUNTED`, where the count stopped reading."""
    if n > selectors.COUNTED:
        return _("more than %(n)s") % {"n": number_format(selectors.COUNTED, force_grouping=True)}
    return n


@register.simple_tag
def todo(milestone_id: str) -> "StrOrPromise":
    return TODO[milestone_id]


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, key)


@register.filter
def last_open(periods) -> bool:
    """The employee is still reported sick in this case."""
    return any(p.end is None for p in periods)


#: The pages' one short date (core's `formats` library), also under this library's name.
register.filter("short_date", short_date, expects_localtime=True)
