"""Invariants of the timeline contract over generated cases (issue 2, "Property-based tests").

Each property runs twice: a quick, derandomised run in the default suite and a larger random run marked
`slow` (`pytest -m slow tests/law/test_properties.py`). Everything goes through `compute()`, the
contract's public face; the oracles below are written from timeline-contract.md, not from the engine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemas import INPUT, TIMELINE
from strategies import EARLIEST_DAY_1, LATEST_DAY_1, MAX_SHIFT, cases, day, iso, shift

from openverzuim.law.cli import main
from openverzuim.law.contract import compute, parse_case
from openverzuim.law.facts import MILESTONE_IDS, SAFETY_NET_KINDS, WageSanction
from openverzuim.law.timeline import timeline as law_timeline
from openverzuim.law.timeline import with_wage_sanction

TODAY = date(2026, 11, 22)
EXAMPLES = pytest.mark.parametrize(
    "examples",
    [
        pytest.param(40, id="quick"),
        pytest.param(1500, id="large", marks=pytest.mark.slow),
    ],
)
DATE_KEYS = (
    "first_sick_day",
    "waiting_time_last_day",
    "wage_continuation_last_day",
    "minimum_wage_floor_last_day",
)


def check(request, examples: int, strategy, prop) -> None:
    """Run `prop` over `strategy`; the large run only when `-m slow` asks for it."""
    quick = examples < 100
    if not quick and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("larger run: pytest -m slow")
    run = settings(
        max_examples=examples,
        deadline=None,
        derandomize=quick,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(given(strategy)(prop))
    run()


def timeline(case: dict) -> dict:
    INPUT.validate(case)
    result = compute(case, today=TODAY)
    TIMELINE.validate(result)
    return result


def single_period(day1: date, safety_net, extension: int) -> dict:
    return {
        "as_of": iso(day1),
        "sickness": [{"start": iso(day1), "end": None}],
        "safety_net": safety_net,
        "uwv": {"voluntary_extension_weeks": extension},
    }


def dates_of(result: dict) -> dict:
    """Every date of a result that is not an event's date: the dates rule 3 moves."""
    found = {key: result[key] for key in DATE_KEYS if key != "first_sick_day"}
    for m in result["milestones"]:
        found[m["id"]] = m["due"]
        found[m["id"] + ".window_start"] = m["window_start"]
    return found


def moved(value: str | None, days: int) -> str | None:
    return None if value is None else iso(day(value) + timedelta(days=days))


basics = st.tuples(
    st.dates(EARLIEST_DAY_1, LATEST_DAY_1),
    st.sampled_from((None, *SAFETY_NET_KINDS)),
    st.sampled_from((0, 13, 52)),
)


@EXAMPLES
def test_a_fit_gap_of_28_days_or_more_always_starts_a_new_episode(request, examples):
    def prop(args):
        case, gap = args
        last_end = day(case["sickness"][-1]["end"])
        start = iso(last_end + timedelta(days=gap + 1))
        case["sickness"].append({"start": start, "end": None})
        result = timeline(case)
        assert result["first_sick_day"] == start
        assert result["episode"] == [{"start": start, "end": None}]

    check(request, examples, st.tuples(cases(last_open=False), st.integers(28, 400)), prop)


@EXAMPLES
def test_a_gap_of_k_fit_days_in_week_one_moves_every_week_based_date_by_k(request, examples):
    def prop(args):
        (day1, safety_net, extension), first_length, k = args
        base = single_period(day1, safety_net, extension)
        gapped = dict(
            base,
            sickness=[
                {"start": iso(day1), "end": iso(day1 + timedelta(days=first_length - 1))},
                {"start": iso(day1 + timedelta(days=first_length + k)), "end": None},
            ],
        )
        before, after = dates_of(timeline(base)), dates_of(timeline(gapped))
        assert after == {key: moved(value, k) for key, value in before.items()}

    check(request, examples, st.tuples(basics, st.integers(1, 6), st.integers(0, 27)), prop)


