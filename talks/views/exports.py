"""The organisers' downloads of a conference's submissions with scores, reviews and answers."""

from django.http import HttpResponse
from django.utils import timezone

from conference.access import conference_view
from conference.rules import is_organiser
from talks import exports


def _download(body: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(conference, suffix: str) -> str:
    return f"{conference.slug}-submissions-{timezone.now():%Y%m%d}.{suffix}"


# Organisers only: the rows carry every reviewer's scores and comments and the speakers'
# e-mail addresses, which reviewers do not see of each other (or at all, when anonymised).
@conference_view(is_organiser)
def submissions_export_csv(request, conference):
    export = exports.submission_export(conference=conference)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese names).
    return _download(
        "\ufeff" + exports.submissions_csv(export),
        content_type="text/csv; charset=utf-8",
        filename=_filename(conference, "csv"),
    )


@conference_view(is_organiser)
def submissions_export_json(request, conference):
    export = exports.submission_export(conference=conference)
    return _download(
        exports.submissions_json(export, conference=conference),
        content_type="application/json; charset=utf-8",
        filename=_filename(conference, "json"),
    )
