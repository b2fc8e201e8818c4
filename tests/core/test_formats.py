"""Amounts in the reader's language: one formatter (law.explain.format_money) for the engine's
sentences and the `money` filter of pages and PDFs."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from openverzuim.law.explain import format_money


@pytest.mark.parametrize(
    "amount, nl, en",
    [
        ("61919.38", "€ 61.919,38", "€61,919.38"),
        ("1234567.5", "€ 1.234.567,50", "€1,234,567.50"),
        ("25064.515", "€ 25.064,52", "€25,064.52"),
        ("0", "€ 0,00", "€0.00"),
        ("999.999", "€ 1.000,00", "€1,000.00"),
        ("-1500", "€ -1.500,00", "-€1,500.00"),
    ],
)
def test_amounts_are_written_as_each_language_writes_them(amount, nl, en):
    assert (format_money(Decimal(amount), "nl"), format_money(Decimal(amount), "en")) == (nl, en)


@pytest.mark.parametrize("language, expected", [("nl", "€ 61.919,38"), ("en", "€61,919.38")])
def test_the_money_filter_follows_the_active_language(language, expected):
    page = Template("{% load formats %}{{ amount|money }}")
    with translation.override(language):
        assert page.render(Context({"amount": Decimal("61919.38")})) == expected


@pytest.mark.parametrize(
    "value, shown", [(None, ""), ("", ""), ("NaN", "NaN"), ("abc", "abc"), (3000, "€ 3.000,00")]
)
def test_the_money_filter_never_fails_on_odd_values(value, shown):
    with translation.override("nl"):
        assert (
            Template("{% load formats %}{{ amount|money }}").render(Context({"amount": value}))
            == shown
        )
