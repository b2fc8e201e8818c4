"""Wage measures, dismissal for non-cooperation and expert opinions (law/sanctions.py), as tables."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openverzuim.law import sanctions
from openverzuim.law.sanctions import DismissalFacts, Measure

D = date.fromisoformat
LAW_TEXTS = Path(__file__).resolve().parents[2] / "docs" / "law-texts"


# ── working days (Awt art. 3) ───────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("year", range(2014, 2061))
def test_it_knows_the_same_public_holidays_as_the_holidays_package_plus_liberation_day(year):
    """The holidays package marks 5 May only in lustrum years; the Awt names it every year."""
    theirs = {day for day in holidays.NL(years=year) if day.weekday() != 6} | {date(year, 5, 5)}
    ours = {day for day in sanctions.public_holidays(year) if day.weekday() != 6}
    assert ours == {day for day in theirs if day.weekday() != 6}


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2026-11-16", "2026-11-18", 2),  # Monday to Wednesday
        ("2026-11-20", "2026-11-23", 1),  # Friday to Monday: the weekend does not count
        ("2026-04-02", "2026-04-07", 1),  # Good Friday and Easter Monday do not count
        ("2026-04-30", "2026-05-06", 3),  # 5 May does not count, in any year
        ("2026-12-24", "2026-12-28", 1),  # Christmas
        ("2026-11-18", "2026-11-18", 0),
        ("2026-11-18", "2026-11-17", 0),
    ],
)
def test_it_counts_working_days_after_a_day(start, end, expected):
    assert sanctions.working_days_after(D(start), D(end)) == expected


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert sanctions.royal_birthday(2025) == date(2025, 4, 26)
    assert sanctions.royal_birthday(2026) == date(2026, 4, 27)


# ── one wage measure: a scenario table ─────────────────────────────────────────────────────────
KNOWN = "2026-11-16"  # a Monday
SCENARIOS = [
    # name, measure fields, expected codes (severity)
    (
        "stop, told on the second working day, warned first",
        dict(
            kind="stop",
            ground="lid3_e",
            employee_told_on="2026-11-18",
            start="2026-11-19",
            written_warning_on="2026-11-18",
        ),
        {"told_promptly": "ok", "warned_first": "ok"},
    ),
    (
        "stop, told on the third working day: late (D13)",
        dict(
            kind="stop",
            ground="lid3_c",
            employee_told_on="2026-11-19",
            start="2026-11-19",
            written_warning_on="2026-11-18",
        ),
        {"told_late": "error", "warned_first": "ok"},
    ),
    (
        "stop told on a Monday after a Friday cause: one working day, in time",
        dict(
            kind="stop",
            ground="lid3_d",
            cause_known_on="2026-11-20",
            employee_told_on="2026-11-23",
            start="2026-11-23",
            written_warning_on="2026-11-20",
        ),
        {"told_promptly": "ok", "warned_first": "ok"},
    ),
    (
        "stop without a written warning first",
        dict(kind="stop", ground="lid3_e", employee_told_on="2026-11-17", start="2026-11-17"),
        {"told_promptly": "ok", "no_written_warning": "warning"},
    ),
    (
        "a warning after the start is no warning first",
        dict(
            kind="stop",
            ground="lid3_e",
            employee_told_on="2026-11-17",
            start="2026-11-17",
            written_warning_on="2026-11-18",
        ),
        {"told_promptly": "ok", "no_written_warning": "warning"},
    ),
    (
        "suspension whose control rules were never given in writing",
        dict(
            kind="suspension",
            ground="lid6",
            employee_told_on="2026-11-16",
            start="2026-11-16",
            written_warning_on="2026-11-16",
        ),
        {"told_promptly": "ok", "warned_first": "ok", "rules_not_in_writing": "error"},
    ),
    (
        "suspension with written rules, in time",
        dict(
            kind="suspension",
            ground="lid6",
            employee_told_on="2026-11-17",
            start="2026-11-17",
            written_warning_on="2026-11-16",
            rules_in_writing=True,
        ),
        {"told_promptly": "ok", "warned_first": "ok", "rules_in_writing": "ok"},
    ),
    (
        "a measure that starts before the employee was told",
        dict(
            kind="stop",
            ground="lid3_b",
            employee_told_on="2026-11-18",
            start="2026-11-16",
            written_warning_on="2026-11-16",
        ),
        {"told_promptly": "ok", "warned_first": "ok", "starts_before_notice": "warning"},
    ),
    (
        "not told yet, two working days on: tell now",
        dict(
            kind="stop",
            ground="lid3_e",
            employee_told_on=None,
            start="2026-11-18",
            written_warning_on="2026-11-16",
            as_of="2026-11-18",
        ),
        {"tell_now": "warning", "warned_first": "ok"},
    ),
    (
        "not told yet, three working days on: too late already",
        dict(
            kind="stop",
            ground="lid3_e",
            employee_told_on=None,
            start="2026-11-18",
            written_warning_on="2026-11-16",
            as_of="2026-11-19",
        ),
        {"not_told": "error", "warned_first": "ok"},
    ),
]


def _measure(fields: dict) -> tuple[Measure, date]:
    fields = {"cause_known_on": KNOWN, **fields}
    as_of = D(fields.pop("as_of", "2026-11-22"))
    dates = {
        k: D(v) if isinstance(v, str) and k not in ("kind", "ground") else v
        for k, v in fields.items()
    }
    return Measure(**dates), as_of


@pytest.mark.parametrize("name, fields, expected", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_wage_measure_checks(name, fields, expected):
    measure, as_of = _measure(fields)
    assert {c.code: c.severity for c in sanctions.measure_checks(measure, as_of)} == expected


def test_the_notice_check_reports_the_working_days_and_cites_lid_7_and_d13():
    measure, as_of = _measure(SCENARIOS[1][1])
    notice = sanctions.measure_checks(measure, as_of)[0]
    assert notice.working_days == 3
    assert notice.basis.short() == "BW 7:629 lid 7" and notice.basis.decision == "D13"


@pytest.mark.parametrize("kind, ground", [("suspension", "lid3_e"), ("stop", "lid6")])
def test_it_refuses_a_ground_that_does_not_fit_the_kind(kind, ground):
    measure, as_of = _measure(dict(kind=kind, ground=ground, employee_told_on=None, start=KNOWN))
    with pytest.raises(ValueError, match="ground"):
        sanctions.measure_checks(measure, as_of)


@pytest.mark.parametrize(
    "kind, ground, complied_on, due, code",
    [
        ("suspension", "lid6", "2026-11-30", True, "suspension_complied"),
        ("suspension", "lid6", None, False, "suspension_pending"),
        ("stop", "lid3_e", "2026-11-30", False, "stop_lost"),
        ("stop", "lid3_c", None, False, "stop_lost"),
    ],
)
def test_back_pay_is_due_after_a_suspension_once_the_rules_are_kept_and_never_after_a_stop(
    kind, ground, complied_on, due, code
):
    measure, _ = _measure(
        dict(kind=kind, ground=ground, employee_told_on=KNOWN, start=KNOWN, complied_on=complied_on)
    )
    result = sanctions.back_pay(measure)
    assert (result.due, result.code) == (due, code)


# ── dismissal for non-cooperation (D18) ────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    "facts, possible, failing",
    [
        (DismissalFacts(True, False, True), True, set()),
        (DismissalFacts(False, True, True), True, set()),
        (DismissalFacts(False, False, True), False, {"not_warned"}),
        (DismissalFacts(True, False, False), False, {"no_expert_statement"}),
        (DismissalFacts(True, False, False, expert_statement_unreasonable=True), True, set()),
        (DismissalFacts(False, False, False), False, {"not_warned", "no_expert_statement"}),
    ],
)
def test_dismissal_for_non_cooperation_needs_a_warning_or_stop_and_an_expert_statement(
    facts, possible, failing
):
    checks = sanctions.dismissal_checks(facts)
    assert sanctions.dismissal_possible(facts) is possible
    assert {c.code for c in checks if c.severity == "error"} == failing
    assert "BW 7:671b lid 5" in "; ".join(c.basis.short() for c in checks)


def test_the_dismissal_ground_is_669_lid_3_sub_e_not_sub_c():
    assert sanctions.DISMISSAL_GROUND.short() == "BW 7:669 lid 3 sub e; BW 7:670a lid 1"


# ── expert opinion ─────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    "requester, for_dismissal, amount",
    [
        ("employer", False, "400"),
        ("employee", False, "100"),
        ("employer", True, "0"),
        ("employee", True, "100"),
    ],
)
def test_the_expert_opinion_fee_comes_from_the_parameter_table(requester, for_dismissal, amount):
    fee = sanctions.expert_opinion_fee(requester, date(2026, 11, 22), for_dismissal=for_dismissal)
    assert fee.amount == Decimal(amount)
    assert fee.basis.short() == "SUWI art. 32a lid 2"


def test_it_refuses_an_unknown_requester_and_a_date_before_the_table():
    with pytest.raises(ValueError, match="requester"):
        sanctions.expert_opinion_fee("uwv", date(2026, 1, 1))
    with pytest.raises(LookupError):
        sanctions.expert_opinion_fee("employer", date(2010, 1, 1))


def test_the_opinion_is_expected_two_weeks_after_the_request():
    assert sanctions.expert_opinion_expected(date(2026, 11, 22)) == date(2026, 12, 6)


# ── every citation exists in the law texts: this module's and the guided paths' (measures) ──────
def _path_bases():
    from openverzuim.measures.paths import PATHS  # a Django app: imported under pytest-django only

    return [step.basis for path in PATHS.values() for step in path.steps if step.basis]


CITATIONS = sorted(
    {c for b in (*sanctions.ALL_BASES, *_path_bases()) for c in b.citations},
    key=lambda c: c.short(),
)


@pytest.mark.parametrize("citation", CITATIONS, ids=lambda c: c.short())
def test_every_citation_names_an_article_and_paragraph_in_the_law_texts(citation):
    text = (LAW_TEXTS / citation.source.law_text).read_text(encoding="utf-8")
    prefix = r"Artikel\s+" if citation.source.unit == "art." else ""  # BKP: "### 10"
    start = re.search(rf"^###\s*{prefix}{re.escape(citation.article)}\s*$", text, re.MULTILINE)
    assert start, citation.short()
    end = re.compile(rf"^###\s*{prefix}\S+\s*$", re.MULTILINE).search(text, start.end())
    article = text[start.end() : end.start() if end else None]
    if citation.lid:
        assert re.search(rf"^{citation.lid}\.\s", article, re.MULTILINE), citation.short()
    if citation.sub:  # the 2015 text writes "f.voor" without a space
        assert re.search(rf"^{citation.sub}\.", article, re.MULTILINE), citation.short()


@given(st.dates(date(2014, 1, 1), date(2040, 12, 31)), st.integers(0, 60), st.integers(0, 60))
def test_working_days_add_up_over_consecutive_stretches(start, first, second):
    middle, end = start + timedelta(days=first), start + timedelta(days=first + second)
    assert sanctions.working_days_after(start, end) == (
        sanctions.working_days_after(start, middle) + sanctions.working_days_after(middle, end)
    )
    assert sanctions.working_days_after(start, end) <= first + second
