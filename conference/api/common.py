"""Shared pieces of the API views."""

from functools import cached_property

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from conference.models import Conference

SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=r"^[-a-zA-Z0-9_]+$"
)


class ConferenceMixin:
    """A view below /conferences/<slug>/: `self.conference`, 404 when there is none."""

    @cached_property
    def conference(self) -> Conference:
        return get_object_or_404(Conference, slug=self.kwargs["slug"])

    @property
    def is_schema_view(self) -> bool:
        return getattr(self, "swagger_fake_view", False)