@EXAMPLES
def test_fit_and_leave_days_before_the_waiting_times_end_move_it_and_its_deadlines(
    request, examples
):
    def prop(args):
        (day1, safety_net, extension), first_length, fit_before, leave_days, fit_after = args
        if fit_before + fit_after > 27:
            fit_after = 27 - fit_before
        first_end = day1 + timedelta(days=first_length - 1)
        leave_start = first_end + timedelta(days=fit_before + 1)
        leave_end = leave_start + timedelta(days=leave_days - 1)
        restart = leave_end + timedelta(days=fit_after + 1)
        base = single_period(day1, safety_net, extension)
        gapped = dict(
            base,
            sickness=[
                {"start": iso(day1), "end": iso(first_end)},
                {"start": iso(restart), "end": None},
            ],
            leave=[{"kind": "pregnancy", "start": iso(leave_start), "end": iso(leave_end)}],
        )
        before, after = timeline(base), timeline(gapped)
        shifted = fit_before + leave_days + fit_after
        assert after["first_sick_day"] == iso(day1)
        assert after["waiting_time_last_day"] == moved(before["waiting_time_last_day"], shifted)
        for late in ("reintegration_report", "wia_application"):
            due = {m["id"]: m["due"] for m in before["milestones"]}[late]
            assert {m["id"]: m["due"] for m in after["milestones"]}[late] == moved(due, shifted)

    check(
        request,
        examples,
        st.tuples(
            basics, st.integers(1, 700), st.integers(0, 27), st.integers(1, 120), st.integers(0, 27)
        ),
        prop,
    )


@EXAMPLES
def test_shifting_every_input_date_by_k_shifts_every_output_date_by_k(request, examples):
    def prop(args):
        case, k = args
        assert timeline(shift(case, k)) == shift(timeline(case), k)

    check(request, examples, st.tuples(cases(), st.integers(-MAX_SHIFT, MAX_SHIFT)), prop)


@EXAMPLES
def test_as_of_changes_statuses_and_counts_never_dates(request, examples):
    def prop(args):
        case, other = args
        first = timeline(case)
        second = timeline(dict(case, as_of=iso(day(case["as_of"]) + timedelta(days=other))))
        assert dates_of(first) == dates_of(second)
        assert first["first_sick_day"] == second["first_sick_day"]
        assert [m["done_on"] for m in first["milestones"]] == [
            m["done_on"] for m in second["milestones"]
        ]

    check(request, examples, st.tuples(cases(), st.integers(-400, 400)), prop)


def expected_status(m: dict, result: dict, case: dict) -> tuple[str, str | None]:
    """Contract rule 5, 6 and 7 for a non-recurring milestone: (status, done_on)."""
    day1 = result["first_sick_day"]
    mine = sorted(e["date"] for e in case["events"] if e["type"] == m["id"] and e["date"] >= day1)
    first = mine[0] if mine else None
    due = m["due"]
    if due is None:
        return "not_applicable", first
    ends = [x for x in (result["episode"][-1]["end"], case["employment"]["end"]) if x]
    if first is not None and first <= due:
        return "done", first
    if any(end < due for end in ends):
        return "not_applicable", first
    if first is not None:
        return "late", first
    return ("open" if case["as_of"] <= due else "overdue"), None


@EXAMPLES
def test_statuses_agree_with_as_of_and_the_events_of_the_episode(request, examples):
    def prop(case):
        result = timeline(case)
        for m in result["milestones"]:
            if m["id"] == "progress_review":
                reviews = [
                    e["date"]
                    for e in case["events"]
                    if e["type"] == "progress_review" and e["date"] >= result["first_sick_day"]
                ]
                assert m["status"] in ("open", "overdue", "not_applicable")
                assert m["done_on"] == (max(reviews) if reviews else None)
                continue
            assert (m["status"], m["done_on"]) == expected_status(m, result, case), m

    check(request, examples, cases(), prop)


@EXAMPLES
def test_done_and_late_only_with_an_event_of_that_type(request, examples):
    def prop(case):
        result = timeline(case)
        types = {e["type"] for e in case["events"] if e["date"] >= result["first_sick_day"]}
        for m in result["milestones"]:
            if m["status"] in ("done", "late"):
                assert m["id"] in types and m["done_on"] is not None

    check(request, examples, cases(), prop)


