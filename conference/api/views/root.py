"""/api/v1/ itself: what the API offers, grouped, with links to its documentation and schema.

The groups are read from the URL patterns of the `api` namespace at run time, so an endpoint
that an app adds shows up here without this module naming (or importing) the app.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.views.public import PUBLIC

# <slug:slug> → {slug}, as the OpenAPI paths write it.
ARGUMENT = re.compile(r"<(?:[^>:]+:)?([^>]+)>")
CONFERENCE_PREFIX = "conferences/{slug}/"


class EndpointSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(help_text="Absolute; {slug} and {pk} stand for values.")


class GroupSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="The path below /api/v1/ that the group shares.")
    url = serializers.CharField(help_text="Its first endpoint's address.")
    endpoints = EndpointSerializer(many=True)


class ApiRootSerializer(serializers.Serializer):
    version = serializers.CharField()
    docs = serializers.URLField()
    redoc = serializers.URLField()
    schema = serializers.URLField()
    groups = GroupSerializer(many=True)


def _api_routes() -> list[tuple[str, str]]:
    """(name, route below /api/v1/ with {placeholders}) of every pattern of the namespace."""
    resolver = get_resolver()
    _prefix, api = resolver.namespace_dict["api"]
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name and pattern.name != "root":
                routes.append((pattern.name, ARGUMENT.sub(r"{\1}", prefix + str(pattern.pattern))))

    walk(api.url_patterns, "")
    return routes


def _group_of(route: str) -> str:
    """conferences/{slug}/tracks/... → conferences/{slug}/tracks; submissions/... → submissions;
    the conference list and one conference → conferences."""
    if route.startswith(CONFERENCE_PREFIX) and route != CONFERENCE_PREFIX:
        return CONFERENCE_PREFIX + route[len(CONFERENCE_PREFIX) :].split("/", 1)[0]
    return route.split("/", 1)[0]


def api_groups(*, base: str) -> list[dict]:
    """The endpoint groups in the order the URL list has them; `base` is /api/v1/'s address."""
    groups: dict[str, dict] = {}
    for name, route in _api_routes():
        key = _group_of(route)
        url = base + route
        group = groups.setdefault(key, {"group": key, "url": url, "endpoints": []})
        group["endpoints"].append({"name": name, "url": url})
    return list(groups.values())


@extend_schema(tags=[PUBLIC], responses=ApiRootSerializer)
class ApiRoot(APIView):
    """The API's endpoint groups with their addresses, and links to its documentation and
    OpenAPI schema. Public."""

    permission_classes = [AllowAny]

    def get(self, request):
        base = request.build_absolute_uri(reverse("api:root"))
        return Response(
            {
                "version": "v1",
                "docs": request.build_absolute_uri(reverse("swagger-ui")),
                "redoc": request.build_absolute_uri(reverse("redoc")),
                "schema": request.build_absolute_uri(reverse("schema")),
                "groups": api_groups(base=base),
            }
        )
