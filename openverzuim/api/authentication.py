"""`Authorization: Bearer <key>`: the key's principal is the request's user, the key its `auth`."""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiKey
from .services import api_key_for


class ApiKeyAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as: Authorization: Bearer <key>.")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The key is not valid.") from None
        api_key = api_key_for(key)
        if api_key is None:
            raise exceptions.AuthenticationFailed("The key is not valid or was revoked.")
        return api_key.principal, api_key

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'  # so a missing key answers 401, not 403


class HasApiKey(BasePermission):
    """Only a key reaches the API; what it reaches is the policy's, in each view's queryset."""

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiKey)


class ApiKeyRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT_PER_MINUTE calls per key (by its prefix) in the cache; past it 429 with
    Retry-After (DRF's Throttled)."""

    scope = "api_key"

    def get_rate(self) -> str:
        return f"{settings.API_RATE_LIMIT_PER_MINUTE}/min"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return None
        return f"throttle_api_key_{request.auth.prefix}"
