"""The registry of notification kinds: who may get each, how by default, and its fixed text.

A notification stores its kind and non-medical parameters (names, dates, a document type), never a
rendered sentence: the text is the kind's template, translated into the reader's language when it
is read or mailed. A parameter's value is printed as it is, unless the kind names it in `dates`
(an ISO date, shown in the reader's format), `msgids` (an English source string, translated) or
`milestones` (a timeline rule id, shown by its name). No template takes free text typed by a
person, except a task's title, which cases.tasks keeps free of medical words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr

#: How a person hears of a notification; every notification is in the app's list in any case.
IMMEDIATE, DIGEST, APP_ONLY = "immediate", "digest", "app"
DELIVERIES: tuple[tuple[str, LazyStr], ...] = (
    (IMMEDIATE, _("Immediately, by e-mail")),
    (DIGEST, _("In the daily e-mail")),
    (APP_ONLY, _("Only in the app")),
)

# The roles, as plain strings (accounts.roles.Role's values): this registry is read by the
# preferences page and by the producers, which all sit above accounts.
EMPLOYEE = "employee"
EMPLOYER_SIDE = frozenset({"employer_admin", "case_manager"})
PHYSICIAN = "occupational_physician"


@dataclass(frozen=True)
class Kind:
    code: str
    label: LazyStr  # what the preferences page calls it
    text: str  # the template, a msgid with %(param)s placeholders
    audience: frozenset[str]  # the roles it is meant for: the preferences page offers it to them
    default: str  # IMMEDIATE, DIGEST or APP_ONLY
    dates: tuple[str, ...] = ()
    msgids: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    # The digest of an employer-side person lists her duties already (reminders.digest): a kind that
    # only repeats a duty or an advice the digest shows is not listed a second time there.
    in_duty_digest: bool = False


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        # the employee
        Kind(
            "document_to_sign",
            _("A document waits for your signature"),
            gettext_noop("%(document)s waits for your signature."),
            frozenset({EMPLOYEE}),
            IMMEDIATE,
            msgids=("document",),
        ),
        Kind(
            "review_planned",
            _("A progress review is planned"),
            gettext_noop("Your employer invites you to a progress review on %(day)s."),
            frozenset({EMPLOYEE}),
            IMMEDIATE,
            dates=("day",),
        ),
        Kind(
            "wage_measure",
            _("Your employer recorded a measure on your wage"),
            gettext_noop("Your employer recorded a measure on your wage from %(day)s."),
            frozenset({EMPLOYEE}),
            IMMEDIATE,
            dates=("day",),
        ),
        # the employer side
        Kind(
            "self_report",
            _("An employee reported sick in the portal"),
            gettext_noop("%(name)s reported sick in the portal, from %(day)s."),
            EMPLOYER_SIDE,
            IMMEDIATE,
            dates=("day",),
        ),
        Kind(
            "advice_released",
            _("New advice from the company doctor"),
            gettext_noop("New advice from the company doctor for %(name)s (%(day)s)."),
            EMPLOYER_SIDE,
            DIGEST,
            dates=("day",),
            in_duty_digest=True,
        ),
        Kind(
            "signature_arrived",
            _("A signature arrived"),
            gettext_noop("%(name)s signed %(document)s."),
            EMPLOYER_SIDE,
            DIGEST,
            msgids=("document",),
        ),
        Kind(
            "duty_overdue",
            _("A duty became overdue"),
            gettext_noop("%(duty)s for %(name)s is overdue since %(day)s."),
            EMPLOYER_SIDE,
            DIGEST,
            dates=("day",),
            milestones=("duty",),
            in_duty_digest=True,
        ),
        # the occupational physician
        Kind(
            "new_case",
            _("A new case of an employer you serve"),
            gettext_noop("New case at %(employer)s: %(name)s, sick from %(day)s."),
            frozenset({PHYSICIAN}),
            IMMEDIATE,
            dates=("day",),
        ),
        Kind(
            "analysis_requested",
            _("A problem analysis is requested"),
            gettext_noop("%(employer)s asks for a problem analysis for %(name)s (%(day)s)."),
            frozenset({PHYSICIAN}),
            IMMEDIATE,
            dates=("day",),
        ),
        # the case manager
        Kind(
            "case_assigned",
            _("A case was assigned to you"),
            gettext_noop("You are now the case manager of %(name)s (%(employer)s)."),
            frozenset({"case_manager"}),
            IMMEDIATE,
        ),
        Kind(
            "task_due",
            _("A task is due"),
            gettext_noop("Task due on %(day)s for %(name)s: %(task)s"),
            EMPLOYER_SIDE,
            DIGEST,
            dates=("day",),
            in_duty_digest=True,
        ),
    )
}


def kinds_for(roles: set[str]) -> list[Kind]:
    """The kinds meant for someone holding `roles`, in the registry's order."""
    return [kind for kind in KINDS.values() if kind.audience & roles]
