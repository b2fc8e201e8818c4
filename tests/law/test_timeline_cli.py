"""`openverzuim timeline FILE|-`, `--jsonl` and `--explain` (timeline-contract.md, first section).

Every output is validated against docs/timeline.schema.json; bad input exits 2 with one line naming the
field and prints nothing on standard output.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from scenario_files import all_scenarios, as_json
from schemas import ERROR_LINE, INPUT, INPUT_SCHEMA, INPUT_V2, ROOT, TIMELINE

from openverzuim.law.cli import main
from openverzuim.law.contract import contract_version
from openverzuim.law.facts import EVENT_TYPES, SAFETY_NET_KINDS

CASE = {"as_of": "2026-03-01", "sickness": [{"start": "2026-01-05", "end": None}]}


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), "utf-8"))
    code = main(["timeline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case_file(tmp_path):
    def write(content, name: str = "case.json") -> str:
        path = tmp_path / name
        path.write_text(
            content if isinstance(content, str) else json.dumps(content), encoding="utf-8"
        )
        return str(path)

    return write


def test_it_prints_a_timeline_valid_against_the_shipped_schema_and_exits_0(capsys, case_file):
    code, out, err = run(capsys, case_file(CASE))
    assert (code, err) == (0, "")
    result = json.loads(out)
    TIMELINE.validate(result)
    assert result["milestones"][1]["due"] == "2026-02-15"  # D1 + 41


def test_it_reads_standard_input_for_a_dash(capsys, monkeypatch):
    code, out, _ = run(capsys, "-", stdin=json.dumps(CASE), monkeypatch=monkeypatch)
    assert code == 0
    assert json.loads(out)["first_sick_day"] == "2026-01-05"


def test_the_module_runs_as_a_process_with_exit_codes_0_and_2():
    # A fixed command of this interpreter: the real process, its exit status and its standard input.
    command = [sys.executable, "-m", "openverzuim.law.cli", "timeline", "-"]
    good = subprocess.run(
        command,
        input=json.dumps(CASE),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0
    TIMELINE.validate(json.loads(good.stdout))
    bad = subprocess.run(
        command,
        input="{",
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("(root): not valid JSON")


def _with(**changes) -> dict:
    return dict(CASE, **changes)


BAD_INPUT = [
    (
        "unknown key at the top",
        _with(sicknes=[]),
        "sicknes: unknown key (expected one of: as_of, employment, events, leave, safety_net, sickness, uwv)",
    ),
    (
        "unknown key in a period",
        _with(sickness=[{"start": "2026-01-05", "einde": None}]),
        "sickness[0].einde: unknown key (expected one of: end, start)",
    ),
    (
        "unknown key in leave",
        _with(
            leave=[{"kind": "pregnancy", "start": "2025-01-01", "end": "2025-02-01", "note": "x"}]
        ),
        "leave[0].note: unknown key (expected one of: end, kind, start)",
    ),
    (
        "unknown key in employment",
        _with(employment={"end": None, "start": "2020-01-01"}),
        "employment.start: unknown key (expected one of: end)",
    ),
    (
        "unknown key in an event",
        _with(events=[{"type": "action_plan", "date": "2026-02-01", "by": "anna"}]),
        "events[0].by: unknown key (expected one of: date, type)",
    ),
    (
        "unknown key in uwv",
        _with(uwv={"extension": 13}),
        "uwv.extension: unknown key (expected one of: voluntary_extension_weeks, wage_sanction)",
    ),
    (
        "unknown key in a wage sanction",
        _with(uwv={"wage_sanction": {"weeks": 4, "repaired": None}}),
        "uwv.wage_sanction.repaired: unknown key (expected one of: repair_confirmed_on, weeks)",
    ),
    (
        "an impossible date",
        _with(
            sickness=[
                {"start": "2026-01-05", "end": "2026-02-13"},
                {"start": "2026-02-30", "end": None},
            ]
        ),
        "sickness[1].start: 2026-02-30 is not a date",
    ),
    (
        "a date that is not ISO",
        _with(as_of="1-3-2026"),
        "as_of: expected a date as YYYY-MM-DD, got '1-3-2026'",
    ),
    (
        "a date in other digits",
        _with(as_of="٢٠٢٦-٠٣-٠١"),
        "as_of: expected a date as YYYY-MM-DD, got '٢٠٢٦-٠٣-٠١'",
    ),
    (
        "overlapping periods",
        _with(
            sickness=[
                {"start": "2026-01-05", "end": "2026-02-13"},
                {"start": "2026-02-13", "end": None},
            ]
        ),
        "sickness[1].start: 2026-02-13 is not after the end of sickness[0] (2026-02-13): "
        "periods must be in order and must not overlap",
    ),
    (
        "unordered periods",
        _with(
            sickness=[
                {"start": "2026-03-01", "end": "2026-03-10"},
                {"start": "2026-01-05", "end": "2026-01-20"},
            ]
        ),
        "sickness[1].start: 2026-01-05 is not after the end of sickness[0] (2026-03-10): "
        "periods must be in order and must not overlap",
    ),
    (
        "an open period before another",
        _with(
            sickness=[{"start": "2026-01-05", "end": None}, {"start": "2026-03-01", "end": None}]
        ),
        "sickness[0].end: only the last period may be open (null): a later period follows",
    ),
    (
        "an end before its start",
        _with(sickness=[{"start": "2026-01-05", "end": "2026-01-04"}]),
        "sickness[0].end: 2026-01-04 is before the period's start 2026-01-05",
    ),
    (
        "a leave ending before it starts",
        _with(leave=[{"kind": "pregnancy", "start": "2025-03-01", "end": "2025-02-01"}]),
        "leave[0].end: 2025-02-01 is before the leave's start 2025-03-01",
    ),
    (
        "a leave overlapping sickness",
        _with(leave=[{"kind": "pregnancy", "start": "2026-05-01", "end": "2026-08-20"}]),
        "leave[0].start: the leave 2026-05-01 to 2026-08-20 overlaps sickness[0]: "
        "leave lies between periods",
    ),
    (
        "an unknown event type",
        _with(events=[{"type": "problem_analyses", "date": "2026-02-01"}]),
        "events[0].type: 'problem_analyses' is not a known event type (expected one of: "
        + ", ".join(EVENT_TYPES)
        + ")",
    ),
    (
        "a bad safety net",
        _with(safety_net="yes"),
        "safety_net: expected null or one of " + ", ".join(SAFETY_NET_KINDS) + ", got 'yes'",
    ),
    (
        "a wage sanction over 52 weeks",
        _with(uwv={"wage_sanction": {"weeks": 53}}),
        "uwv.wage_sanction.weeks: 53 is not between 1 and 52",
    ),
    (
        "a wage sanction without weeks",
        _with(uwv={"wage_sanction": {"repair_confirmed_on": None}}),
        "uwv.wage_sanction.weeks: is required",
    ),
    (
        "a voluntary extension under 13 weeks",
        _with(uwv={"voluntary_extension_weeks": 12}),
        "uwv.voluntary_extension_weeks: 12 is less than the minimum extension of 13 weeks (WIA art. 24)",
    ),
    (
        "a voluntary extension in decimals",
        _with(uwv={"voluntary_extension_weeks": 13.5}),
        "uwv.voluntary_extension_weeks: expected a whole number, got 13.5",
    ),
    ("empty sickness", _with(sickness=[]), "sickness: at least one period is required"),
    ("no sickness", {"as_of": "2026-03-01"}, "sickness: is required (at least one period)"),
    ("a list instead of a case", [CASE], "(root): expected an object, got a list"),
    (
        "malformed JSON",
        '{"as_of": "2026-03-01",}',
        "(root): not valid JSON (line 1, column 24: Expecting property name enclosed in double quotes)",
    ),
    ("empty input", "  \n", "(root): no input: expected a case object"),
    (
        "a key with a line break",
        '{"a\\nb": 1}',
        "'a\\nb': unknown key (expected one of: as_of, employment, events, leave, safety_net, "
        "sickness, uwv)",
    ),
]


@pytest.mark.parametrize(
    ("content", "line"), [pytest.param(c, line, id=name) for name, c, line in BAD_INPUT]
)
def test_bad_input_exits_2_with_one_line_naming_the_field_and_no_output(
    capsys, case_file, content, line
):
    for extra in ((), ("--explain",)):
        code, out, err = run(capsys, case_file(content), *extra)
        assert (code, out, err) == (2, "", line + "\n")


def test_a_missing_file_exits_2_naming_it(capsys, tmp_path):
    missing = str(tmp_path / "nope.json")
    assert run(capsys, missing) == (2, "", f"{missing}: no such file\n")


def test_jsonl_computes_the_good_lines_and_gives_an_error_object_on_the_bad_one(capsys, case_file):
    later = dict(CASE, as_of="2026-10-26")
    path = case_file(
        json.dumps(CASE) + "\n" + '{"sickness": []}\n' + json.dumps(later) + "\n", "cases.jsonl"
    )
    code, out, err = run(capsys, "--jsonl", path)
    assert (code, err) == (2, "")
    first, bad, third = (json.loads(line) for line in out.splitlines())
    TIMELINE.validate(first)
    TIMELINE.validate(third)
    ERROR_LINE.validate(bad)
    assert bad == {"error": "sickness: at least one period is required"}
    assert (first["as_of"], third["as_of"]) == ("2026-03-01", "2026-10-26")


def test_jsonl_of_good_lines_from_standard_input_exits_0(capsys, monkeypatch):
    lines = "".join(json.dumps(dict(CASE, as_of=f"2026-0{m}-01")) + "\n" for m in range(3, 8))
    code, out, _ = run(capsys, "--jsonl", "-", stdin=lines, monkeypatch=monkeypatch)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["as_of"] for r in results] == [f"2026-0{m}-01" for m in range(3, 8)]
    for result in results:
        TIMELINE.validate(result)


def test_jsonl_survives_a_key_no_terminal_could_print(capsys, case_file):
    code, out, _ = run(capsys, "--jsonl", case_file('{"\\ud800": 1}\n' + json.dumps(CASE) + "\n"))
    assert code == 2
    bad, good = (json.loads(line) for line in out.splitlines())
    assert bad["error"].startswith("'\\ud800': unknown key")
    TIMELINE.validate(good)


def test_jsonl_computes_the_other_lines_when_one_is_not_utf8(capsys, tmp_path):
    path = tmp_path / "cases.jsonl"
    good = json.dumps(CASE).encode() + b"\n"
    path.write_bytes(good + b'{"as_of": "\xff"}\n' + good)
    code, out, _ = run(capsys, "--jsonl", str(path))
    assert code == 2
    first, bad, third = (json.loads(line) for line in out.splitlines())
    assert bad == {"error": "(root): not UTF-8 text (invalid start byte at byte 11)"}
    assert first == third
    TIMELINE.validate(first)


def test_jsonl_keeps_lines_aligned_when_one_is_blank(capsys, case_file):
    code, out, _ = run(capsys, "--jsonl", case_file(json.dumps(CASE) + "\n\n", "cases.jsonl"))
    assert code == 2
    assert json.loads(out.splitlines()[1]) == {"error": "(root): no input: expected a case object"}


def test_explain_is_dutch_by_default(capsys, case_file):
    code, out, _ = run(capsys, case_file(CASE), "--explain")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("Probleemanalyse"))
    for part in (
        "15 feb 2026",
        "termijn verstreken",
        "dag 1 + 41 dagen (einde week 6)",
        "RPG art. 2 lid 2",
    ):
        assert part in line


def test_explain_speaks_english_on_request(capsys, case_file):
    code, out, _ = run(capsys, case_file(CASE), "--explain", "--lang", "en")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("Problem analysis"))
    for part in ("15 Feb 2026", "overdue", "day 1 + 41 days (end of week 6)", "RPG art. 2 lid 2"):
        assert part in line


def test_explain_cannot_be_combined_with_jsonl(capsys, case_file):
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--jsonl", "--explain", case_file(CASE)])
    assert exit_.value.code == 2
    assert capsys.readouterr().out == ""


def test_every_scenario_input_is_valid_against_the_input_schema_of_its_version():
    for entry in all_scenarios():
        case = as_json(entry["input"])
        if str(entry["expect"].get("error", "")).startswith("contract:"):
            assert not INPUT_V2.is_valid(case), entry["name"]  # the schema knows the versions too
        elif "contract" not in case and contract_version(case) == 1:
            INPUT.validate(case)
        else:
            INPUT_V2.validate(case)


def test_the_input_schema_rejects_unknown_keys_and_knows_every_event_type_and_safety_net():
    assert not INPUT.is_valid(dict(CASE, colour="red"))
    assert not INPUT.is_valid(dict(CASE, uwv={"wage_sanction": {"weeks": 53}}))
    properties = INPUT_SCHEMA["properties"]
    assert tuple(properties["events"]["items"]["properties"]["type"]["enum"]) == EVENT_TYPES
    assert tuple(properties["safety_net"]["enum"]) == (None, *SAFETY_NET_KINDS)
