"""Amounts on pages and in PDFs in the reader's language, through law/'s one formatter."""

from decimal import Decimal, InvalidOperation

from django import template

from openverzuim.core.i18n import engine_language
from openverzuim.law.explain import format_money

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
