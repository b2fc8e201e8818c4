"""The project's view modules, for the tests that keep audit calls out of them."""

from __future__ import annotations

import re
from pathlib import Path

import openverzuim

ROOT = Path(openverzuim.__file__).parent


def view_modules_naming(pattern: str) -> list[str]:
    """The view modules (`*views*.py`, or any module in a `views` package) whose text matches the
    regular expression `pattern`, relative to the package. Fails if it finds no view module at all,
    so that a moved tree cannot make the tests that call it pass by finding nothing."""
    views = [p for p in ROOT.rglob("*.py") if "views" in p.name or p.parent.name == "views"]
    assert views, "no view modules found"
    return [
        str(p.relative_to(ROOT)) for p in views if re.search(pattern, p.read_text(encoding="utf-8"))
    ]
