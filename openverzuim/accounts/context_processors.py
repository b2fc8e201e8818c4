"""`reachable`: the URL names the user's roles may open, so templates show only links that work."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from openverzuim.core.routes import route_table

from .policies import roles_of


def _reachable(request: HttpRequest) -> frozenset[str]:
    user = request.user
    if not user.is_authenticated:
        return frozenset()
    roles = getattr(request, "user_roles", None)
    if roles is None:  # a page rendered outside the middleware (an error page)
        roles = roles_of(user)
    return frozenset(
        name
        for name, declaration in route_table().items()
        if declaration.scope in ("public", "authenticated")
        or (declaration.scope == "system" and user.is_staff)
        or roles & declaration.roles
    )


def reachable(request: HttpRequest) -> dict:
    return {"reachable": SimpleLazyObject(lambda: _reachable(request))}
