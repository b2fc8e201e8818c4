"""Continued wage payment during sickness (*loondoorbetaling bij ziekte*), BW 7:629.

BW 7:629 lid 1: "… behoudt de werknemer voor een tijdvak van 104 weken recht op 70% van het naar
tijdruimte vastgestelde loon, maar de eerste 52 weken ten minste op het voor hem geldende wettelijke
minimumloon …", for wage up to the maximum daily wage of Wfsv art. 17 lid 1. The schedule runs over
the sick days of the episode up to the timeline's last day of wage payment (which already holds the
extensions of lid 11: late WIA application, voluntary extension, wage sanction).
lid 2 sub b (from the AOW age: 6 weeks, 13 for sickness that began before 1 July 2023): computed
from the date of birth (`law.aow.aow_limit`); where the AOW age or the governing text is not in our
sources the schedule runs on and says so (`warnings`, decision P2). Sub a (household staff): not
coded, the contract does not carry it.
lid 3 (no wage: grounds a-f) and lid 6 (suspension): `WageMeasure`. lid 5 (deductions of benefits):
not coded. lid 9 (waiting days): `EmploymentTerms.waiting_days`. Partial work: decision D12.
lid 11 (the 104 weeks extended): the extension carries the right of lid 1, 70% of the capped wage;
an agreement pays more over it only where it says so (`EmploymentTerms.extension_pay`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .aow import AowLimit, aow_limit
from .parameters import Dated, MissingRow, table, value_on
from .timeline import MINIMUM_WAGE_FLOOR_SICK_DAYS, Timeline

CENT = Decimal("0.01")
STATUTORY_PERCENT = Decimal("70")  # BW 7:629 lid 1
PERIOD_SICK_DAYS = 7 * 104  # "voor een tijdvak van 104 weken"; later days are extensions (lid 11)
MONTHS_PER_YEAR = Decimal(12)
# UWV: "Het maximummaandloon berekent u door het maximumdagloon te vermenigvuldigen met 21,75".
WORKING_DAYS_PER_MONTH = Decimal("21.75")
TO_MONTH = {
    "month": Decimal(1),
    "four_weeks": Decimal(13) / MONTHS_PER_YEAR,
    "week": Decimal(52) / MONTHS_PER_YEAR,
}
WAGE_PERIODS = (*TO_MONTH, "hour")
RESUMPTION_KINDS = ("own_work", "suitable_work", "therapeutic")
ADULT_AGE = 21


@dataclass(frozen=True, slots=True)
class EmploymentTerms:
    wage: Decimal
    wage_period: str = "month"
    contract_hours: Decimal = Decimal(40)
    fulltime_hours: Decimal = Decimal(40)
    date_of_birth: date | None = None
    sick_pay_percent: tuple[Decimal, Decimal] = (STATUTORY_PERCENT, STATUTORY_PERCENT)
    # Whether the agreement's percentage applies to the capped wage: per year, or one flag (see
    # `capped_in`).
    agreement_capped: bool | tuple[bool, bool] = True
    waiting_days: int = 0
    # An agreement that explicitly covers the extension of the 104 weeks (BW 7:629 lid 11): its
    # percentage and whether it applies to the capped wage. None: the statutory 70% of the capped wage.
    extension_pay: tuple[Decimal, bool] | None = None

    def capped_in(self, year: int) -> bool:
        """Whether the agreement's percentage for `year` (0: weeks 1-52, 1: after) applies to the
        capped wage. One flag covers the years in which the agreement pays more than the statutory
        70%; a year at 70% is the statutory right, always capped (BW 7:629 lid 1)."""
        if isinstance(self.agreement_capped, tuple):
            return self.agreement_capped[year]
        return self.agreement_capped or self.sick_pay_percent[year] <= STATUTORY_PERCENT

    @property
    def monthly_wage(self) -> Decimal:
        if self.wage_period == "hour":
            return self.wage * self.contract_hours * TO_MONTH["week"]
        return self.wage * TO_MONTH[self.wage_period]


@dataclass(frozen=True, slots=True)
class Resumption:
    """Partial work while still sick, from `start` (decision D12: own work is paid in full)."""

    start: date
    hours_per_week: Decimal
    kind: str


@dataclass(frozen=True, slots=True)
class WageMeasure:
    """A wage stop (BW 7:629 lid 3) or suspension (lid 6, paid later once the rules are kept).

    A suspension holds the pay of the days `start`-`end` back; lid 6 "alsnog recht op het loon": it
    is owed from `back_pay_on`, the day the employee keeps the rules again (None: not yet)."""

    kind: str
    start: date
    end: date | None
    ground: str = ""
    back_pay_on: date | None = None


@dataclass(frozen=True, slots=True)
class DayRate:
    """What one day pays, as a monthly rate, and why."""

    monthly_rate: Decimal
    basis: tuple[str, ...]  # keys: waiting_day, statutory, agreement, minimum_wage_floor, cap, ...
    suspension: WageMeasure | None = None  # BW 7:629 lid 6: held back under this measure
    worked: Decimal = Decimal(0)  # the part of the monthly rate paid for hours of own work (D12)

    @property
    def suspended(self) -> bool:
        return self.suspension is not None


def _share(monthly: Decimal, days: int, days_in_month: int) -> Decimal:
    return (monthly * days / days_in_month).quantize(CENT, ROUND_HALF_UP)


@dataclass
class PayLine:
    first: date
    last: date
    rate: DayRate
    days: int = 1

    def amount(self, days_in_month: int) -> Decimal:
        return _share(self.rate.monthly_rate, self.days, days_in_month)

    def worked(self, days_in_month: int) -> Decimal:
        return _share(self.rate.worked, self.days, days_in_month)


def _money_sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0.00"))


@dataclass
class PayMonth:
    month: str  # YYYY-MM
    days_in_month: int
    lines: list[PayLine] = field(default_factory=list)
    back_pay: Decimal = Decimal("0.00")  # suspended wages owed now the suspension has ended

    @property
    def amount(self) -> Decimal:
        """What the employer pays in this month: the days not held back, plus any back pay."""
        return self.back_pay + _money_sum(
            line.amount(self.days_in_month) for line in self.lines if not line.rate.suspended
        )

    @property
    def suspended(self) -> Decimal:
        return _money_sum(
            line.amount(self.days_in_month) for line in self.lines if line.rate.suspended
        )

    @property
    def worked(self) -> Decimal:
        return _money_sum(
            line.worked(self.days_in_month) for line in self.lines if not line.rate.suspended
        )

    @property
    def cost_of_absence(self) -> Decimal:
        """Wages paid without work: the amount less the pay for hours of own work."""
        return self.amount - self.worked


@dataclass
class PaySchedule:
    terms: EmploymentTerms
    last_day: date
    months: list[PayMonth]
    provisional: list[MissingRow]
    warnings: tuple[str, ...] = ()  # what the schedule cannot compute: "aow_age" (decision P2)
    aow: AowLimit | None = None  # BW 7:629 lid 2 sub b, when a date of birth is known

    @property
    def total(self) -> Decimal:
        return _money_sum(m.amount for m in self.months)

    @property
    def suspended_total(self) -> Decimal:
        """Held back under a suspension that has not ended: owed once the rules are kept."""
        return _money_sum(m.suspended for m in self.months) - _money_sum(
            m.back_pay for m in self.months
        )

    @property
    def cost_of_absence(self) -> Decimal:
        return _money_sum(m.cost_of_absence for m in self.months)

    def paid_until(self, day: date) -> Decimal:
        """Paid for the days up to and including `day`, with the back pay of suspensions ended by then."""
        total = Decimal("0.00")
        for month in self.months:
            for line in month.lines:
                measure = line.rate.suspension
                if measure is not None:
                    if measure.back_pay_on is not None and measure.back_pay_on <= day:
                        total += line.amount(month.days_in_month)
                elif line.first <= day:
                    days = (min(line.last, day) - line.first).days + 1
                    total += _share(line.rate.monthly_rate, days, month.days_in_month)
        return total


def covered_from() -> date:
    """The first day every table the schedule reads has a row for; earlier days have no amounts."""
    return max(
        table(name).rows[0].effective_from
        for name in ("maximum_daily_wage", "minimum_wage", "minimum_wage_youth")
    )


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class _Rates:
    """Parameter lookups for one schedule, remembering which were provisional (decision D16)."""

    def __init__(self) -> None:
        self.missing: list[MissingRow] = []
        self.latest: dict[str, Dated] = {}  # a schedule asks day by day: reuse while still valid

    def on(self, name: str, day: date) -> Dated:
        found = self.latest.get(name)
        if found is None or not found.valid_from <= day <= found.valid_until:
            found = self.latest[name] = value_on(name, day)
        if found.missing and found.missing not in self.missing:
            self.missing.append(found.missing)
        return found

    def cap(self, day: date) -> Decimal:
        # Wfsv art. 17 lid 1; decision D11: the maximum daily wage valid on the day paid.
        daily: Decimal = self.on("maximum_daily_wage", day).value
        return daily * WORKING_DAYS_PER_MONTH

    def floor(self, terms: EmploymentTerms, day: date) -> Decimal:
        """The minimum wage that applies to the employee (WML art. 8, 9, 12), per month."""
        age = ADULT_AGE if terms.date_of_birth is None else age_on(terms.date_of_birth, day)
        if age < 15:
            return Decimal(0)
        minimum = self.on("minimum_wage", day)
        amount: Decimal = minimum.value
        if minimum.row.unit == "hour":  # from 2024: one statutory amount per hour
            hourly = amount if age >= ADULT_AGE else self.youth(age, day, minimum)
            return hourly * terms.contract_hours * TO_MONTH["week"]
        monthly = amount if age >= ADULT_AGE else self.youth(age, day, minimum)
        # until 2023: the full-time monthly amount, pro rata to the contract hours (WML art. 12)
        return monthly * terms.contract_hours / terms.fulltime_hours

    def youth(self, age: int, day: date, minimum: Dated) -> Decimal:
        """The minimum youth wage as published with the adult amount in force (WML art. 8 and 9):
        per hour from 2024, per month before, in cents as published. Without that published row,
        the age's percentage of the adult amount, and the result names the missing row (D16)."""
        name = (
            "minimum_wage_youth_hourly"
            if minimum.row.unit == "hour"
            else "minimum_wage_youth_monthly"
        )
        published = next(
            (row for row in table(name).rows if row.effective_from == minimum.row.effective_from),
            None,
        )
        if published is not None:
            found: Decimal = published.value[str(age)]
            return found
        missing = MissingRow(name, minimum.row.effective_from)
        if missing not in self.missing:
            self.missing.append(missing)
        adult: Decimal = minimum.value
        percent: Decimal = self.on("minimum_wage_youth", day).value[str(age)]
        return adult * percent / 100


