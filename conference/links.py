"""Absolute links for e-mails: SITE_URL when it is set, else the address the request came to.

A mail is written while the request that caused it runs (it is sent later, by a worker), so
`RequestOriginMiddleware` keeps that request for the time it runs and `absolute_url` builds
links on its scheme and host: the same server reached as http://192.168.1.5:8000 mails links
that work from that network, without anybody setting SITE_URL. Outside a request (workers,
management commands) there is nothing to follow and FALLBACK_URL is used.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

FALLBACK_URL = "http://127.0.0.1:8000"

_request: ContextVar[HttpRequest | None] = ContextVar("link_request", default=None)


def site_url() -> str:
    """The scheme and host links start with, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    request = _request.get()
    if request is not None:
        try:
            # The host is checked against ALLOWED_HOSTS, so a forged Host header cannot put
            # another site into a password-reset link.
            return f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            pass
    return FALLBACK_URL


def absolute_url(path: str) -> str:
    """`path` (starting with /) as a link that works from a mail."""
    return site_url() + path


class RequestOriginMiddleware:
    """Makes the current request's scheme and host known to `absolute_url`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
