"""`load_demo`: a living system for a newcomer, loaded once into an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from openverzuim.accounts.models import Organisation, User
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, Employee


def test_it_loads_three_employers_sixty_employees_and_fifteen_cases_once(db, today, settings):
    settings.DEBUG = True
    call_command("load_demo")
    employers = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER)
    assert employers.count() == 3
    assert employers.filter(served_by__kind=Organisation.Kind.ARBODIENST).count() == 1
    assert Employee.objects.count() == 60
    assert Case.objects.count() == 15
    stages = {
        "fresh": Case.objects.filter(periods__start=today, closed_on__isnull=True).exists(),
        "relapse": any(c.periods.count() == 2 for c in Case.objects.all()),
        "recovered": Case.objects.filter(periods__end__isnull=False, closed_on__isnull=True)
        .exclude(periods__end__isnull=True)
        .exists(),
        "closed": Case.objects.filter(closed_on__isnull=False).exists(),
        "safety net": Case.objects.filter(safety_net=True).exists(),
    }
    assert all(stages.values()), stages
    weeks = {}
    for case in Case.objects.filter(closed_on__isnull=True):
        result = case_timeline(case, today)
        if result.week:
            weeks[result.week] = result.milestone("action_plan").status
    assert weeks.get(7) in ("open", "overdue")  # week 7 without a plan of action
    assert any(43 <= week < 52 for week in weeks)  # past week 42
    assert any(85 <= week <= 91 for week in weeks)  # near week 91
    assert User.objects.get(username="anna").check_password("demo-verzuim")
    call_command("load_demo")
    assert Case.objects.count() == 15


def test_it_refuses_to_run_with_debug_off_without_the_explicit_flag(db, settings):
    """Issue 13 finding 8: with DEBUG off it created nine logins with the published password."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"DEBUG is off.*--allow-in-production"):
        call_command("load_demo")
    assert not User.objects.exists() and not Organisation.objects.exists()
    call_command("load_demo", "--allow-in-production")
    assert User.objects.filter(username="anna").exists()


def test_the_demo_employer_sees_a_worklist_with_work_in_it(client, db, today):
    call_command("load_demo", "--allow-in-production")
    client.login(username="anna", password="demo-verzuim")
    work = client.get("/").context["work"]
    assert work.overdue and not work.empty
    assert all(d.case.organisation.name == "Bakkerij De Korenschoof" for d in work.rows)


def test_the_readme_demo_logins_work(client, db, today):
    call_command("load_demo", "--allow-in-production")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for username in ("anna", "bram", "carla", "dirk", "lars", "rosa", "gijs"):
        assert f"| `{username}` | `demo-verzuim` |" in readme
        assert client.login(username=username, password="demo-verzuim"), username
        assert client.get("/", follow=True).status_code == 200


def test_the_demo_line_manager_and_consultant_get_evas_reduced_page_and_gijs_counts(client, db):
    call_command("load_demo", "--allow-in-production")
    eva = Case.objects.get(employee__user__username="eva")
    for username in ("lars", "rosa"):
        client.login(username=username, password="demo-verzuim")
        page = client.get(f"/cases/{eva.pk}/")
        assert page.status_code == 200, username
        assert "cases/case_reduced.html" in [t.name for t in page.templates]
    client.login(username="gijs", password="demo-verzuim")
    caseload = client.get("/", follow=True)
    assert caseload.redirect_chain[-1][0].endswith("/reports/caseload/")
    assert "Zorggroep Het Anker" in caseload.content.decode()
    assert client.get(f"/cases/{eva.pk}/").status_code == 404
