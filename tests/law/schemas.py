"""Validators for the JSON Schemas shipped in docs/: the timeline's output, a --jsonl error line, input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_SCHEMA = json.loads((ROOT / "docs/timeline.schema.json").read_text(encoding="utf-8"))
INPUT_SCHEMA = json.loads((ROOT / "docs/timeline-input.schema.json").read_text(encoding="utf-8"))
_FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
TIMELINE = jsonschema.Draft202012Validator(OUTPUT_SCHEMA, format_checker=_FORMATS)
ERROR_LINE = jsonschema.Draft202012Validator(dict(OUTPUT_SCHEMA, **{"$ref": "#/$defs/error"}))
INPUT = jsonschema.Draft202012Validator(INPUT_SCHEMA, format_checker=_FORMATS)
#: Contract v2 (docs/timeline-contract.md, "Version 2").
OUTPUT_SCHEMA_V2 = json.loads((ROOT / "docs/timeline-v2.schema.json").read_text(encoding="utf-8"))
INPUT_SCHEMA_V2 = json.loads(
    (ROOT / "docs/timeline-input-v2.schema.json").read_text(encoding="utf-8")
)
TIMELINE_V2 = jsonschema.Draft202012Validator(OUTPUT_SCHEMA_V2, format_checker=_FORMATS)
INPUT_V2 = jsonschema.Draft202012Validator(INPUT_SCHEMA_V2, format_checker=_FORMATS)
