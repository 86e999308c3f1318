"""A rate limit on the endpoints that queue ML work (training, re-categorisation)."""

from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle

from conference.models import ApiToken


class MLWorkThrottle(SimpleRateThrottle):
    """Scope "ml" (REST_FRAMEWORK's DEFAULT_THROTTLE_RATES): per token, or per user signed in.

    The one-job-at-a-time rules bound what runs; this bounds how often a script asks.
    """

    scope = "ml"

    def get_cache_key(self, request, view):
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return None  # reads are not limited; anonymous requests are refused anyway
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
