"""What has happened in a case: the contract's milestone events and everyday contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User

from .case import Case


class EventKind(models.TextChoices):
    # The timeline contract's event types (openverzuim.law.facts.EVENT_TYPES); a test keeps them equal.
    OCCUPATIONAL_HEALTH_NOTIFIED = "occupational_health_notified", _("Occupational health service notified")
    PROBLEM_ANALYSIS = "problem_analysis", _("Problem analysis received")
    ACTION_PLAN = "action_plan", _("Plan of action agreed")
    PROGRESS_REVIEW = "progress_review", _("Progress review held")
    SAFETY_NET_REPORT = "safety_net_report", _("Safety-net report sent to UWV")
    UWV_42_WEEK_REPORT = "uwv_42_week_report", _("42nd-week report sent to UWV")
    FIRST_YEAR_EVALUATION = "first_year_evaluation", _("First-year evaluation held")
    TRACK_TWO_START = "track_two_start", _("Second track started")
    REINTEGRATION_REPORT = "reintegration_report", _("Re-integration report completed")
    WIA_APPLICATION = "wia_application", _("WIA application submitted")
    OWN_COMPANY_RETURN_EXPECTED = "own_company_return_expected", _(
        "Return in own company within 3 months expected")
    # Everyday contact: kept in the dossier, not part of the timeline.
    PHONE_CALL = "phone_call", _("Phone call")
    MEETING = "meeting", _("Meeting")
    NOTE = "note", _("Note")
    # Written by cases.assignment: who works on the case, changed (not a form's choice).
    ASSIGNMENT = "assignment", _("Assignment changed")


class Event(models.Model):
    """Stored once, never overwritten: a correction is a new event that replaces the old one, and a
    withdrawal keeps the row with who withdrew it and why (architecture.md rule 6)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=40, choices=EventKind.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True,
                            help_text=_("Never record medical information here."))
    document_url = models.URLField(_("link to document"), blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
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
