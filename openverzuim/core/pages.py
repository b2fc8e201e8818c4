"""The plumbing every app's views share: find an object within the user's reach, and handle a form.

A view passes its selector (already scoped to the user) to `get_in_scope_or_404`; a miss is a 404
whether the object is elsewhere or out of reach (style.md §2.6). `handle_form` runs the service on a
valid POSTed form in one transaction and puts the service's ValidationError on the fields it names.
The service records its own write in the audit trail (accounts.audit.record_change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest

from .forms import attach_errors


def get_in_scope_or_404(selector: Callable[..., Any], **lookup) -> Any:
    """`selector(**lookup)`, or a 404 when it finds nothing within the user's reach."""
    try:
        return selector(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def handle_form(request: HttpRequest, form, service_call: Callable[[dict], Any]) -> Any:
    """On a valid POST, `service_call(form.cleaned_data)` in one transaction and its result; None
    when the form is to be shown (again), with the service's errors on the fields they name."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with transaction.atomic():
            return service_call(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None
