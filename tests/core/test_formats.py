"""Amounts and dates in the reader's language: one formatter per kind (law.explain.format_money and
format_date) for the engine's sentences, and the `money` and `short_date` filters of pages and PDFs
that give the same text; and real pages in both languages without ISO dates or foreign amounts."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from openverzuim.documents import selectors, services
from openverzuim.documents.spec import EMPLOYER
from openverzuim.law.explain import format_date, format_money


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


# Dates: one short form per language, the same from the `short_date` filter of pages and PDFs and
# from the engine's sentences (law.explain.format_date): Dutch months in lower case.

MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("language, months", [("nl", MONTHS_NL), ("en", MONTHS_EN)])
def test_a_date_reads_the_same_on_pages_and_in_the_engines_sentences(language, months, month):
    day = date(2027, month, 14)
    with translation.override(language):
        shown = Template("{% load formats %}{{ day|short_date }}").render(Context({"day": day}))
    assert shown == f"14 {months[month - 1]} 2027" == format_date(day, language)


@pytest.mark.parametrize("language, expected", [("nl", "zo 14 mrt"), ("en", "Sun 14 Mar")])
def test_the_weekday_form_names_the_day_in_the_readers_language(language, expected):
    with translation.override(language):
        page = Template('{% load formats %}{{ day|short_date:"weekday" }}')
        assert page.render(Context({"day": date(2027, 3, 14)})) == expected


def test_a_day_written_once_is_written_again_in_each_readers_own_language():
    """The filter remembers each day's text per language and form: never one reader's for another."""
    page = Template('{% load formats %}{{ day|short_date:"weekday" }} {{ day|short_date }}')
    shown = []
    for language in ("nl", "en", "nl", "en"):
        with translation.override(language):
            shown.append(page.render(Context({"day": date(2027, 3, 14)})))
    assert shown == ["zo 14 mrt 14 mrt 2027", "Sun 14 Mar 14 Mar 2027"] * 2


@pytest.mark.parametrize(
    "language, expected", [("nl", "22 nov 2026 14:05"), ("en", "22 Nov 2026 14:05")]
)
def test_a_moment_is_shown_in_local_time_with_the_same_date(language, expected):
    moment = datetime(2026, 11, 22, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
    with translation.override(language):
        page = Template('{% load formats %}{{ moment|short_date:"time" }}')
        assert page.render(Context({"moment": moment})) == expected


@pytest.mark.parametrize("value", [None, ""])
def test_no_date_shows_nothing(value):
    assert Template("{% load formats %}{{ day|short_date }}").render(Context({"day": value})) == ""


# Real pages, in both languages: no ISO date and no amount with an English decimal point in Dutch.

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH_AMOUNT = re.compile(r"€\s?-?\d{1,3}(,\d{3})*\.\d{2}\b")
DUTCH_AMOUNT = re.compile(r"€\s?-?\d{1,3}(\.\d{3})*,\d{2}\b")
CAPITALISED_DUTCH_MONTH = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b"
)


def _text(response) -> str:
    """What the reader sees: the page without its tags, scripts, styles and attribute values."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _assert_readable(text: str, language: str) -> None:
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)
    if language == "nl":
        assert not ENGLISH_AMOUNT.search(text), ENGLISH_AMOUNT.search(text)
        assert not CAPITALISED_DUTCH_MONTH.search(text), CAPITALISED_DUTCH_MONTH.search(text)
    else:
        assert not DUTCH_AMOUNT.search(text), DUTCH_AMOUNT.search(text)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_case_page_writes_amounts_and_dates_as_the_reader_does(
    client, anna, eva_stopped, today, language
):
    client.force_login(anna)
    response = client.get(
        reverse("cases:detail", args=[eva_stopped.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    text = _text(response)
    _assert_readable(text, language)
    # the page does show amounts and dates, in the reader's form
    assert (DUTCH_AMOUNT if language == "nl" else ENGLISH_AMOUNT).search(text)
    assert format_date(date(2026, 1, 5), language) in text  # the first sick day


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_signed_document_writes_its_dates_as_the_reader_does(
    client, anna, eva_user, eva_sick, today, language
):
    reach = selectors.case_reach_for(user=anna, case_id=eva_sick.pk)
    document = services.document_create(
        case=reach.case,
        type_code="written_warning",
        by=anna,
        content=WARNING,
        parties=reach.parties,
    )
    version = document.latest()
    services.version_sign(
        version=version,
        party=EMPLOYER,
        by=anna,
        parties=reach.parties,
        today=today,
        expected_sha256=version.content_sha256,
    )
    client.force_login(anna)
    for url in (
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:case", args=[eva_sick.pk]),
        reverse("documents:report", args=[eva_sick.pk]),
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        text = _text(response)
        _assert_readable(text, language)
    assert format_date(date(2026, 4, 10), language) in _text(
        client.get(reverse("documents:detail", args=[document.pk]), HTTP_ACCEPT_LANGUAGE=language)
    )  # the warning's deadline
    report = _text(
        client.get(reverse("documents:report", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE=language)
    )
    assert format_date(date(2026, 1, 5), language) in report  # item e, the first sick day


WARNING = {
    "duty": "Niet verschenen bij de bedrijfsarts",
    "expected": "Afspraak maken",
    "deadline": "2026-04-10",
    "consequence": "Loonstop",
}