def _sick_rate(terms: EmploymentTerms, day: date, sick_day: int, rates: _Rates) -> DayRate:
    wage = terms.monthly_wage
    cap = rates.cap(day)
    capped = min(wage, cap)
    candidates = [(STATUTORY_PERCENT / 100 * capped, "statutory", True)]  # always capped (lid 1)
    extension = sick_day > PERIOD_SICK_DAYS
    if extension:  # lid 11: the statutory right goes on; an agreement only where it covers it
        if terms.extension_pay is not None:
            percent, agreement_capped = terms.extension_pay
            candidates.append(
                (
                    percent / 100 * (capped if agreement_capped else wage),
                    "agreement",
                    agreement_capped,
                )
            )
    else:
        year = 0 if sick_day <= MINIMUM_WAGE_FLOOR_SICK_DAYS else 1
        agreement_capped = terms.capped_in(year)
        candidates.append(
            (
                terms.sick_pay_percent[year] / 100 * (capped if agreement_capped else wage),
                "agreement",
                agreement_capped,
            )
        )
        if year == 0:
            candidates.append((rates.floor(terms, day), "minimum_wage_floor", False))
    rate, reason, used_cap = max(candidates, key=lambda c: c[0])
    basis = (reason, "cap") if wage > cap and used_cap else (reason,)
    return DayRate(rate, (*basis, "extension") if extension else basis)