@EXAMPLES
def test_due_dates_never_fall_before_day_1_and_every_milestone_has_a_basis(request, examples):
    def prop(case):
        result = timeline(case)
        assert [m["id"] for m in result["milestones"]] == list(MILESTONE_IDS)
        for m in result["milestones"]:
            assert m["basis"].strip() and m["party"] in ("employer", "employee")
            for key in ("due", "window_start"):
                assert m[key] is None or m[key] >= result["first_sick_day"], (key, m)
            if m["window_start"] is not None:
                assert m["window_start"] <= m["due"]
        week = result["week"]
        assert week is None or week == -(-result["sick_days"] // 7)

    check(request, examples, cases(), prop)


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


@EXAMPLES
def test_jsonl_line_by_line_equals_the_single_command(request, examples):
    def prop(batch):
        with tempfile.TemporaryDirectory() as folder:
            bulk = Path(folder, "cases.jsonl")
            bulk.write_text("".join(json.dumps(case) + "\n" for case in batch), encoding="utf-8")
            code, output = run_cli("timeline", "--jsonl", str(bulk))
            assert code == 0
            lines = output.splitlines()
            assert len(lines) == len(batch)
            for case, line in zip(batch, lines, strict=True):
                single = Path(folder, "case.json")
                single.write_text(json.dumps(case), encoding="utf-8")
                assert run_cli("timeline", str(single)) == (
                    0,
                    json.dumps(json.loads(line), indent=2, ensure_ascii=False) + "\n",
                )

    check(request, max(examples // 4, 10), st.lists(cases(), min_size=1, max_size=4), prop)


COUNTS = (7, 42, 56, 288, 294, 364, 728)


def count_day_by_day(result: dict, as_of: date) -> tuple[dict[int, str], int]:
    """Walking the calendar one day at a time: the day on which the episode's sick-day count reaches
    each of COUNTS (rule 3: the last period going on), and S(as_of) (the last period as it is)."""
    periods = [(day(p["start"]), day(p["end"]) if p["end"] else None) for p in result["episode"]]

    def sick_on(current: date, *, going_on: bool) -> bool:
        return any(
            start <= current and (end is None or current <= end or (going_on and i == last))
            for i, (start, end) in enumerate(periods)
        )

    last = len(periods) - 1
    reached: dict[int, str] = {}
    sick, current = 0, periods[0][0]
    while sick < COUNTS[-1]:
        if sick_on(current, going_on=True):
            sick += 1
            if sick in COUNTS:
                reached[sick] = iso(current)
        current += timedelta(days=1)
    days = (as_of - periods[0][0]).days + 1
    at_as_of = sum(sick_on(periods[0][0] + timedelta(days=i), going_on=False) for i in range(days))
    return reached, at_as_of


@EXAMPLES
def test_every_count_based_date_matches_a_day_by_day_count(request, examples):
    def prop(case):
        case = dict(case, events=[], employment={"end": None})
        result = timeline(case)
        at, sick_days = count_day_by_day(result, day(case["as_of"]))
        last_end = result["episode"][-1]["end"]
        milestone = {m["id"]: m for m in result["milestones"]}

        def unless_ended(value: str) -> str | None:
            return None if last_end is not None and last_end < value else value

        def day_after(value: str) -> str:
            return iso(day(value) + timedelta(days=1))

        assert result["sick_days"] == sick_days
        assert milestone["occupational_health_notified"]["due"] == unless_ended(at[7])
        assert milestone["problem_analysis"]["due"] == unless_ended(at[42])
        assert milestone["action_plan"]["due"] == unless_ended(at[56])
        evaluation = milestone["first_year_evaluation"]
        assert evaluation["due"] == unless_ended(at[364])
        assert evaluation["window_start"] == (at[288] if evaluation["due"] else None)
        assert result["minimum_wage_floor_last_day"] == unless_ended(at[364])
        if case["safety_net"]:
            assert milestone["safety_net_report"]["due"] == unless_ended(day_after(at[42]))
        else:
            assert milestone["uwv_42_week_report"]["due"] == unless_ended(day_after(at[294]))
        extension = 7 * case["uwv"]["voluntary_extension_weeks"]
        assert result["waiting_time_last_day"] == unless_ended(
            iso(day(at[728]) + timedelta(days=extension))
        )

    check(request, examples, cases(), prop)


@EXAMPLES
def test_a_pending_milestone_stays_pending_and_a_settled_one_keeps_its_status_whatever_the_day(
    request, examples
):
    """What the duty table relies on: only open <-> overdue depends on `as_of`."""

    def prop(args):
        case, other = args
        facts, as_of = parse_case(case, today=date(2100, 1, 1))
        first = law_timeline(facts, as_of).milestones
        second = law_timeline(facts, as_of + timedelta(days=other)).milestones
        for a, b in zip(first, second, strict=True):
            assert a.is_pending == b.is_pending == (a.status in ("open", "overdue"))
            assert a.is_pending or a.status == b.status

    check(request, examples, st.tuples(cases(), st.integers(-400, 400)), prop)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(case=cases(), weeks=st.integers(1, 52), repaired=st.one_of(st.none(), st.integers(0, 900)))
def test_a_sanction_laid_on_a_timeline_equals_the_timeline_run_with_it(case, weeks, repaired):
    """`with_wage_sanction` (the price of the sanction exposure) skips the milestones: it must give
    exactly what the engine gives on the facts with that sanction."""
    facts, as_of = parse_case(case, today=date(2100, 1, 1))
    result = law_timeline(facts, as_of)
    on = None if repaired is None else result.first_sick_day + timedelta(days=repaired)
    sanction = WageSanction(weeks, on)
    laid = with_wage_sanction(result, sanction)
    run = law_timeline(dataclasses.replace(facts, wage_sanction=sanction), as_of)
    assert laid.episode is result.episode and laid.episode.periods == run.episode.periods
    assert laid._replace(episode=None) == run._replace(episode=None)  # episodes compare by identity
