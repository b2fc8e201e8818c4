"""Speed-ups of the engine and of `--jsonl` change no output: the benchmark's generated cases, in
contract v1 and v2 shapes and with broken lines among them, give byte for byte what they gave before.

The digests below were taken from the outputs of the engine and the bulk path as they stood before
the speed work of issue 17 (point 1 and 3). A change that moves a single date, status, key or byte of
one output line fails here; a deliberate change of the law or the contract updates the digests in the
same commit, with the reason.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
from datetime import date
from pathlib import Path

import pytest

from openverzuim.law.contract import ContractError, compute
from openverzuim.law.jsonl import decode, line_result, results, text
from openverzuim.law.timeline import timeline

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "timeline_bench.py"
CASES = 3000


def _bench():
    spec = importlib.util.spec_from_file_location("timeline_bench", _BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _variants(line: str, rng: random.Random) -> list[bytes]:
    """The line as the bench writes it, and the same case in the other shapes the contract takes:
    keys left out or null, contract 2 with its facts, and a broken copy now and then."""
    obj = json.loads(line)
    out = [line.encode()]
    short = {key: value for key, value in obj.items() if value not in ([], None)}
    if not short.get("uwv", {}).get("wage_sanction"):
        short.get("uwv", {}).pop("wage_sanction", None)
    if rng.random() < 0.5:
        short.pop("as_of")
    out.append(json.dumps(short, indent=rng.choice((None, 1))).encode())
    v2 = json.loads(line)
    v2["contract"] = 2
    first = date.fromisoformat(v2["sickness"][0]["start"])
    if rng.random() < 0.5:
        v2["employment"]["date_of_birth"] = date(first.year - rng.randint(18, 70), 3, 1).isoformat()
    if rng.random() < 0.3 and not v2["uwv"]["voluntary_extension_weeks"]:
        v2["uwv"]["wia_letter_received_on"] = date.fromordinal(
            first.toordinal() + rng.randint(500, 800)
        ).isoformat()
    if v2["uwv"]["wage_sanction"] and rng.random() < 0.5:
        v2["uwv"]["wage_sanction"]["decided_on"] = date.fromordinal(
            first.toordinal() + rng.randint(600, 760)
        ).isoformat()
    out.append(json.dumps(v2).encode())
    broken = rng.random()
    if broken < 0.05:
        out.append(line.replace('"start": "2', '"start": "1', 1).encode())  # before 2000
    elif broken < 0.10:
        out.append(
            line.replace('"events": [', '"events": [{"type": "x", "date": null}, ', 1).encode()
        )
    elif broken < 0.15:
        out.append(line[: len(line) // 2].encode())  # cut off
    elif broken < 0.20:
        out.append(line.replace("-", "/", 1).encode())  # not a date
    return out


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    bench = _bench()
    rng = random.Random(bench.SEED)
    mutate = random.Random(17)
    found: list[bytes] = []
    for _ in range(CASES):
        found.extend(_variants(bench.to_json(*bench.generate_case(rng)), mutate))
    return found


def _digest(outputs) -> str:
    sha = hashlib.sha256()
    for output in outputs:
        sha.update(output.encode("utf-8", "surrogatepass") + b"\n")
    return sha.hexdigest()


def _standard(line: bytes, today: date) -> str:
    try:
        result = compute(decode(text(line)), today=today)
    except ContractError as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


# Taken before the speed work (see the module's docstring).
JSONL_DIGEST = "1f00b8a7a7fe1ecd90f18fef3f336e30538ccd7d298e08b7650c596781ee420d"
ENGINE_DIGEST = "a69d8430af673fbd3bd50424c2c12dbd01a9c6782d3a9ae17c6deda104ea4072"


def test_the_bulk_path_gives_the_outputs_it_gave_before_line_for_line(lines):
    today = _bench().AS_OF
    outputs = [output for output, _ in results(lines, today)]
    assert len(outputs) == len(lines)
    assert _digest(outputs) == JSONL_DIGEST


def test_the_bulk_path_gives_what_the_standard_decoder_and_encoder_give(lines):
    today = _bench().AS_OF
    for line in lines[:: max(1, len(lines) // 2000)]:
        assert line_result(line, today)[0] == _standard(line, today)


def test_the_engine_gives_the_timelines_it_gave_before(lines):
    """The engine's own result (what the apps read), every field, for the bench's cases."""
    bench = _bench()
    rng = random.Random(bench.SEED)
    outputs = []
    for _ in range(CASES):
        result = timeline(*bench.generate_case(rng))
        outputs.append(
            repr(
                (
                    [
                        (m.id, m.due, m.window_start, m.status, m.done_on, m.derivation)
                        for m in result.milestones
                    ],
                    result.episode.periods,
                    result.sick_days,
                    result.week,
                    result.waiting_time_last_day,
                    result.minimum_wage_floor_last_day,
                    result.wage_continuation,
                )
            )
        )
    assert _digest(outputs) == ENGINE_DIGEST
