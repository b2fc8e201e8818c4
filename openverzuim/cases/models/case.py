"""The sickness dossier (*verzuimdossier*) of one episode."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim import law
from openverzuim.accounts.models import Organisation, User

from .employee import Employee, Employment


class Case(models.Model):
    """One episode of sickness: its periods chained by BW 7:629 lid 10, its events, its people.

    The sick-report fields are exactly what the privacy regulator (AP) allows an employer to register
    (law.md §8.1): there is no field for a diagnosis or a cause, by design.
    """

    class ExpectedDuration(models.TextChoices):
        UNKNOWN = "unknown", _("unknown")
        WEEK = "week", _("up to a week")
        FEW_WEEKS = "few_weeks", _("one to six weeks")
        LONG = "long", _("more than six weeks")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="cases")
    employment = models.ForeignKey(
        Employment, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    case_manager = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_cases",
        verbose_name=_("case manager"),
    )
    # What the employer may register at the sick report (AP; law.md §8.1).
    contact_phone = models.CharField(_("phone number while sick"), max_length=30, blank=True)
    care_address = models.TextField(_("(care) address while sick"), blank=True)
    expected_duration = models.CharField(
        _("expected duration"),
        max_length=20,
        choices=ExpectedDuration.choices,
        default=ExpectedDuration.UNKNOWN,
    )
    appointments_and_work = models.TextField(
        _("current appointments and work"),
        blank=True,
        help_text=_("Work that can be handed over, appointments to cancel. Never medical details."),
    )
    safety_net = models.BooleanField(
        _("safety net applies"),
        default=False,
        help_text=_("Only whether the Ziektewet safety net applies, never which one."),
    )
    work_accident = models.BooleanField(_("work accident"), default=False)
    liable_third_party = models.BooleanField(_("liable third party"), default=False)
    # UWV decisions that move the end of wage payment (WIA art. 24; art. 25 lid 9 and 14), recorded
    # on the case's UWV page (cases.uwv); cases.engine.case_facts passes them to the engine, so a
    # decision moves the deadlines and the pay at once. The dates say when UWV decided or agreed.
    voluntary_extension_weeks = models.PositiveSmallIntegerField(
        _("voluntary extension (weeks)"), default=0
    )
    voluntary_extension_agreed_on = models.DateField(
        _("extension agreed with UWV on"), null=True, blank=True
    )
    wage_sanction_weeks = models.PositiveSmallIntegerField(
        _("wage sanction (weeks)"), null=True, blank=True
    )
    wage_sanction_decided_on = models.DateField(
        _("wage sanction decided on"), null=True, blank=True
    )
    wage_sanction_repair_confirmed_on = models.DateField(
        _("repair confirmed by UWV on"), null=True, blank=True
    )
    # Optimistic concurrency for the UWV decisions and leave periods: each change names the version
    # it was made on, and a change made on an older one is refused (docs/concurrency.md).
    uwv_version = models.PositiveIntegerField(default=0, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Derived by cases.engine from law.timeline(); stored only so that worklists can sort and filter
    # thousands of cases in the database. Never typed in, never computed anywhere else.
    next_due_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    next_due_milestone = models.CharField(max_length=40, blank=True, editable=False)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wage_sanction_weeks__isnull=True)
                | models.Q(
                    wage_sanction_weeks__gte=1, wage_sanction_weeks__lte=law.MAX_WAGE_SANCTION_WEEKS
                ),
                name="case_wage_sanction_at_most_52_weeks",
            ),
            models.CheckConstraint(
                condition=models.Q(voluntary_extension_weeks=0)
                | models.Q(voluntary_extension_weeks__gte=13),
                name="case_voluntary_extension_at_least_13_weeks",
            ),
            # One episode at a time: a second sick report joins or waits (services.sick_report_create).
            models.UniqueConstraint(
                fields=["employee"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_case_per_employee",
            ),
        ]
        # The case list's order within the user's organisations (open first, next duty soonest),
        # and the caseload's counts of open and overdue cases, from one index.
        indexes = [
            models.Index(
                fields=["organisation", "closed_on", "next_due_on"],
                name="case_organisation_open_due",
            ),
            # The caseload's counts of open and overdue cases per employer and case manager, from
            # the index alone (reports.selectors.caseload_for): only the open cases are in it.
            models.Index(
                fields=["organisation", "case_manager", "next_due_on"],
                condition=models.Q(closed_on__isnull=True),
                name="case_open_manager_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def stage(self) -> str:
        """ "open" while reported sick, "recovered" when every period has ended but the case is not
        closed yet (what remains: a duty still due, else closing it), "closed". Reads the
        prefetched periods."""
        if self.closed_on is not None:
            return "closed"
        return "open" if any(p.end is None for p in self.periods.all()) else "recovered"
