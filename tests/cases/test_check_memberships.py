"""`check_memberships` lists the memberships the granting rules would not have allowed (issue 13)
and exits non-zero when there is any; the demo data and the usual personas pass."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role


def run() -> str:
    out = StringIO()
    call_command("check_memberships", stdout=out)
    return out.getvalue()


def test_the_usual_personas_follow_the_rules(anna, bram, carla, dirk, finn, eva_user):
    assert "Every membership follows the granting rules." in run()


def test_the_demo_data_follows_the_rules(db, today):
    call_command("load_demo", "--allow-in-production", stdout=StringIO())
    assert "Every membership follows the granting rules." in run()


def test_it_lists_each_membership_the_rules_would_refuse_and_fails(
    anna, bakery, noorderlicht, eva, db
):
    physician_on_employer = Membership.objects.create(
        user=anna, organisation=bakery, role=Role.OCCUPATIONAL_PHYSICIAN
    )
    line_manager_at_arbodienst = Membership.objects.create(
        user=anna, organisation=noorderlicht, role=Role.LINE_MANAGER
    )
    stray = User.objects.create_user("stray")
    unlinked_employee = Membership.objects.create(
        user=stray, organisation=bakery, role=Role.EMPLOYEE
    )
    sam = User.objects.create_user("sam", is_staff=True)
    staff_role = Membership.objects.create(user=sam, organisation=bakery, role=Role.CASE_MANAGER)
    out = StringIO()
    with pytest.raises(CommandError, match="4 membership"):
        call_command("check_memberships", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    for membership, reason in [
        (physician_on_employer, "not held in an organisation of kind employer"),
        (line_manager_at_arbodienst, "kind arbodienst"),
        (unlinked_employee, "without a linked employee record"),
        (staff_role, "system administrator"),
    ]:
        assert any(
            line.startswith(f"membership {membership.pk}:") and reason in line for line in lines
        ), (membership, lines)


def test_the_exit_status_is_one_from_the_command_line(anna, bakery):
    from django.core.management import ManagementUtility

    Membership.objects.create(user=anna, organisation=bakery, role=Role.OCCUPATIONAL_PHYSICIAN)
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "check_memberships"]).execute()
    assert exited.value.code == 1
