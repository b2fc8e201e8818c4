"""Benchmark of the rules engine: cases per second in one process.

Generates realistic cases (1-4 sickness periods with random gaps, pregnancy leave now and then,
the events a case of that age would have, some safety-net cases, extensions and sanctions), then
times `law.timeline()` over them, and separately the whole contract path (JSON text in, JSON text out)
that `openverzuim timeline --jsonl` once ran (the standard `json`) and the bulk path it runs now
(msgspec's typed decoding, the engine, `render_json`: law/jsonl.py), in one process and with
--jobs, and that path phase by phase. Generation is not timed. Deterministic: a fixed seed.

    python bench/timeline_bench.py                 # 1,000,000 cases
    python bench/timeline_bench.py --cases 100000  # quicker
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openverzuim.law.jsonl import results  # noqa: I001 (after the path is set)
from openverzuim.law import CaseFacts, Event, Leave, SicknessPeriod, WageSanction, compute, timeline
from openverzuim.law.contract import render_json
from openverzuim.law.timeline import timeline_days
from openverzuim.law.typed_input import case_of

SEED = 20261122
AS_OF = date(2026, 11, 22)
CHUNK = 50_000


def generate_case(rng: random.Random) -> tuple[CaseFacts, date]:
    """One case whose latest period started within the last two and a half years."""
    periods = []
    start = AS_OF - timedelta(days=rng.randint(0, 900))
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        length = rng.choice((3, 10, 25, 60, 150, 400))
        periods.append([start, start + timedelta(days=rng.randint(1, length))])
        start = periods[-1][1] + timedelta(days=rng.choice((1, 5, 14, 27, 28, 40, 90)))
    still_sick = rng.random() < 0.7
    sickness = tuple(
        SicknessPeriod(s, None if (i == len(periods) - 1 and still_sick) else e)
        for i, (s, e) in enumerate(periods)
    )
    leave = ()
    gap = (periods[1][0] - periods[0][1]).days - 1 if len(periods) > 1 else 0
    if gap > 1 and rng.random() < 0.05:
        first_leave_day = periods[0][1] + timedelta(days=1)
        leave = (Leave(first_leave_day, first_leave_day + timedelta(days=min(gap - 1, 111))),)
    day1 = sickness[0].start
    events = []
    for kind, offset in (
        ("occupational_health_notified", 5),
        ("problem_analysis", 38),
        ("action_plan", 50),
        ("progress_review", 95),
        ("progress_review", 140),
        ("uwv_42_week_report", 290),
        ("first_year_evaluation", 340),
    ):
        when = day1 + timedelta(days=offset + rng.randint(-3, 12))
        if when <= AS_OF and rng.random() < 0.9:
            events.append(Event(kind, when))
    extension = rng.choice((0,) * 30 + (13, 26, 52))
    sanction = None
    if rng.random() < 0.02:
        sanction = WageSanction(rng.randint(1, 52), rng.choice((None, AS_OF)))
    safety_net = rng.choice((None,) * 40 + ("pregnancy", "organ_donation", "no_risk"))
    employment_end = AS_OF + timedelta(days=rng.randint(0, 700)) if rng.random() < 0.1 else None
    facts = CaseFacts(
        sickness, leave, safety_net, employment_end, tuple(events), extension, sanction
    )
    return facts, AS_OF


def to_json(facts: CaseFacts, as_of: date) -> str:
    def iso(day):
        return None if day is None else day.isoformat()

    sanction = facts.wage_sanction
    return json.dumps(
        {
            "as_of": as_of.isoformat(),
            "sickness": [{"start": iso(p.start), "end": iso(p.end)} for p in facts.sickness],
            "leave": [
                {"kind": x.kind, "start": iso(x.start), "end": iso(x.end)} for x in facts.leave
            ],
            "safety_net": facts.safety_net,
            "employment": {"end": iso(facts.employment_end)},
            "events": [{"type": e.type, "date": iso(e.date)} for e in facts.events],
            "uwv": {
                "voluntary_extension_weeks": facts.voluntary_extension_weeks,
                "wage_sanction": sanction
                and {
                    "weeks": sanction.weeks,
                    "repair_confirmed_on": iso(sanction.repair_confirmed_on),
                },
            },
        }
    )


def bench_engine(total: int, rng: random.Random) -> tuple[float, int]:
    """Seconds spent in law.timeline() over `total` cases, generated chunk by chunk."""
    spent = 0.0
    done = 0
    while done < total:
        cases = [generate_case(rng) for _ in range(min(CHUNK, total - done))]
        gc.collect()
        started = time.perf_counter()
        for facts, as_of in cases:
            timeline(facts, as_of)
        spent += time.perf_counter() - started
        done += len(cases)
    return spent, done


def bench_contract(total: int, rng: random.Random) -> tuple[float, int]:
    """Seconds for JSON text -> parse -> timeline -> JSON text, as `--jsonl` does per line."""
    lines = [to_json(*generate_case(rng)) for _ in range(total)]
    gc.collect()
    started = time.perf_counter()
    for line in lines:
        json.dumps(compute(json.loads(line), today=AS_OF), separators=(",", ":"))
    return time.perf_counter() - started, total


def bench_jsonl(total: int, rng: random.Random, jobs: int) -> tuple[float, int]:
    """Seconds for the bulk path `--jsonl` runs (orjson in and out, the contract's validation),
    in `jobs` processes; the lines are bytes as read from a file."""
    lines = [to_json(*generate_case(rng)).encode() for _ in range(total)]
    gc.collect()
    started = time.perf_counter()
    for _ in results(lines, AS_OF, jobs):
        pass
    return time.perf_counter() - started, total


def bench_phases(total: int, rng: random.Random) -> dict[str, float]:
    """Microseconds per line in each phase of the bulk path, best of three passes: typed decoding
    with its checks (`case_of`), the engine, and writing the output line (`render_json`)."""
    lines = [to_json(*generate_case(rng)).encode() for _ in range(total)]
    cases = [case_of(line, AS_OF) for line in lines]
    if any(case is None for case in cases):
        raise SystemExit("a generated line left the typed path")
    timelines = [timeline_days(*case) for case in cases if case is not None]
    gc.collect()
    phases = {
        "decode + check": (lambda line: case_of(line, AS_OF), lines),
        "engine": (lambda case: timeline_days(*case), cases),
        "render": (render_json, timelines),
    }
    spent = {}
    for name, (work, items) in phases.items():
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for item in items:
                work(item)
            best = min(best, time.perf_counter() - started)
        spent[name] = best / total * 1e6
    return spent


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            return next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        return platform.processor() or "unknown processor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--contract-cases", type=int, default=100_000)
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the --jsonl measurement with several cores",
    )
    args = parser.parse_args()
    rng = random.Random(SEED)
    engine_s, engine_n = bench_engine(args.cases, rng)
    contract_s, contract_n = bench_contract(args.contract_cases, rng)
    jsonl_s, jsonl_n = bench_jsonl(args.contract_cases, rng, 1)
    jobs_s, jobs_n = bench_jsonl(args.contract_cases, rng, args.jobs)
    phases = bench_phases(args.contract_cases, rng)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu_model()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )
    print(
        f"engine   law.timeline(): {engine_n:>9,} cases in {engine_s:6.2f} s = "
        f"{engine_n / engine_s:>9,.0f} cases/s (one process, one core)"
    )
    print(
        f"contract JSON in/out:    {contract_n:>9,} cases in {contract_s:6.2f} s = "
        f"{contract_n / contract_s:>9,.0f} cases/s"
    )
    print(
        f"--jsonl, 1 process:      {jsonl_n:>9,} cases in {jsonl_s:6.2f} s = "
        f"{jsonl_n / jsonl_s:>9,.0f} cases/s"
    )
    print(
        f"--jsonl --jobs {args.jobs}:        {jobs_n:>9,} cases in {jobs_s:6.2f} s = "
        f"{jobs_n / jobs_s:>9,.0f} cases/s"
    )
    print(
        "--jsonl per line, by phase: "
        + ", ".join(f"{name} {us:.2f} us" for name, us in phases.items())
        + f" (sum {sum(phases.values()):.2f} us = {1e6 / sum(phases.values()):,.0f} cases/s)"
    )
    print(
        f"450,000 open cases (nightly recompute): {450_000 / (engine_n / engine_s):.1f} s engine, "
        f"{450_000 / (contract_n / contract_s):.1f} s with JSON"
    )


if __name__ == "__main__":
    main()
