"""Reading the scenario tables (tests/law/scenarios/*.yaml); conftest.py turns them into items."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

SCENARIOS = Path(__file__).parent / "scenarios"
ENTRY_KEYS = {"name", "basis", "input", "expect"}


def as_json(value: Any) -> Any:
    """YAML to the JSON the contract reads: dates become ISO strings, everything else stays."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def load_scenarios(path) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise pytest.UsageError(f"{path}: expected a list of scenarios")
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != ENTRY_KEYS:
            raise pytest.UsageError(
                f"{path}: each scenario has exactly {sorted(ENTRY_KEYS)}: {entry}"
            )
    return entries


def all_scenarios() -> list[dict]:
    return [entry for path in sorted(SCENARIOS.glob("*.yaml")) for entry in load_scenarios(path)]