def _rate(
    terms: EmploymentTerms,
    day: date,
    sick_day: int,
    rates: _Rates,
    resumptions: tuple[Resumption, ...],
    measures: tuple[WageMeasure, ...],
) -> DayRate:
    if sick_day <= terms.waiting_days:  # BW 7:629 lid 9, once per episode
        return DayRate(Decimal(0), ("waiting_day",))
    measure = next(
        (m for m in measures if m.start <= day and (m.end is None or day <= m.end)), None
    )
    if measure is not None and measure.kind == "stop":  # BW 7:629 lid 3: the right is lost
        return DayRate(Decimal(0), ("wage_stop",))
    rate = _sick_rate(terms, day, sick_day, rates)
    working = next(
        (r for r in sorted(resumptions, key=lambda r: r.start, reverse=True) if r.start <= day),
        None,
    )
    if working is not None and working.kind == "own_work":  # decision D12
        share = min(Decimal(1), working.hours_per_week / terms.contract_hours)
        worked = share * terms.monthly_wage
        rate = DayRate(
            worked + (1 - share) * rate.monthly_rate,
            (*rate.basis, "own_work_in_full"),
            worked=worked,
        )
    if measure is not None:  # suspension, BW 7:629 lid 6: owed once the rules are kept
        rate = DayRate(rate.monthly_rate, (*rate.basis, "wage_suspension"), measure, rate.worked)
    return rate


