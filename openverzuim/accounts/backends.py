"""Login throttling (django-axes) for logins that come through a web request.

axes refuses an `authenticate()` call without a request. Calls without one are not logins from the
network (the test client's `login()`, a management command, the shell): nothing to throttle, so this
backend leaves them to the next backend instead of failing them. Every login form passes the request.

axes locks a user name out only together with the address (settings.AXES_LOCKOUT_PARAMETERS); on
top of that, failures for the user name from every address together slow each next try down
(throttle.login_delay), which never locks anyone out.
"""

from __future__ import annotations

from time import sleep

from axes.backends import AxesStandaloneBackend

from . import throttle


class ThrottledLoginBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        # Raises when this user name is locked out from this address; a lock-out is not slowed.
        super().authenticate(request, username=username, password=password, **kwargs)
        delay = throttle.login_delay(username)
        if delay:
            sleep(delay)
        return None
