"""The topology of docs/deployment.md on one machine: two web processes (gunicorn) and two task
workers (`manage.py db_worker`) against one PostgreSQL. The nightly recompute, enqueued as one job per
slice of open cases, is shared by the workers and recomputes each case exactly once; a change written
through one web process is read through the other (sessions on Redis when it answers, else in the
database)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from http.cookiejar import CookieJar
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connections
from django_tasks_db.models import DBTaskResult

from openverzuim.cases.duties import duties_check
from openverzuim.cases.models import Case, Duty

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "twee-machines-wachtwoord"
TIMEOUT = (
    90  # per step; the whole test took 75-110 s on a 2-core machine under a load average of 12
)

pytestmark = [pytest.mark.django_db(transaction=True, databases=["default", "medical"])]


def _url(alias: str) -> str:
    settings = connections[alias].settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def environment() -> dict[str, str]:
    if connections["default"].vendor != "postgresql":
        pytest.skip("several processes share one PostgreSQL; SQLite is one process's database")
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    env.update(
        DEBUG="1",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=_url("default"),
        MEDICAL_DATABASE_URL=_url("medical"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
    )
    if _redis_answers():
        env.update(REDIS_URL="redis://127.0.0.1:6379/15", CACHE_KEY_PREFIX=f"ov-test-{os.getpid()}")
    return env


@pytest.fixture
def processes():
    started: list[subprocess.Popen] = []

    def start(*argv: str, env: dict[str, str]) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
    for process in started:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run(*argv: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, *argv],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=TIMEOUT,
    )


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {TIMEOUT} s")
        time.sleep(0.2)


def _answers(port: int) -> bool:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
    except OSError:
        return False


def _form_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def test_two_web_processes_and_two_workers_share_one_database(environment, processes):
    today = date.today()  # the processes judge by their own clock
    manage = str(ROOT / "manage.py")
    web = [_free_port(), _free_port()]
    for port in web:
        processes(
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            env=environment,
        )
    workers = [f"worker-{n}" for n in (1, 2)]
    for worker_id in workers:
        processes(
            manage,
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            worker_id,
            env=environment,
        )
    # a process of its own: the password is hashed as the web processes check it, not as tests do
    _run(
        manage,
        "generate_load",
        "--employees",
        "200",
        "--open-cases",
        "60",
        "--batch",
        "100",
        "--password",
        PASSWORD,
        env=environment,
    )
    Duty.objects.all().delete()

    # (a) the nightly recompute as 20 jobs of 3 cases: each claimed by one worker, each case once
    _run(manage, "duties_recompute", "--tasks", "--batch-size", "3", env=environment)
    jobs = DBTaskResult.objects.filter(task_path__endswith="duties_recompute_task")
    assert jobs.count() == 20
    _wait_for(lambda: jobs.filter(status="SUCCESSFUL").count() == 20, "the recompute jobs")
    done = list(jobs.values_list("worker_ids", "return_value"))
    assert all(len(worker_ids) == 1 for worker_ids, _ in done)
    assert {worker_ids[0] for worker_ids, _ in done} == set(workers)
    ranges = sorted((value["low"], value["high"]) for _, value in done)
    assert all(high < next_low for (_, high), (next_low, _) in pairwise(ranges))
    assert sum(value["cases"] for _, value in done) == 60
    assert duties_check(today) == (60 + 120, [])

    # (b) logged in and a recovery recorded through one web process, both read through the other
    for port in web:
        _wait_for(lambda port=port: _answers(port), f"the web process on port {port}")
    jar = CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    first, second = (f"http://127.0.0.1:{port}" for port in web)
    login = browser.open(f"{first}/accounts/login/").read().decode()
    browser.open(
        f"{first}/accounts/login/",
        urlencode({**_form_fields(login), "username": "load-admin", "password": PASSWORD}).encode(),
    )
    case = Case.objects.filter(closed_on__isnull=True).order_by("pk").first()
    page = browser.open(f"{second}/cases/{case.pk}/")
    assert page.url == f"{second}/cases/{case.pk}/"  # not sent to the login page: the session holds
    assert "nog ziek" in page.read().decode()
    form = browser.open(f"{first}/cases/{case.pk}/recovery/").read().decode()
    browser.open(
        f"{first}/cases/{case.pk}/recovery/",
        urlencode({**_form_fields(form), "recovered_on": today.isoformat()}).encode(),
    )
    assert not case.periods.filter(end__isnull=True).exists()
    assert "nog ziek" not in browser.open(f"{second}/cases/{case.pk}/").read().decode()
