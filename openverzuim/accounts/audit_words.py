"""The audit trail in people's words: role labels instead of role codes, and the recorded subject
("case", "document 12 v3", "new progress_review") and fields translated when they are shown.

The trail keeps the plain English identifiers it was written with (entries are append-only and must
read the same in every language and in years to come); they are put into words only on the page, the
employee's "who viewed my dossier" and the export. One place, so that the audit log and the employee's
pages say the same. Apps above accounts add the names of their own things (`register_nouns`: the
document types) when they load."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .roles import SYSTEM_ADMIN, Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: The things an entry's subject names, as `audit.record_*` and `note_read` callers write them.
NOUNS: dict[str, StrOrPromise] = {
    "case": _("sickness case"),
    "own case": _("own sickness case"),
    "employee": _("employee record"),
    "employee record with employments": _("employee record with employments"),
    "employee (payroll import)": _("employee record (payroll import)"),
    "employment": _("employment"),
    "event": _("event"),
    "document": _("document"),
    "documents": _("documents"),
    "task": _("task"),
    "leave": _("leave"),
    "uploaded file": _("uploaded file"),
    "API key": _("API key"),
    "role": _("role"),  # given or taken away: "role case_manager", the role's name follows
    "re-integration report": _("re-integration report"),
    "re-integration file (case)": _("re-integration file"),
    "wage measure": _("wage measure"),
    "uploaded payroll file (content)": _("uploaded payroll file"),
    "payroll import": _("payroll import"),
    "pay schedule": _("pay schedule"),
    "risk findings": _("risk findings"),
    "organisation": _("organisation"),
    "organisation arbodienst": _("the organisation's occupational health service"),
    "organisation export": _("export of the whole organisation"),
    "organisation export download": _("download of the whole organisation's export"),
    "organisation import": _("import of the whole organisation"),
    "expert opinion": _("expert opinion"),
    "expert opinion request": _("expert opinion request"),
    "escalation step": _("escalation step"),
    "cost of absence": _("cost of absence"),
    "cost of absence export": _("download of the cost of absence"),
    "42nd-week report": _("42nd-week report to UWV"),
    "safety-net report": _("safety-net report to UWV"),
    "end-of-contract report": _("report to UWV of an employee sick at the end of the contract"),
    "caseload": _("caseload"),
    "case timeline": _("timeline of the case"),
    "case risks and escalation": _("risks and escalation of the case"),
    "calendar feed": _("calendar feed"),
    "absence statistics": _("absence statistics"),
    "organisation sector": _("the organisation's sector"),
    "access request export": _("download of your data"),
    "portal login linked to the employee record": _("portal login linked to the employee record"),
    "medical vault": _("medical file"),
    "medical note": _("consultation note"),
    "medical problem analysis": _("problem analysis (medical part)"),
    "medical diagnosis": _("diagnosis"),
    "medical correspondence": _("medical correspondence"),
    "own medical correspondence": _("own medical correspondence"),
    "medical release": _("release of medical information"),
    "medical caseload": _("medical caseload"),
    # The vault's record kinds (medical.views.KINDS), as "new note" and retention entries name them.
    "note": _("consultation note"),
    "analysis": _("problem analysis (medical part)"),
    "diagnosis": _("diagnosis"),
    "correspondence": _("medical correspondence"),
    # The formats of a download, as "access request export (pdf)" names them.
    "pdf": _("PDF"),
    "json": _("data file"),
    "content": _("content"),
}

# The roles by name ("role case_manager"), where their code names nothing else.
for _code, _label in Role.choices:
    NOUNS.setdefault(_code, _label)

#: The fields an entry names; others are shown with spaces for underscores.
FIELDS: dict[str, StrOrPromise] = {
    "form": _("form"),
    "file": _("file"),
    "pdf": _("PDF"),
    "signature": _("signature"),
    "disagreement": _("seen, not agreed, with a comment"),
    "status": _("status"),
    "reason": _("reason"),
    "date": _("date"),
    "note": _("note"),
    "assignee": _("assignee"),
    "due": _("due date"),
    "title": _("title"),
    "kind": _("kind"),
    "start": _("start"),
    "recovered_on": _("recovery date"),
    "closed_on": _("closing date"),
    "case_manager": _("case manager"),
    "revoked": _("revoked"),
    "bundle": _("bundle"),
    "asked for": _("asked for"),
}

_VERSION = re.compile(r"v(\d+)")


def register_nouns(nouns: dict[str, StrOrPromise]) -> None:
    """An app names its own things (documents: each document type's code and title)."""
    NOUNS.update(nouns)


def role_names(codes: str) -> str:
    """The role codes an audit entry records ("case_manager,line_manager") as their names."""
    labels = dict(Role.choices) | {SYSTEM_ADMIN: _("System administrator")}
    return ", ".join(str(labels.get(code, code)) for code in codes.split(",") if code)


def _noun(words: str) -> tuple[str, str]:
    """The longest known thing `words` starts with, in words, and what follows it."""
    parts = words.split(" ")
    for end in range(len(parts), 0, -1):
        head = " ".join(parts[:end])
        if head in NOUNS:
            return str(NOUNS[head]), " ".join(parts[end:])
    return words.replace("_", " "), ""


def _reference(rest: str) -> str:
    """A subject's tail: numbers stay, "v3" becomes "version 3", known words are translated."""
    words = []
    for word in rest.split():
        version = _VERSION.fullmatch(word)
        if version:
            words.append(gettext("version %(number)s") % {"number": version[1]})
        elif word.isdigit():
            words.append(word)
        else:
            words.append(_noun(word)[0])
    return " ".join(words)


def subject_words(subject: str) -> str:
    """`subject` as the reader says it: "document 12 v3" -> "document 12 versie 3"."""
    subject = subject.strip()
    new = subject.startswith("new ")
    bracket = re.fullmatch(r"(.*) \(([\w -]+)\)", subject)
    if bracket and bracket[0] not in NOUNS:
        subject, detail = bracket[1], f" ({_noun(bracket[2])[0]})"
    else:
        detail = ""
    noun, rest = _noun(subject[4:] if new else subject)
    text = " ".join(part for part in (noun, _reference(rest)) if part) + detail
    return gettext("%(what)s (new)") % {"what": text} if new else text


def fields_words(fields: str) -> str:
    """The fields an entry names ("form, file") in words; unknown names with spaces for underscores."""
    names = (name.strip() for name in fields.split(","))
    return ", ".join(str(FIELDS.get(name, name.replace("_", " "))) for name in names if name)
