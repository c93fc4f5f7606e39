"""One error family for the whole exchange, mapped to HTTP in one place.

Services raise `ApplicationError` subclasses with a stable `code` and a
translatable message; views show the message, the API renders
`{"error": {"code", "message", "fields"}}` with the class's HTTP status.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApplicationError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: Any, *, code: str | None = None, fields: dict | None = None):
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class NotFoundError(ApplicationError):
    code = "not_found"
    status = 404


class ForbiddenError(ApplicationError):
    code = "forbidden"
    status = 403


class ConflictError(ApplicationError):
    code = "conflict"
    status = 409


def error_body(code: str, message: Any, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def json_error(status: int, code: str, message: Any) -> JsonResponse:
    """The same error body from plain Django views and middleware (error pages under /api/)."""
    return JsonResponse(error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False})


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body("invalid", drf_exceptions.ValidationError.default_detail, fields)
    else:
        detail = getattr(exc, "detail", str(exc))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = error_body(code, detail)
    return response


# --- one error shape, documented once ---------------------------------------------------------------


class ErrorBody(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.JSONField())


class ErrorOutput(serializers.Serializer):
    error = ErrorBody()


_ERROR_EXAMPLE = OpenApiExample(
    "Error", value={"error": {"code": "not_found", "message": "No such order.", "fields": {}}}, response_only=True
)


def error_responses(*codes: int) -> dict:
    """OpenAPI responses for the error statuses an endpoint can answer with."""
    descriptions = {
        400: "Invalid input",
        401: "Missing or invalid API key",
        402: "Wallet balance too low",
        403: "Not allowed",
        404: "Not found (also for another merchant's objects)",
        409: "Conflict",
        410: "Gone",
        422: "Idempotency-Key reused with another request",
        429: "Too many requests",
        503: "A service the answer needs (the file store) is not answering; try again shortly",
    }
    return {code: OpenApiResponse(ErrorOutput, description=descriptions[code], examples=[_ERROR_EXAMPLE]) for code in codes}
