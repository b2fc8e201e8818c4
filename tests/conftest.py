"""Shared test set-up. pytest-django supplies `client`, `db`, `settings` and friends; fixtures that
belong to one part of the system live in that part's own conftest.py (tests/cases/, tests/law/, ...).
"""

from django.conf import settings


def pytest_report_header(config) -> str:
    """Say which database the run uses: `.ci/run` runs the suite once on SQLite, once on PostgreSQL."""
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} {database['NAME']} (the tests use a test database beside it)"
