"""`{% form_token %}`: put it beside `{% csrf_token %}` in every form that creates something, so that
sending that form twice records once (core.submissions)."""

from django import template
from django.utils.html import format_html

from openverzuim.core.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
