"""The audit trail's codes in people's words on a page (accounts.audit_words)."""

from django import template

from openverzuim.accounts import audit_words

register = template.Library()

register.filter("role_names", audit_words.role_names)
register.filter("subject_words", audit_words.subject_words)
register.filter("fields_words", audit_words.fields_words)
