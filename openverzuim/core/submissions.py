"""Idempotent form submissions (issue 13): a double click, or a browser sending a form again,
records once.

Every form that creates something renders `{% form_token %}` (core/templatetags/submissions.py): a
hidden random token, new with each rendering. A POST that carries one is run by
`SubmissionOnceMiddleware` in one transaction that first inserts a `Submission` row whose unique key
is the user, the path, and everything sent (token included). The same form sent again collides with
that key: it waits until the first has finished, then gets the first one's redirect and a message,
and the view does not run again. A form that was not saved (it came back with errors, or anything
but a redirect) leaves no row, so it can be corrected and sent again. The same token with other
content (the form changed after the browser's back button) is a new submission. A POST without a
token (an API client, a test) is untouched.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseRedirectBase
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "submission_token"
#: How long a submission is remembered: far longer than any double click or retry.
KEEP = timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(16)


def submission_key(request: HttpRequest) -> str:
    sent = [
        request.user.pk,
        request.path,
        sorted(request.POST.lists()),
        sorted((name, [(f.name, f.size) for f in files]) for name, files in request.FILES.lists()),
    ]
    return hashlib.sha256(json.dumps(sent).encode()).hexdigest()


class SubmissionOnceMiddleware:
    """Runs a POST that carries a form token at most once (see the module's docstring). It sits after
    the route access check; for such a POST it calls the view itself, inside its transaction."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # A view exempt from CSRF (an API) reads its own body: leave it alone.
        if (
            request.method != "POST"
            or getattr(view_func, "csrf_exempt", False)
            or not request.user.is_authenticated
            or not request.POST.get(FIELD)
        ):
            return None
        key = submission_key(request)
        with transaction.atomic():
            try:
                with transaction.atomic():  # waits here while the same form is still being saved
                    submission = Submission.objects.create(
                        key=key, user=request.user, path=request.path[:200]
                    )
            except IntegrityError:
                first = Submission.objects.get(key=key)
                messages.info(
                    request,
                    _("Already recorded: this form was sent more than once and saved once."),
                )
                return HttpResponseRedirect(first.response_location)
            response = view_func(request, *view_args, **view_kwargs)
            if isinstance(response, HttpResponseRedirectBase):
                submission.response_location = response["Location"]
                submission.save(update_fields=["response_location"])
            else:
                submission.delete()  # not saved (errors shown again): it may be sent again
            return response
