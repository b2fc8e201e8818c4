"""A notification in words and as a link: rendered when read, in the reader's language."""

from __future__ import annotations

from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from openverzuim.core.i18n import engine_language
from openverzuim.core.routes import declaration_for
from openverzuim.law.explain import MILESTONE_NAMES

from .kinds import KINDS
from .models import Notification


def _param(kind, name: str, value) -> str:
    if name in kind.dates:
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except (TypeError, ValueError):
            return str(value)
    if name in kind.msgids:
        return gettext(value)
    if name in kind.milestones:
        return MILESTONE_NAMES[engine_language()].get(value, value)
    return str(value)


def render(notification: Notification) -> str:
    """The kind's fixed sentence in the active language, its parameters filled in."""
    kind = KINDS[notification.kind]
    params = {name: _param(kind, name, value) for name, value in notification.params.items()}
    return gettext(kind.text) % params


def link(notification: Notification, roles: set[str], staff: bool = False) -> str:
    """The page the notification is about, if the recipient's roles reach its route; else "".
    (Which case she may open, the producer decided by choosing her: the route is checked here,
    as the menu checks it, so that a lost role leaves no dead link.)"""
    if not notification.route:
        return ""
    try:
        path = reverse(notification.route, args=notification.route_args)
    except NoReverseMatch:
        return ""
    app, _sep, _name = notification.route.rpartition(":")
    declaration = declaration_for(notification.route, [app] if app else [])
    if declaration is None:
        return ""
    if declaration.scope in ("public", "authenticated") or (
        declaration.scope == "system" and staff
    ):
        return path
    return path if roles & declaration.roles else ""
