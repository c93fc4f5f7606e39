"""Site-wide pages: the home page, the health check, the API's root and the error pages.

Error pages under /api/ answer JSON in the API's one error shape (config/errors.py), in the
reader's language; everywhere else they are the site's translated HTML pages.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from kombu.exceptions import OperationalError as BrokerError
from rest_framework import exceptions as drf_exceptions

from accounts.decorators import public
from accounts.models import User
from config.celery import app as celery_app
from config.errors import json_error
from config.parsers import PayloadTooLarge


@public(methods=frozenset({"POST"}))
@require_POST
def language_set(request):
    """Switch the language of this browser and, for a signed-in person, of their account (e-mails too)."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {code for code, _ in settings.LANGUAGES}:
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response


@public
def home(request):
    return render(request, "home.html")


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return False, exc.__class__.__name__
    return True, connection.vendor


def _broker_ok() -> tuple[bool, str]:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except (BrokerError, OSError) as exc:
        return False, exc.__class__.__name__
    return True, "redis" if settings.REDIS_URL else "filesystem"


@public
def healthz(request):
    database_ok, database = _database_ok()
    broker_ok, broker = _broker_ok()
    healthy = database_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": {"ok": database_ok, "detail": database},
            "broker": {"ok": broker_ok, "detail": broker},
        },
        status=200 if healthy else 503,
    )


# --- the API's root and its JSON errors ------------------------------------------------------------


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def _too_large_message() -> str:
    return str(PayloadTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).detail)


@public
def api_root(request):
    """`/api/v1/`: where the schema and its documentation are."""
    return JsonResponse(
        {
            "version": "v1",
            "schema": request.build_absolute_uri(reverse("api-schema")),
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "authentication": _("Send Authorization: Api-Key <key>; keys are made on the merchant dashboard."),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@public(methods=frozenset({"GET", "POST"}))
@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any /api/ address no route serves: a JSON 404 even with DEBUG on (Django's debug page is HTML)."""
    return json_error(404, "not_found", drf_exceptions.NotFound.default_detail)


def bad_request(request, exception, template_name="400.html"):
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return json_error(413, "too_large", _too_large_message())
        return json_error(400, "bad_request", _("The request could not be understood."))
    return defaults.bad_request(request, exception, template_name=template_name)


def permission_denied(request, exception, template_name="403.html"):
    if is_api(request):
        message = str(exception) if exception and str(exception) else drf_exceptions.PermissionDenied.default_detail
        return json_error(403, "permission_denied", message)
    return defaults.permission_denied(request, exception, template_name=template_name)


def page_not_found(request, exception, template_name="404.html"):
    if is_api(request):
        return json_error(404, "not_found", drf_exceptions.NotFound.default_detail)
    return defaults.page_not_found(request, exception, template_name=template_name)


def server_error(request, template_name="500.html"):
    if is_api(request):
        return json_error(500, "server_error", _("Something went wrong on our side; the error has been logged."))
    return defaults.server_error(request, template_name=template_name)
