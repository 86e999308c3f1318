"""Rate limits on writes made with a personal token (scripts, not people at a browser)."""

from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle

from conference.models import ApiToken


class TokenWriteThrottle(SimpleRateThrottle):
    scope = "token_write"

    def get_cache_key(self, request, view):
        if request.method in SAFE_METHODS or not isinstance(request.auth, ApiToken):
            return None  # not throttled
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
