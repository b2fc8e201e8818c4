"""No copy of a page about a person is kept by a browser or a proxy (issue 13 finding 8)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from .routes import declaration_for


class PrivateCacheMiddleware:
    """`Cache-Control: no-store, private` (and no-cache, max-age=0) on every response to a logged-in
    user and on every route that is not public (core/routes.py): dossier pages, PDFs, ZIPs,
    exports. A public route whose address carries a token or names an object (the calendar feed,
    an invitation link) counts as private too. Only a plain public page (the home page, the login)
    shown to an anonymous visitor may be cached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or not self._public(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _public(request: HttpRequest) -> bool:
        match = request.resolver_match
        if match is None:
            return True  # no route (a 404 for an unknown address): nothing about anyone
        declaration = declaration_for(match.view_name if match.url_name else None, match.namespaces)
        return declaration is not None and declaration.scope == "public" and not match.kwargs
