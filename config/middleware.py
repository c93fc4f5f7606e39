"""Site-wide request guards."""

from django.conf import settings

from .errors import json_error
from .parsers import PayloadTooLarge


class ApiBodyLimitMiddleware:
    """A body declared larger than the API accepts gets a JSON 413 before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > settings.API_MAX_BODY_BYTES:
                return json_error(413, "too_large", PayloadTooLarge().detail)
        return self.get_response(request)
