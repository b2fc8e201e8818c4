"""What has happened in a case: the contract's milestone events and everyday contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.core.i18n import law_text
from openverzuim.law import FACTS, MILESTONE_RULES
from openverzuim.law.further import EMPLOYMENT_END_REPORT

from .case import Case

#: The timeline contract's event types, each with the label the registry gives it (law.MILESTONE_RULES,
#: law.FACTS; the member's name is its value in capitals), then everyday contact: kept in the dossier,
#: not part of the timeline. (Enum's functional form: django-stubs types only the class form.)
EventKind = models.TextChoices(
    "EventKind",
    [  # type: ignore[call-overload]
        *((kind.id.upper(), (kind.id, law_text(kind.recorded))) for kind in MILESTONE_RULES),
        *((kind.id.upper(), (kind.id, law_text(kind.recorded))) for kind in FACTS),
        # Contract v2's further milestone (law.further) that the app records: the sick report to
        # UWV at the end of the contract (cases/uwv/reports.py).
        (
            EMPLOYMENT_END_REPORT.upper(),
            (EMPLOYMENT_END_REPORT, _("Sick report at the end of the contract sent to UWV")),
        ),
        ("PHONE_CALL", ("phone_call", _("Phone call"))),
        ("MEETING", ("meeting", _("Meeting"))),
        ("NOTE", ("note", _("Note"))),
        # Written by cases.assignment: who works on the case, changed (not a form's choice).
        ("ASSIGNMENT", ("assignment", _("Assignment changed"))),
    ],
)


class Event(models.Model):
    """Stored once, never overwritten: a correction is a new event that replaces the old one, and a
    withdrawal keeps the row with who withdrew it and why (architecture.md rule 6)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=40, choices=EventKind.choices)
    date = models.DateField(_("date"))
    note = models.TextField(
        _("note"), blank=True, help_text=_("Never record medical information here.")
    )
    document_url = models.URLField(_("link to document"), blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
