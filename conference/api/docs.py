"""The API's documentation pages, served from this server's files alone."""

from drf_spectacular.views import SpectacularRedocView

# ReDoc's bundle shows Redocly's logo from their CDN; it hides the image when the load fails,
# so a policy that allows this server's files alone keeps the page whole and offline.
REDOC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        # ReDoc writes its styles into the page at run time, and searches in a blob: worker.
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "worker-src 'self' blob:",
    ]
)


class OfflineRedocView(SpectacularRedocView):
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_POLICY
        return response
