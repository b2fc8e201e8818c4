"""`{% id_url %}`: the link `{% url %}` gives, for a route with one integer id, reversed once per
template and route instead of once per row."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from openverzuim.core.templatetags import links


@pytest.mark.parametrize("route", ["cases:detail", "cases:event_new", "cases:employee_edit"])
@pytest.mark.parametrize("pk", [1, 7, 42, 1234567, 2_147_483_646])
def test_it_gives_the_link_url_gives(route, pk):
    page = Template("{% load links %}{% id_url route pk %}")
    assert page.render(Context({"route": route, "pk": pk})) == reverse(route, args=[pk])


def test_many_rows_reverse_the_route_once(monkeypatch):
    calls = []

    def counting_reverse(*args, **kwargs):
        calls.append(args)
        return reverse(*args, **kwargs)

    monkeypatch.setattr(links, "reverse", counting_reverse)
    page = Template(
        "{% load links %}{% for pk in ids %}{% id_url 'cases:detail' pk %} {% endfor %}"
    )
    shown = page.render(Context({"ids": range(1, 201)})).split()
    assert shown == [reverse("cases:detail", args=[pk]) for pk in range(1, 201)]
    assert len(calls) == 1


@pytest.mark.parametrize("pk", ["12", "0012"])
def test_an_id_that_is_no_integer_goes_through_reverse_itself(pk):
    page = Template("{% load links %}{% id_url 'cases:detail' pk %}")
    assert page.render(Context({"pk": pk})) == reverse("cases:detail", args=[pk])
