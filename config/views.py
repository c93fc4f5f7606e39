"""Site-wide pages: the home page and the health check."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from kombu.exceptions import OperationalError as BrokerError

from accounts.decorators import public
from accounts.models import User
from config.celery import app as celery_app


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
