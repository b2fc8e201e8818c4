"""Amounts and dates on pages and in PDFs in the reader's language, through law/'s one formatter
of each (the engine's sentences use the same)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.utils.formats import date_format

from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import format_date, format_money, format_month

register = template.Library()


@register.filter
def money(value) -> str:
    """`{{ amount|money }}` -> "€ 61.919,38" (Dutch) or "€61,919.38" (English); "" for no amount."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    return format_money(amount, engine_language())


#: The weekday form for agendas: Dutch writes day and month in lower case ("zo 14 mrt").
WEEKDAY_DATE = {"nl": "D j b", "en": "D j M"}


@register.filter(expects_localtime=True)
def short_date(value, form: str = "") -> str:
    """`{{ day|short_date }}` -> "14 mrt 2027" / "14 Mar 2027" (law.explain.format_date's form);
    `|short_date:"no_year"` -> "14 mrt"; `|short_date:"weekday"` -> "zo 14 mrt";
    `|short_date:"time"` -> "14 mrt 2027 14:05", in local time (Django converts a moment before this
    filter sees it)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, date):
        return str(value)
    if isinstance(value, datetime):
        return _date_text(value, form, engine_language())
    # A list of 200 duties has a few dozen dates: each written once per language and form.
    return _day_text(value, form, engine_language())


def _date_text(value: date, form: str, lang: str) -> str:
    if form == "weekday":
        return date_format(value, WEEKDAY_DATE[lang])
    text = format_date(value, lang, year=form != "no_year")
    return f"{text} {value:%H:%M}" if form == "time" and isinstance(value, datetime) else text


@lru_cache(maxsize=4096)
def _day_text(value: date, form: str, lang: str) -> str:
    """`_date_text` of a day (not a moment), remembered: the same day reads the same in a language."""
    return _date_text(value, form, lang)


@register.filter
def month(value, form: str = "") -> str:
    """`{{ "2027-03"|month }}` (or a date) -> "mrt 2027" / "Mar 2027"; `|month:"no_year"` -> "mrt"."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(f"{value}-01")
        except ValueError:
            return value
    if not isinstance(value, date):
        return ""
    return format_month(value, engine_language(), year=form != "no_year")
