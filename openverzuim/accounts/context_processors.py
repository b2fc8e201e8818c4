"""`reachable`: the URL names the user's roles may open, so templates show only links that work."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from openverzuim.core.access import route_table

from .policies import roles_of


def _reachable(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    roles = roles_of(user)
    return frozenset(name for name, declaration in route_table().items()
                     if declaration.scope in ("public", "authenticated")
                     or (declaration.scope == "system" and user.is_staff)
                     or roles & declaration.roles)


def reachable(request: HttpRequest) -> dict:
    return {"reachable": SimpleLazyObject(lambda: _reachable(request.user))}
