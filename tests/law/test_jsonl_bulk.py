"""The fast bulk path of `openverzuim timeline --jsonl`: the same lines as the standard decoder and
encoder give, and `--jobs N` keeps the input's order."""

from __future__ import annotations

import json
from datetime import date

import pytest

from openverzuim.law.cli import main
from openverzuim.law.contract import ContractError, compute
from openverzuim.law.jsonl import CHUNK, decode, line_result, text

TODAY = date(2026, 11, 22)


def case(month: int, day: int) -> dict:
    return {
        "as_of": "2026-11-22",
        "sickness": [{"start": f"2025-{month:02}-{day:02}", "end": None}],
        "events": [{"type": "problem_analysis", "date": f"2025-{month:02}-{day:02}"}],
    }


def standard(line: bytes) -> str:
    """What the standard library alone makes of a line: the contract's reference output."""
    try:
        result = compute(decode(text(line)), today=TODAY)
    except ContractError as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "line",
    [
        json.dumps(case(3, 9)).encode(),
        b"\xef\xbb\xbf"
        + json.dumps(case(3, 9)).encode(),  # byte-order mark: orjson refuses, json takes
        b'{"as_of": NaN}',
        b'{"sickness": [], "as_of": 1' + b"0" * 30 + b"}",
        b'{"\\ud800": 1}',
        b"",
        b"   \r\n",
        b"[1, 2",
        b'{"as_of": "\xff"}',
        b'{"sickness": []}',
        b"null",
    ],
)
def test_a_line_gives_what_the_standard_decoder_and_encoder_give(line):
    assert line_result(line, TODAY)[0] == standard(line)


def test_jobs_keep_the_order_of_more_lines_than_one_chunk(capsys, tmp_path):
    lines = [json.dumps(case(1 + i % 12, 1 + i % 28)).encode() for i in range(CHUNK + 501)]
    lines[CHUNK + 7] = b'{"sickness": []}'
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["timeline", "--jsonl", str(path)]) == 2
    one, _ = capsys.readouterr()
    assert main(["timeline", "--jsonl", "--jobs", "3", str(path)]) == 2
    three, err = capsys.readouterr()
    assert (three, err) == (one, "")
    assert three.splitlines() == [standard(line) for line in lines]


def test_jobs_need_jsonl_and_a_sensible_number(capsys, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case(3, 9)))
    for argv in (
        ["--jobs", "2", str(path)],
        ["--jsonl", "--jobs", "0", str(path)],
        ["--jsonl", "--jobs", "x", str(path)],
    ):
        with pytest.raises(SystemExit) as exit_:
            main(["timeline", *argv])
        assert exit_.value.code == 2
        assert "--jobs" in capsys.readouterr().err
