"""Users, organisations (the tenants) and who holds which role where."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who logs in. Roles come from memberships, never from flags on the user."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    if TYPE_CHECKING:
        # Bound to each request's user by django_otp's OTPMiddleware, which ships no types.
        def is_verified(self) -> bool: ...

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Sector(models.TextChoices):
    """The sections of the Standaard Bedrijfsindeling 2008 (SBI, CBS): the employer's sector, for
    comparing its absence with CBS's figure for that sector (reports.sector)."""

    A = "A", _("A Agriculture, forestry and fishing")
    B = "B", _("B Mining and quarrying")
    C = "C", _("C Manufacturing")
    D = "D", _("D Energy supply")
    E = "E", _("E Water supply and waste management")
    F = "F", _("F Construction")
    G = "G", _("G Wholesale and retail trade")
    H = "H", _("H Transportation and storage")
    I = "I", _("I Accommodation and food serving")  # noqa: E741  # the section's own letter
    J = "J", _("J Information and communication")
    K = "K", _("K Financial services")
    L = "L", _("L Renting, buying and selling of real estate")
    M = "M", _("M Consultancy, research and other specialised business services")
    N = "N", _("N Renting and other business support services")
    O = "O", _("O Public administration and services")  # noqa: E741
    P = "P", _("P Education")
    Q = "Q", _("Q Human health and social work activities")
    R = "R", _("R Culture, sports and recreation")
    S = "S", _("S Other service activities")
    T = "T", _("T Activities of households as employers")
    U = "U", _("U Extraterritorial organisations")


class Organisation(models.Model):
    """A tenant: an employer, or an arbodienst that serves employers."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        ARBODIENST = "arbodienst", _("Occupational health service")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("holding"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The holding this employer belongs to."),
    )
    served_by = models.ForeignKey(
        "self",
        verbose_name=_("occupational health service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clients",
        limit_choices_to={"kind": Kind.ARBODIENST},
    )
    # From when the arbodienst serves the employer (set on the arbodienst page with served_by).
    served_since = models.DateField(_("served since"), null=True, blank=True)
    kvk_number = models.CharField(_("Chamber of Commerce number"), max_length=8, blank=True)
    # The employer's SBI section: its absence statistics beside CBS's figure for that sector.
    sector = models.CharField(
        _("sector (SBI section)"), max_length=1, choices=Sector.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department; one with a parent is a sub-department, and statistics of the parent include it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="department_name_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent is None:
            return
        if self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {"parent": _("A department is part of a department of the same organisation.")}
            )
        ancestor: Department | None = self.parent
        seen: set[int] = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A department cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Membership(models.Model):
    """A user holds a role in an organisation; a holding grant reaches its child organisations."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("For a line manager: their own team."),
    )
    includes_children = models.BooleanField(_("including child organisations"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class Assignment(models.Model):
    """A user assigned to one case in a role (a re-integration consultant, a second case manager).

    The case is a plain id: accounts sits below cases, and an assignment means nothing without a
    membership in the case's organisation, which the case policy checks as well.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    case_id = models.PositiveBigIntegerField(_("case"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "case_id"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — #{self.case_id}"


class AppendOnly(Exception):
    """The audit trail is never changed or deleted through the application."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One read or write of dossier data. Plain ids, no foreign keys: an entry outlives the dossier
    (retention) and the user, and must still say who did what."""

    class Action(models.TextChoices):
        READ = "read", _("viewed")
        WRITE = "write", _("changed")
        REMOVE = "remove", _("removed (retention)")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    user_id = models.PositiveBigIntegerField(_("user id"), null=True, db_index=True)
    user_name = models.CharField(_("who"), max_length=300, blank=True)
    roles = models.CharField(_("role(s)"), max_length=300, blank=True)
    organisation_id = models.PositiveBigIntegerField(_("organisation id"), null=True, db_index=True)
    case_id = models.PositiveBigIntegerField(_("case id"), null=True, db_index=True)
    employee_id = models.PositiveBigIntegerField(_("employee id"), null=True, db_index=True)
    subject = models.CharField(_("what"), max_length=300, blank=True)
    fields = models.CharField(_("fields"), max_length=1000, blank=True)
    route = models.CharField(_("route"), max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.subject}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be deleted")
