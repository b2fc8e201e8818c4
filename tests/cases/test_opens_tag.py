"""`{% opens %}`: a link about one case is shown only to a user whose role reaches the route and
whose policy grants the route's action on that very case (issue 19: links that lead nowhere)."""

from __future__ import annotations

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role

TAG = Template("{% load cases %}{% opens route case as ok %}{{ ok }}")


def opens(user, route: str, case=None) -> bool:
    request = RequestFactory().get("/")
    request.user = user
    return TAG.render(RequestContext(request, {"route": route, "case": case})) == "True"


@pytest.mark.django_db
def test_a_case_link_needs_the_route_and_the_action_on_that_case(eva_sick, anna, bram):
    assert opens(anna, "cases:event_new", eva_sick)
    assert not opens(bram, "cases:event_new", eva_sick)  # a case manager, not of this case
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    assert opens(bram, "cases:event_new", eva_sick)


@pytest.mark.django_db
def test_a_role_the_route_does_not_name_is_never_shown_the_link(eva_sick, anna):
    lena = User.objects.create_user("lena", "lena@example.nl", "secret-password-1")
    Membership.objects.create(
        user=lena,
        organisation=eva_sick.organisation,
        role=Role.LINE_MANAGER,
        department=eva_sick.employee.department,
    )
    assert not opens(lena, "cases:event_new", eva_sick)  # she may view the case, not record
    assert not opens(lena, "cases:sick_report")
    assert opens(anna, "cases:sick_report")
