"""The audit trail's door: every read and write of dossier data is recorded through these two calls.

Callers pass what they touched; the log keeps plain identifiers (not foreign keys), so that an entry
outlives the retention of the dossier it is about and can be shown to the employee it concerns.
Issue 4 gives the calls their storage, the employee's "who viewed my dossier" page and the
administrators' search; until then they record nothing.
"""

from __future__ import annotations

from typing import Any


def record_read(*, user: Any, organisation_id: int | None = None, case_id: int | None = None,
                employee_id: int | None = None, subject: str = "", fields: str = "",
                route: str = "") -> None:
    """`user` read `subject` (e.g. "case", "document 12 v3", "medical note 4") of a dossier."""


def record_write(*, user: Any, organisation_id: int | None = None, case_id: int | None = None,
                 employee_id: int | None = None, subject: str = "", fields: str = "",
                 route: str = "") -> None:
    """`user` created or changed `fields` of `subject` in a dossier."""
