"""The reports' reads, each through the case policy (never a raw queryset).

The cost of absence: wages paid without work and known re-integration costs, per month and per
department, summed from the months each case's pay schedule gave when its facts last changed
(cases.costs keeps them), for every case the user may see. Pay for hours of own work during partial
resumption is wage for work done, not a cost of absence (decision D12).

The caseload: counts of cases per employer and per case manager, for those who plan the work
(an employer administrator, an arbodienst serving many employers). Counts only, never a name of an
employee or anything in a dossier; counted in the database, so thousands of cases cost the same
few queries as ten."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from openverzuim.accounts.models import Department, Membership, Organisation, User
from openverzuim.accounts.policies import organisations_granted
from openverzuim.accounts.retention import years_after
from openverzuim.accounts.roles import Role
from openverzuim.cases.costs import COST_VERSION
from openverzuim.cases.models import CostCalculation, CostMonth, CostTotal, ReintegrationCost
from openverzuim.cases.models.cost_month import NO_DEPARTMENT
from openverzuim.cases.policies import visible_cases, visible_organisation_ids
from openverzuim.cases.selectors import case_list_for

MONTHS_BACK, MONTHS_AHEAD = 11, 6
CENT = Decimal("0.01")
#: How far the report counts the cases it leaves out before it says "more than".
COUNTED = 1000


def _month(day: date, shift: int) -> str:
    index = day.year * 12 + day.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class CostReport:
    months: list[str]
    current: str  # months after this one are projections
    by_department: dict[str, dict[str, Decimal]]
    totals: dict[str, Decimal]
    reintegration: dict[str, Decimal]  # the part of the totals that is re-integration costs
    without_wage: int  # cases left out for want of an employment with a wage (up to COUNTED + 1)
    pending: int  # cases whose months the daily job has yet to work out (a new pay engine)

    @property
    def counted(self) -> int:
        return COUNTED

    @property
    def peak(self) -> Decimal:
        return max(self.totals.values(), default=Decimal(0)) or Decimal(1)


def cost_of_absence_for(*, user: User, today: date) -> CostReport:
    """Summed in the database from the stored totals or months (cases.costs) and the
    re-integration costs: the same few queries for ten cases or fifty thousand."""
    months = [_month(today, shift) for shift in range(-MONTHS_BACK, MONTHS_AHEAD + 1)]
    start = date.fromisoformat(f"{months[0]}-01")
    end = date.fromisoformat(f"{_month(today, MONTHS_AHEAD + 1)}-01")  # the month after the last
    by_department: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    reintegration: dict[str, Decimal] = defaultdict(Decimal)
    cases = case_list_for(user=user)
    visible = cases.values("pk")
    organisations, whole = visible_organisation_ids(user, "view")
    # Whole employers: their totals (a few hundred rows); some of their cases only (a case
    # manager's own): the months of those cases.
    wages = (
        CostTotal.objects.filter(organisation_id__in=organisations)
        if whole
        else CostMonth.objects.filter(case__in=visible)
    )
    rows = [
        (department, f"{month:%Y-%m}", total)
        for department, month, total in wages.filter(month__gte=start, month__lt=end)
        .values_list("department_key", "month")
        .annotate(total=Sum("amount"))
        .order_by()
        if total  # a total all of whose cases moved elsewhere stays, at zero
    ]
    known = [
        (department or NO_DEPARTMENT, f"{month:%Y-%m}", total)
        for department, month, total in ReintegrationCost.objects.filter(
            case__in=visible, date__gte=start, date__lt=end
        )
        .annotate(month=TruncMonth("date"))
        .values_list("case__employee__department_id", "month")
        .annotate(total=Sum("amount"))
        .order_by()
    ]
    names = _department_names({department for department, _m, _t in rows + known})
    for department, month, total in rows + known:
        # SQLite sums decimals as floats: back to cents, as PostgreSQL gives them.
        by_department[names[department]][month] += total.quantize(CENT)
    for _department, month, total in known:
        reintegration[month] += total.quantize(CENT)
    # The cases that could add to a month shown: open, closed within the months, or with a
    # re-integration cost dated in them; of those, the ones without a pay schedule are named.
    # Counted from the calculations' own indexes (few rows: those without a schedule, those an
    # older engine wrote) and up to COUNTED, so that neither count reads every case.
    relevant = cases.filter(
        Q(closed_on__isnull=True)
        | Q(closed_on__gte=start)
        | Exists(ReintegrationCost.objects.filter(case=OuterRef("pk"), date__gte=start))
    )
    calculations = CostCalculation.objects.filter(case__in=relevant.values("pk")).order_by()
    without_wage = calculations.filter(has_schedule=False, version=COST_VERSION)
    pending = calculations.filter(version__lt=COST_VERSION)
    totals = {m: sum((d[m] for d in by_department.values()), Decimal(0)) for m in months}
    return CostReport(
        months,
        _month(today, 0),
        {name: dict(values) for name, values in sorted(by_department.items())},
        totals,
        {m: reintegration[m] for m in months},
        without_wage[: COUNTED + 1].count(),
        pending[: COUNTED + 1].count(),
    )


def _department_names(keys: set[int]) -> dict[int, str]:
    """Each department's name; a department deleted since (or none) reads "No department"."""
    names = dict(Department.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {key: names.get(key) or _("No department") for key in keys}


@dataclass(frozen=True)
class OrganisationLoad:
    organisation: Organisation | None  # None: the total of the rows
    open: int
    overdue: int  # open, with a milestone past its due date
    closed_recently: int  # closed in the last twelve months


@dataclass(frozen=True)
class ManagerLoad:
    manager: User | None  # None: the open cases nobody manages yet
    open: int
    overdue: int


@dataclass(frozen=True)
class Caseload:
    organisations: list[OrganisationLoad]
    managers: list[ManagerLoad]  # most open cases first; the unmanaged ones last

    @property
    def total(self) -> OrganisationLoad:
        rows = self.organisations
        return OrganisationLoad(
            None,
            sum(r.open for r in rows),
            sum(r.overdue for r in rows),
            sum(r.closed_recently for r in rows),
        )

    @property
    def empty(self) -> bool:
        total = self.total
        return not (total.open or total.closed_recently)

    @property
    def peak(self) -> int:
        return max((m.open for m in self.managers), default=0) or 1


def caseload_organisations_for(*, user: User) -> QuerySet[Organisation]:
    """The employers whose caseload the user may count: their own, or those their arbodienst serves."""
    return organisations_granted(user, "caseload").order_by("name", "pk")


def caseload_for(*, user: User, today: date, organisation: Organisation | None = None) -> Caseload:
    organisations = caseload_organisations_for(user=user)
    if organisation is not None:
        organisations = organisations.filter(pk=organisation.pk)
    cases = visible_cases(user, "caseload").filter(organisation__in=organisations).order_by()
    # As the case list's "overdue only": the next duty, stored by cases.engine, lies before today.
    overdue = Q(next_due_on__lt=today)
    # Two index ranges instead of every case the employers ever had: the open cases per employer
    # and case manager from `case_open_manager_due` (only open cases are in it), the recently
    # closed ones from `case_organisation_open_due`. Each counts a column of its index, not the
    # id, so that PostgreSQL answers from the index alone (see cases.selectors.duties_for).
    open_counts = list(
        cases.filter(closed_on__isnull=True)
        .values("organisation", "case_manager")
        .annotate(open=Count("organisation"), overdue=Count("organisation", filter=overdue))
    )
    closed = dict(
        cases.filter(closed_on__gt=years_after(today, -1), closed_on__lte=today)
        .values("organisation")
        .annotate(closed=Count("organisation"))
        .values_list("organisation", "closed")
    )
    per_organisation: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    per_manager: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for row in open_counts:
        for totals in (per_organisation[row["organisation"]], per_manager[row["case_manager"]]):
            totals[0] += row["open"]
            totals[1] += row["overdue"]
    rows = []
    for employer in organisations:
        open_count, overdue_count = per_organisation.get(employer.pk, (0, 0))
        rows.append(
            OrganisationLoad(employer, open_count, overdue_count, closed.get(employer.pk, 0))
        )
    return Caseload(rows, _manager_loads(per_manager, organisations))


def _manager_loads(
    counts: Mapping[int | None, list[int]], organisations: QuerySet[Organisation]
) -> list[ManagerLoad]:
    """Every case manager of these employers, even one without cases (capacity to plan with), and
    anyone else who manages one of the open cases. `counts`: manager id (None: nobody) -> [open,
    overdue]."""
    members = Membership.objects.filter(
        role=Role.CASE_MANAGER, organisation__in=organisations, user__is_active=True
    ).values("user")
    staff = User.objects.filter(
        Q(pk__in=[pk for pk in counts if pk is not None]) | Q(pk__in=members)
    )

    def load(manager: User | None) -> ManagerLoad:
        open_count, overdue_count = counts.get(manager.pk if manager else None, (0, 0))
        return ManagerLoad(manager, open_count, overdue_count)

    def rank(user: User) -> tuple[int, str, int]:
        return -load(user).open, str(user).casefold(), user.pk

    loads = [load(user) for user in sorted(staff, key=rank)]
    return [*loads, load(None)] if None in counts else loads
