"""The request types the views and the route middleware see, for the type checker.

Django types `request.user` as a user or the anonymous user. Behind login the route middleware
(middleware.RouteAccessMiddleware) lets only a signed-in user through, and it reads the user's roles
once per request; these classes say so, so that a view passes `request.user` on as a `User`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from .models import User

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # in `typing` from Python 3.13


class RoutedHttpRequest(HttpRequest):
    """Any request once the route middleware has read the user's roles (none when anonymous)."""

    user_roles: set[str]


class AuthenticatedHttpRequest(RoutedHttpRequest):
    """A request to a page behind login: the user is signed in."""

    user: User


def signed_in(request: HttpRequest) -> TypeIs[AuthenticatedHttpRequest]:
    """Whether a signed-in user made the request, for a page that serves visitors too."""
    return request.user.is_authenticated