def _next_birthday(birth: date, day: date) -> date:
    """The first day after `day` on which `age_on` gives one year more (29 February: 1 March)."""
    for year in (day.year, day.year + 1):
        try:
            birthday = birth.replace(year=year)
        except ValueError:  # born on 29 February, a year without it
            birthday = date(year, 3, 1)
        if birthday > day:
            return birthday
    raise AssertionError("unreachable: a birthday comes within two calendar years")


def _stretch_end(
    day: date,
    sick_day: int,
    end: date,
    terms: EmploymentTerms,
    rates: _Rates,
    resumptions: tuple[Resumption, ...],
    measures: tuple[WageMeasure, ...],
) -> date:
    """The last day from `day` on that is sure to pay `day`'s rate: up to the first thing `_rate`
    reads that can change (month, sick-day thresholds, measures, resumptions, parameter rows,
    birthdays). Stopping early only splits a line that the merge joins again."""
    candidates = [end, _last_of_month(day)]
    candidates += [
        day + timedelta(days=threshold - sick_day)
        for threshold in (terms.waiting_days, MINIMUM_WAGE_FLOOR_SICK_DAYS, PERIOD_SICK_DAYS)
        if sick_day <= threshold
    ]
    for measure in measures:
        if measure.start > day:
            candidates.append(measure.start - timedelta(days=1))
        if measure.end is not None and measure.end >= day:
            candidates.append(measure.end)
    candidates += [r.start - timedelta(days=1) for r in resumptions if r.start > day]
    candidates += [
        found.valid_until
        for found in rates.latest.values()
        if found.valid_from <= day <= found.valid_until
    ]
    if terms.date_of_birth is not None:
        candidates.append(_next_birthday(terms.date_of_birth, day) - timedelta(days=1))
    return min(candidates)


def pay_schedule(
    result: Timeline,
    terms: EmploymentTerms,
    resumptions: tuple[Resumption, ...] = (),
    measures: tuple[WageMeasure, ...] = (),
) -> PaySchedule:
    """Per calendar month, what the employer owes for the sick days up to the last day of payment.

    The rate is worked out once per stretch of days on which nothing it depends on changes, not
    once per day: a two-year schedule has a few dozen stretches and over seven hundred days."""
    rates = _Rates()
    last_day = result.wage_continuation_last_day
    # The timeline applies BW 7:629 lid 2 sub b itself when its facts carry the date of birth.
    aow = result.wage_continuation.aow
    if aow is None and terms.date_of_birth is not None:
        aow = aow_limit(terms.date_of_birth, result.episode, last_day)
        last_day = aow.last_day
    months: list[PayMonth] = []
    sick_day = 0  # S(d): the number of the day among the episode's sick days
    for period in result.episode.periods:
        day, end = period.start, min(period.end or last_day, last_day)
        while day <= end:
            rate = _rate(terms, day, sick_day + 1, rates, resumptions, measures)
            until = _stretch_end(day, sick_day + 1, end, terms, rates, resumptions, measures)
            days = (until - day).days + 1
            if not months or months[-1].month != f"{day:%Y-%m}":
                months.append(_month_of(day))
            lines = months[-1].lines
            if lines and lines[-1].rate == rate and lines[-1].last + timedelta(days=1) == day:
                lines[-1].last = until
                lines[-1].days += days
            else:
                lines.append(PayLine(day, until, rate, days))
            sick_day += days
            day = until + timedelta(days=1)
    _add_back_pay(months)
    unknown = aow is not None and aow.status == "unknown"
    return PaySchedule(terms, last_day, months, rates.missing, ("aow_age",) if unknown else (), aow)


def _last_of_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _month_of(day: date) -> PayMonth:
    return PayMonth(f"{day:%Y-%m}", _last_of_month(day).day)


def _add_back_pay(months: list[PayMonth]) -> None:
    """BW 7:629 lid 6: "alsnog recht op het loon" once the employee keeps the rules again; the
    held-back days of the suspension are owed in the month of that day."""
    for month in list(months):
        for line in month.lines:
            measure = line.rate.suspension
            if measure is None or measure.back_pay_on is None:
                continue
            owed = measure.back_pay_on
            target = next((m for m in months if m.month == f"{owed:%Y-%m}"), None)
            if target is None:  # owed in a month without sick days (recovery, contract end)
                target = _month_of(owed)
                months.append(target)
            target.back_pay += line.amount(month.days_in_month)
    months.sort(key=lambda m: m.month)
