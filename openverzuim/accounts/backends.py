"""Login throttling (django-axes) for logins that come through a web request.

axes refuses an `authenticate()` call without a request. Calls without one are not logins from the
network (the test client's `login()`, a management command, the shell): nothing to throttle, so this
backend leaves them to the next backend instead of failing them. Every login form passes the request.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
