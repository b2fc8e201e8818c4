"""Throttles that slow a guesser and cannot be turned against the person guessed at (issue 13,
finding 7).

- The client's address: behind `TRUSTED_PROXY_COUNT` reverse proxies, each appending the address it
  received the request from to `X-Forwarded-For`, the client is the entry that many places from
  its end (django-ipware picks it); entries further left are whatever the client itself sent. With
  no trusted proxy the header is ignored and the connection's own address counts. django-axes
  reads the address here (AXES_CLIENT_IP_CALLABLE), so a lock-out is per user name and the real
  address: nobody locks a user out from elsewhere.
- Per user name alone there is no lock, only a delay that grows with the failures from every
  address together and stops at LOGIN_DELAY_MAX_SECONDS: it slows a guesser spread over many
  addresses, and the user still gets in.
- Password-reset requests are limited per address and per e-mail address (`allow`).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str:
    """The address the request came from, read behind the trusted proxies only."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        # ipware counts the proxies *inside* the header: the first trusted one appends the client
        # itself and the connection comes from the last, so the header holds proxies - 1 of them.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")


def login_delay(username: str | None) -> int:
    """Seconds to wait before checking a password for `username`: none up to the lock-out limit
    of failures (counted over every address within the cool-off time), then doubling from 1."""
    if not username:
        return 0
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        or 0
    )
    excess = failures - settings.AXES_FAILURE_LIMIT
    if excess < 0:
        return 0
    return min(2 ** min(excess, 16), settings.LOGIN_DELAY_MAX_SECONDS)


def allow(scope: str, key: str, limit: int, window: int = 3600) -> bool:
    """Count one request for (`scope`, `key`) and say whether it is within `limit` per `window`
    seconds. The key is hashed: an e-mail address is no cache key and is not kept in the cache."""
    name = f"throttle:{scope}:{hashlib.sha256(key.strip().lower().encode()).hexdigest()}"
    cache.add(name, 0, window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: a new window
        cache.set(name, 1, window)
        count = 1
    return count <= limit
