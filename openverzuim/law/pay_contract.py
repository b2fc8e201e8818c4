"""The pay command's JSON: the timeline contract's input, with the wage fields in `employment` and the
optional `work_resumptions` and `wage_measures` (docs/pay.md). Errors name the field, as contract.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .aow import AOW_WAGE_DUTY_BASIS
from .contract import ContractError, _date, _list, _object, _whole_number, parse_case
from .facts import CaseFacts
from .pay import (
    RESUMPTION_KINDS,
    STATUTORY_PERCENT,
    WAGE_PERIODS,
    EmploymentTerms,
    PaySchedule,
    Resumption,
    WageMeasure,
    covered_from,
    pay_schedule,
)
from .sanctions import MEASURE_KINDS
from .timeline import timeline

PAY_CONTRACT_VERSION = 1
#: The earliest date of birth taken: the engine's dates start in 2000, its employees were born before.
EARLIEST_BIRTH = date(1900, 1, 1)
WAGE_KEYS = frozenset(
    {
        "wage",
        "wage_period",
        "contract_hours",
        "fulltime_hours",
        "date_of_birth",
        "sick_pay_percent",
        "agreement_capped",
        "waiting_days",
        "extension_pay",
    }
)
MAX_HOURS = Decimal(80)
MAX_WAGE = Decimal(
    1_000_000
)  # per wage period: far above any wage, and keeps the arithmetic finite


def _amount(value: Any, field: str, low: Decimal, high: Decimal) -> Decimal:
    """A decimal string or whole number between `low` and `high`: every amount has an upper bound, so
    no input ("1e308", "Infinity") can overflow the arithmetic that follows."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ContractError(
            field, f'expected a decimal number as a string, e.g. "3000.00", got {value!r}'
        )
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ContractError(field, f"{value!r} is not a number") from None
    if not amount.is_finite() or not low <= amount <= high:
        raise ContractError(field, f"{value} is not between {low} and {high}")
    return amount


def _terms(employment: dict[str, Any]) -> EmploymentTerms:
    field = "employment"
    if "wage" not in employment:
        raise ContractError(f"{field}.wage", "is required for a pay schedule")
    period = employment.get("wage_period", "month")
    if period not in WAGE_PERIODS:
        raise ContractError(
            f"{field}.wage_period", f"expected one of {', '.join(WAGE_PERIODS)}, got {period!r}"
        )
    percents = _list(employment.get("sick_pay_percent", ["70", "70"]), f"{field}.sick_pay_percent")
    if len(percents) != 2:
        raise ContractError(
            f"{field}.sick_pay_percent", "expected two percentages: the first 52 weeks and after"
        )
    capped = _capped(employment.get("agreement_capped", True), f"{field}.agreement_capped")
    contract_hours = _amount(
        employment.get("contract_hours", "40"),
        f"{field}.contract_hours",
        Decimal("0.01"),
        MAX_HOURS,
    )
    fulltime_hours = _amount(
        employment.get("fulltime_hours", "40"), f"{field}.fulltime_hours", Decimal(1), MAX_HOURS
    )
    first_year, after = (
        _amount(p, f"{field}.sick_pay_percent[{i}]", STATUTORY_PERCENT, Decimal(100))
        for i, p in enumerate(percents)
    )
    if contract_hours > fulltime_hours:
        raise ContractError(
            f"{field}.contract_hours",
            f"{contract_hours} is more than the full-time hours ({fulltime_hours})",
        )
    return EmploymentTerms(
        wage=_amount(employment["wage"], f"{field}.wage", Decimal("0.01"), MAX_WAGE),
        wage_period=period,
        contract_hours=contract_hours,
        fulltime_hours=fulltime_hours,
        date_of_birth=_date(
            employment.get("date_of_birth"),
            f"{field}.date_of_birth",
            nullable=True,
            earliest=EARLIEST_BIRTH,
        ),
        # BW 7:629 lid 1: at least 70%; an agreement may pay more, never more than the wage.
        sick_pay_percent=(first_year, after),
        agreement_capped=capped,
        waiting_days=_whole_number(
            employment.get("waiting_days", 0), f"{field}.waiting_days", 0, 2
        ),
        extension_pay=_extension_pay(employment.get("extension_pay"), f"{field}.extension_pay"),
    )


