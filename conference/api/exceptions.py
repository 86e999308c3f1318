"""One error format for every 4xx: {"detail": "...", "errors": {field: [...]}}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The object changed meanwhile.")
    default_code = "conflict"


def _as_lists(detail) -> dict:
    """DRF's nested error details as {field: [message, ...]} (nested fields get dotted keys)."""
    if isinstance(detail, dict):
        flat = {}
        for field, value in detail.items():
            if isinstance(value, dict):
                for sub, messages in _as_lists(value).items():
                    flat[f"{field}.{sub}"] = messages
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub, messages in _as_lists(item).items():
                        flat[f"{field}.{index}.{sub}"] = messages
            else:
                flat[field] = [str(m) for m in (value if isinstance(value, list) else [value])]
        return flat
    if isinstance(detail, list):
        return {NON_FIELD: [str(m) for m in detail]}
    return {NON_FIELD: [str(detail)]}


def _from_django(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {
            (NON_FIELD if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = error.messages
    if getattr(error, "code", None) == "stale":
        return Conflict(" ".join(error.messages))
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    """DRF's handler, after mapping the services' Django exceptions, in the one error shape."""
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _as_lists(exc.detail)
        if set(errors) == {NON_FIELD}:
            detail = " ".join(errors[NON_FIELD])
        else:
            detail = _("The input is not valid.")
        response.data = {"detail": detail, "errors": errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = {"detail": str(detail), "errors": {}}
    return response


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (for the schema)."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
