"""Steps the browser journeys share."""

from __future__ import annotations

#: The password every journey's people log in with (tests/conftest.py's personas have it too).
PASSWORD = "secret-password-1"


def log_in(page, username: str) -> None:
    """Log `username` in on the login page, from a clean session, and wait for the page it leads to."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
