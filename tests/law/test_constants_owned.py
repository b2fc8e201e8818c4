"""Each constant of the law has one owner; everything else imports it (issue 14, point 6).

A second hand-typed copy could drift from the rule: the 52-week sanction maximum, the 52-week floor,
the notice term of D13, the wage-measure kinds and the WIA application's 11 weeks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import openverzuim

ROOT = Path(openverzuim.__file__).parent

# pattern -> the one file (relative to openverzuim/) allowed to write it
OWNERS = {
    r"\b\w+ = 52\b": "law/facts.py",  # MAX_WAGE_SANCTION_WEEKS
    r"\b\w+ = 7 \* 52\b": "law/timeline.py",  # MINIMUM_WAGE_FLOOR_SICK_DAYS
    r"NOTICE_WORKING_DAYS = ": "law/sanctions.py",  # PROMPT_NOTICE_WORKING_DAYS (D13)
    r"\(\"suspension\", \"stop\"\)": "",  # MEASURE_KINDS, written as (SUSPENSION, STOP)
    r"SUSPENSION, STOP = ": "law/sanctions.py",
    r"-\s?77\b": "",  # WIA_APPLICATION_DAYS_BEFORE_END
    r"lte=52\b|WageSanction\(52\)": "",
}


def _sources():
    for path in ROOT.rglob("*.py"):
        if "migrations" not in path.parts:
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("pattern", OWNERS)
def test_a_law_constant_is_written_only_by_its_owner(pattern):
    writers = sorted(name for name, text in _sources() if re.search(pattern, text))
    assert writers == ([OWNERS[pattern]] if OWNERS[pattern] else [])
