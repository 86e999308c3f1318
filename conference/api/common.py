"""Shared pieces of the API views."""

from functools import cached_property

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from conference.models import Conference

# The URL prefix of everything about one conference.
CONFERENCE = "conferences/<slug:slug>/"

SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=r"^[-a-zA-Z0-9_]+$"
)


class ConferenceMixin:
    """A view below /conferences/<slug>/: `self.conference`, 404 when there is none."""

    # (Not in the docstring: views without one show it in the schema.) Date-times are read and
    # written in the conference's time zone, as on its pages (conference.access.conference_view).

    @cached_property
    def conference(self) -> Conference:
        return get_object_or_404(Conference, slug=self.kwargs["slug"])

    @property
    def is_schema_view(self) -> bool:
        return getattr(self, "swagger_fake_view", False)

    def initial(self, request, *args, **kwargs):
        # After authentication and the permission classes: an anonymous caller of an unknown
        # conference still gets 401, not 404.
        super().initial(request, *args, **kwargs)
        timezone.activate(self.conference.tzinfo)

    def finalize_response(self, request, response, *args, **kwargs):
        # Called for every answer, errors included; the views' data is serialised by now.
        timezone.deactivate()
        return super().finalize_response(request, response, *args, **kwargs)
