"""Load test: employer administrators on the worklist, the case list and case pages, against gunicorn.

Each simulated user logs in as the administrator `manage.py generate_load` made (LOAD_USERNAME,
LOAD_PASSWORD), reads the case numbers off the first page of open cases, then keeps opening the
worklist, the open-case list and a random case page, with a second's thought between them.
docs/performance.md says how to prepare the data and run it, and what it measured.

    locust -f bench/locustfile.py --host http://127.0.0.1:8000 --headless -u 50 -r 10 -t 60s
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

USERNAME = os.environ.get("LOAD_USERNAME", "load-admin")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_CASE = re.compile(r'href="/cases/([0-9]+)/"')


class Administrator(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        form = dict(_HIDDEN.findall(self.client.get("/accounts/login/", name="login form").text))
        answer = self.client.post(
            "/accounts/login/",
            name="login",
            data={**form, "username": USERNAME, "password": PASSWORD},
        )
        if "/accounts/login/" in answer.url:
            raise RuntimeError(
                f"{USERNAME} could not log in: set LOAD_PASSWORD (generate_load --password)"
            )
        self.cases = sorted(set(_CASE.findall(self.client.get("/cases/", name="case list").text)))

    @task(3)
    def worklist(self) -> None:
        self.client.get("/", name="worklist")

    @task(2)
    def case_list(self) -> None:
        self.client.get("/cases/", name="case list")

    @task(3)
    def case_page(self) -> None:
        if self.cases:
            self.client.get(f"/cases/{random.choice(self.cases)}/", name="case page")
