"""Error pages: the site's own for people, the API's error format below /api/.

Django calls these for 400, 403, 404 and 500 (handler400 ... in conference/urls.py);
`LongUrlMiddleware` answers 414 itself, before any view, for a path nobody could have linked.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# gunicorn refuses request lines above 8,190 bytes with its own plain 414 (its
# limit_request_line, set in docker-compose.yml and the Dockerfile); below that, this answers.
MAX_URL_LENGTH = 4096

MESSAGES = {
    400: _("The request could not be understood."),
    403: _("You may not see this page."),
    404: _("There is nothing here."),
    405: _("This method is not allowed here."),
    414: _("The address is too long."),
    500: _("Something went wrong on our side. It is logged; please try again in a moment."),
}


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def api_error(detail: str, status: int) -> JsonResponse:
    """An error in the API's one format (conference/api/exceptions.py), outside DRF."""
    return JsonResponse({"detail": str(detail), "errors": {}}, status=status)


def error_response(request, status: int):
    message = str(MESSAGES[status])
    if is_api(request):
        return api_error(message, status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    return error_response(request, 403)


def page_not_found(request, exception=None):
    return error_response(request, 404)


def server_error(request):
    # Rendered without the request's context processors: they may be what failed.
    if is_api(request):
        return api_error(MESSAGES[500], 500)
    return HttpResponse(render_to_string("500.html"), status=500)


class LongUrlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.get_full_path()) > MAX_URL_LENGTH:
            return error_response(request, 414)
        return self.get_response(request)
