"""Enforces the route declarations (core/routes.py) on every request, before the view runs.

An undeclared route is refused; an anonymous visitor goes to the login page; a role the route does
not name gets a 404 (a 403 would reveal that the page or object exists, style.md §2.6). A user with
a medical role works only after the second factor (django-otp) is verified, and so does anyone who
set up an authenticator. Object-level scoping
stays with the selectors, which answer a miss with a 404 as well.

It also names the route for the audit trail (accounts.audit.current_route) while the request is
served, so that a service recording its own write names the page that called it, and it records
the reads the page noted (accounts.audit.note_read) once the view has answered: none when the view
raised (a 404 included) or the answer is a server error.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from openverzuim.core.routes import declaration_for

from . import audit
from .http import RoutedHttpRequest
from .policies import roles_of, start_request_memo
from .roles import MEDICAL_ROLES

#: Pages a logged-in user who still owes the second factor may open. Even the public front page
#: is not among them: for a logged-in user it is their worklist.
SECOND_FACTOR_PAGES = frozenset({"accounts:two_factor_verify", "logout", "set_language", "healthz"})
#: And for a user who has no authenticator yet, the page that sets one up. Never for one who has:
#: a new device added with the password alone would make the second factor worthless (issue 13).
SETUP_PAGE = "accounts:two_factor_setup"


class RouteAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit.set_route("")
        try:
            response = self.get_response(request)
            if response.status_code < 500:
                audit.record_noted_reads(request)
            return response
        finally:
            audit.reset_route(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        audit.drop_noted_reads(request)

    def process_view(self, request: RoutedHttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:  # Django resolves the route before process_view; refused all the same
            raise Http404("route without an access declaration")
        audit.set_route(match.view_name)
        declaration = declaration_for(match.view_name if match.url_name else None, match.namespaces)
        if declaration is None:
            raise Http404("route without an access declaration")
        if declaration.scope == "api":
            return None  # the API authenticates its key and asks the policy table itself
        user = request.user
        start_request_memo(user)
        # Read once per request; the menu (context_processors.reachable) uses it too.
        request.user_roles = roles = roles_of(user)
        if (
            user.is_authenticated
            and not user.is_verified()
            and match.view_name not in SECOND_FACTOR_PAGES
        ):
            # Required for a medical role; for anyone else once they set up an authenticator,
            # or the second step they chose would protect nothing.
            has_device = user_has_device(user, confirmed=True)
            if has_device or (roles & set(MEDICAL_ROLES) and match.view_name != SETUP_PAGE):
                step = "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        if declaration.scope == "public":
            return None
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if declaration.scope == "authenticated":
            return None
        if declaration.scope == "system":
            if user.is_staff:
                return None
            raise Http404
        if roles & declaration.roles:
            return None
        raise Http404
