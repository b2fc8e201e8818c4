from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def multiply(value, factor):
    return value * factor


@register.filter
def subtract_from(value, total):
    return total - value


@register.filter
def get_amount(mapping: dict, key: str):
    return mapping.get(key, Decimal(0))
