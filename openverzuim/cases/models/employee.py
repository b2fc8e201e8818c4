"""The employee and their employment contract."""

import unicodedata
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Department, Organisation, User

from ..validators import mask_bsn, validate_bsn
from .constraints import end_not_before_start

#: The Dutch *tussenvoegsels*: words before a surname that the alphabet passes over, so that
#: "de Boer" files under B and "van der Berg" under B (docs/glossary.md).
TUSSENVOEGSELS = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "aan",
        "bij",
        "uit",
        "d'",
        "da",
        "del",
        "della",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "les",
        "l'",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "v.d.",
        "vd",
    ]
)
#: Long enough for a last name (100) and a first name (100) and the separators.
SORT_NAME_LENGTH = 210


def sort_name_of(first_name: str, last_name: str) -> str:
    """The key employees sort by: the surname without its tussenvoegsel, then the first name,
    then the tussenvoegsel, in lower case without accents ("boer anna de" for Anna de Boer).
    Stored in `Employee.sort_name`, so that lists are ordered by an index and cut by LIMIT."""
    words = last_name.split()
    prefix = []
    while len(words) > 1 and words[0].lower() in TUSSENVOEGSELS:
        prefix.append(words.pop(0))
    key = " ".join([*words, *first_name.split(), *prefix]).casefold()
    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return plain[:SORT_NAME_LENGTH]


class Employee(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employees", verbose_name=_("employer")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
        verbose_name=_("department"),
    )
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee_records",
        help_text=_("The employee's own login, if invited."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # Filled from the name on every save (and by the bulk paths, which call sort_name_of).
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, default="", editable=False)
    employee_number = models.CharField(_("employee number"), max_length=40)
    work_email = models.EmailField(_("work e-mail"), blank=True)
    work_phone = models.CharField(_("work phone"), max_length=30, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validate_bsn],
        help_text=_("Optional. Shown masked except in documents that need it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"],
                name="employee_number_unique_per_organisation",
            )
        ]
        # The employees page, a page at a time in name order; the search by number (`iexact`
        # compares upper case). The search by name has trigram indexes on PostgreSQL (migration
        # 0009), which an expression index of this Meta cannot declare for SQLite too.
        indexes = [
            models.Index(
                fields=["organisation", "sort_name", "id"], name="employee_organisation_sort"
            ),
            models.Index(Upper("employee_number"), name="employee_number_upper"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.sort_name = sort_name_of(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)


class Employment(models.Model):
    """The contract: hours, wage and the sick-pay percentages of BW 7:629 lid 1 or the CAO."""

    class WagePeriod(models.TextChoices):
        MONTH = "month", _("per month")
        FOUR_WEEKS = "four_weeks", _("per four weeks")
        WEEK = "week", _("per week")
        HOUR = "hour", _("per hour")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="employments")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    fixed_term = models.BooleanField(_("fixed-term contract"), default=False)
    contract_hours = models.DecimalField(
        _("contract hours per week"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("60"))],
    )
    fulltime_hours = models.DecimalField(
        _("full-time hours per week"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("40"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("60"))],
    )
    wage = models.DecimalField(
        _("gross wage"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    wage_period = models.CharField(
        _("wage period"), max_length=20, choices=WagePeriod.choices, default=WagePeriod.MONTH
    )
    # BW 7:629 lid 1: at least 70%; a collective agreement often pays more (law.md §4.1).
    sick_pay_year1_percent = models.DecimalField(
        _("sick pay in year 1 (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("70")), MaxValueValidator(Decimal("100"))],
    )
    sick_pay_year2_percent = models.DecimalField(
        _("sick pay in year 2 (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=[MinValueValidator(Decimal("70")), MaxValueValidator(Decimal("100"))],
    )
    # BW 7:629 lid 9: at most two waiting days.
    waiting_days = models.PositiveSmallIntegerField(
        _("waiting days"), default=0, validators=[MaxValueValidator(2)]
    )

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start"]
        constraints = [
            end_not_before_start("employment_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(waiting_days__lte=2), name="employment_at_most_two_waiting_days"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    sick_pay_year1_percent__gte=70,
                    sick_pay_year1_percent__lte=100,
                    sick_pay_year2_percent__gte=70,
                    sick_pay_year2_percent__lte=100,
                ),
                name="employment_sick_pay_between_70_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} ({self.start}–{self.end or '…'})"
