"""The OpenAPI schema: every operation also documents the one error body of its 4xx answers."""

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS

from conference.api.exceptions import ErrorSerializer


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404"]
        if self.method not in SAFE_METHODS:
            codes += ["409", "429"]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses
