"""Fresh authentication before a sensitive action ("sudo mode", style.md §2.6).

A download of a whole dossier at once (the access request, the re-integration report bundle) asks
for the password again, and the second factor where the user has one, unless the user proved who
they are within REAUTH_MAX_AGE seconds: a session left open on a shared computer then yields no
export. Every login stamps the session (`stamp_login`, on Django's user_logged_in), and so does the
re-authentication page, which logs in again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

#: When the user last proved who they are, as a POSIX timestamp (sessions hold JSON).
SESSION_KEY = "openverzuim_authenticated_at"


def stamp_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Receiver of user_logged_in: a login is an authentication (None: a login without a request)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = timezone.now().timestamp()


def recently_authenticated(request: HttpRequest) -> bool:
    stamped = request.session.get(SESSION_KEY)
    return stamped is not None and timezone.now().timestamp() - stamped < settings.REAUTH_MAX_AGE


#: A view, whatever response it gives (a page, or a file as a FileResponse).
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def recent_login_required(view: View) -> View:
    """Run `view` only after a recent authentication; otherwise ask for one, then come back."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if recently_authenticated(request):
            return view(request, *args, **kwargs)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:reauthenticate')}?{query}")

    return guarded  # type: ignore[return-value]  # wraps() keeps the view's signature
