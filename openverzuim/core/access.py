"""Who may open which route: one declaration per URL name, collected from every app's `access.py`.

Each app declares its routes in `openverzuim/<app>/access.py` as ``ROUTES = {"app:name": Access(...)}``.
`route_table()` gathers them. The permission matrix (tests/privacy) walks every URL pattern of the
project and fails for a route without a declaration; object-level scoping (which case, which
employee) stays in the selectors, which answer a miss with a 404 (style.md §2.6).

Roles are the values of `openverzuim.accounts.roles.Role`, as plain strings: core sits below accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps

#: What a route is about, and so which objects a role reaches through it.
SCOPES = (
    "public",         # anyone, logged in or not (home page, health check, login)
    "authenticated",  # any logged-in user; the page shows only the user's own things
    "organisation",   # pages about an organisation the user holds one of `roles` in
    "case",           # pages about one dossier, scoped by the case selector
    "own",            # the employee's own dossier (portal)
    "medical",        # the physician's vault: never an employer-side role
    "system",         # configuration, no dossier content
)


@dataclass(frozen=True, slots=True)
class Access:
    """A route's declaration: the roles that reach it at all, and the scope within which they do."""

    scope: str
    roles: frozenset[str] = frozenset()
    note: str = ""

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}; expected one of {SCOPES}")
        if self.scope in ("public", "authenticated") and self.roles:
            raise ValueError(f"a {self.scope} route names no roles")


def access(scope: str, *roles: str, note: str = "") -> Access:
    return Access(scope=scope, roles=frozenset(str(role) for role in roles), note=note)


@cache
def route_table() -> dict[str, Access]:
    """Every app's ROUTES, merged; a URL name declared twice is an error."""
    table: dict[str, Access] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("openverzuim."):
            continue
        try:
            module = import_module(f"{config.name}.access")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.access":
                raise
            continue
        for name, declaration in module.ROUTES.items():
            if name in table:
                raise ValueError(f"route {name!r} is declared twice")
            table[name] = declaration
    return table