def _capped(value: Any, field: str) -> bool | tuple[bool, bool]:
    """One flag (the years the agreement pays above 70%) or one per year: `pay.capped_in`."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, list) or len(value) != 2:
        raise ContractError(
            field,
            f"expected true or false, or two of them (the first 52 weeks and after), got {value!r}",
        )
    for i, item in enumerate(value):
        if not isinstance(item, bool):
            raise ContractError(f"{field}[{i}]", f"expected true or false, got {item!r}")
    return (value[0], value[1])


def _extension_pay(value: Any, field: str) -> tuple[Decimal, bool] | None:
    """An agreement's pay over an extension of the 104 weeks (BW 7:629 lid 11); null: the law's."""
    if value is None:
        return None
    _object(value, field, frozenset({"percent", "capped"}))
    if "percent" not in value:
        raise ContractError(f"{field}.percent", "is required: the percentage the agreement pays")
    capped = value.get("capped", True)
    if not isinstance(capped, bool):
        raise ContractError(f"{field}.capped", f"expected true or false, got {capped!r}")
    return (_amount(value["percent"], f"{field}.percent", STATUTORY_PERCENT, Decimal(100)), capped)


def _resumptions(value: Any) -> tuple[Resumption, ...]:
    result = []
    for i, item in enumerate(_list(value, "work_resumptions")):
        field = f"work_resumptions[{i}]"
        _object(item, field, frozenset({"start", "hours_per_week", "kind"}))
        if item.get("kind") not in RESUMPTION_KINDS:
            raise ContractError(
                f"{field}.kind",
                f"expected one of {', '.join(RESUMPTION_KINDS)}, got {item.get('kind')!r}",
            )
        result.append(
            Resumption(
                _date(item.get("start"), f"{field}.start"),
                _amount(
                    item.get("hours_per_week"),
                    f"{field}.hours_per_week",
                    Decimal("0.01"),
                    MAX_HOURS,
                ),
                item["kind"],
            )
        )
    return tuple(result)


def _measures(value: Any) -> tuple[WageMeasure, ...]:
    result = []
    for i, item in enumerate(_list(value, "wage_measures")):
        field = f"wage_measures[{i}]"
        _object(item, field, frozenset({"kind", "start", "end", "ground"}))
        if item.get("kind") not in MEASURE_KINDS:
            raise ContractError(
                f"{field}.kind",
                f"expected one of {', '.join(MEASURE_KINDS)}, got {item.get('kind')!r}",
            )
        start = _date(item.get("start"), f"{field}.start")
        end = _date(item.get("end"), f"{field}.end", nullable=True)
        if end is not None and end < start:
            raise ContractError(f"{field}.end", f"{end} is before the measure's start {start}")
        # The command's contract: a suspension's end is the day the rules were kept again.
        back_pay_on = end if item["kind"] == "suspension" else None
        result.append(
            WageMeasure(item["kind"], start, end, str(item.get("ground", "")), back_pay_on)
        )
    return tuple(result)


def parse_pay(
    obj: Any, *, today: date
) -> tuple[CaseFacts, date, EmploymentTerms, tuple[Resumption, ...], tuple[WageMeasure, ...]]:
    _object(
        obj,
        "(root)",
        frozenset(
            {
                "as_of",
                "sickness",
                "leave",
                "safety_net",
                "employment",
                "events",
                "uwv",
                "work_resumptions",
                "wage_measures",
            }
        ),
    )
    employment = _object(obj.get("employment"), "employment", WAGE_KEYS | {"end"})
    terms = _terms(employment)
    case = {
        key: value
        for key, value in obj.items()
        if key not in ("work_resumptions", "wage_measures", "employment")
    }
    case["employment"] = {"end": employment.get("end")}
    facts, as_of = parse_case(case, today=today)
    first_sick_day = min(period.start for period in facts.sickness)
    if terms.date_of_birth is not None and terms.date_of_birth >= first_sick_day:
        raise ContractError(
            "employment.date_of_birth",
            f"{terms.date_of_birth} is not before the first sick day {first_sick_day}",
        )
    return (
        facts,
        as_of,
        terms,
        _resumptions(obj.get("work_resumptions") or []),
        _measures(obj.get("wage_measures") or []),
    )


def schedule_from(obj: Any, *, today: date) -> PaySchedule:
    facts, as_of, terms, resumptions, measures = parse_pay(obj, today=today)
    result = timeline(facts, as_of)
    if result.first_sick_day < covered_from():  # only the episode is paid: earlier periods may be
        index = [period.start for period in facts.sickness].index(result.first_sick_day)
        raise ContractError(
            f"sickness[{index}].start",
            f"{result.first_sick_day} is before {covered_from()}, the first day "
            f"with minimum-wage and cap amounts",
        )
    return pay_schedule(result, terms, resumptions, measures)


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def render_pay(schedule: PaySchedule) -> dict[str, Any]:
    return {
        "pay_contract": PAY_CONTRACT_VERSION,
        "monthly_wage": _money(schedule.terms.monthly_wage),
        "last_day": schedule.last_day.isoformat(),
        "months": [
            {
                "month": month.month,
                "amount": _money(month.amount),
                "suspended": _money(month.suspended),
                "back_pay": _money(month.back_pay),
                "cost_of_absence": _money(month.cost_of_absence),
                "lines": [
                    {
                        "from": line.first.isoformat(),
                        "to": line.last.isoformat(),
                        "days": line.days,
                        "monthly_rate": _money(line.rate.monthly_rate),
                        "percent": _money(
                            line.rate.monthly_rate * 100 / schedule.terms.monthly_wage
                        ),
                        "amount": _money(line.amount(month.days_in_month)),
                        "worked": _money(line.worked(month.days_in_month)),
                        "basis": list(line.rate.basis),
                        "suspended": line.rate.suspended,
                    }
                    for line in month.lines
                ],
            }
            for month in schedule.months
        ],
        "total": _money(schedule.total),
        "suspended_total": _money(schedule.suspended_total),
        "cost_of_absence": _money(schedule.cost_of_absence),
        "provisional": list(schedule.provisional),
        "warnings": list(schedule.warnings),
        **_aow(schedule),
    }


def _aow(schedule: PaySchedule) -> dict[str, Any]:
    """`aow_age` only where BW 7:629 lid 2 sub b shortened the schedule (docs/pay.md)."""
    aow = schedule.aow
    if aow is None or aow.status != "applied" or aow.reached_on is None:
        return {}
    return {
        "aow_age": {
            "reached_on": aow.reached_on.isoformat(),
            "weeks": aow.weeks,
            "last_day": aow.last_day.isoformat(),
            "basis": AOW_WAGE_DUTY_BASIS.short(),
        }
    }


def compute_pay(obj: Any, *, today: date) -> dict[str, Any]:
    return render_pay(schedule_from(obj, today=today))
