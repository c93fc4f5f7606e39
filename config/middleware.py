"""Site-wide request guards: API body size, no-store for personal answers, session time limits."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

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


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a signed-in person and on every file download.

    Personal pages, API answers to a key or a session, resumes, invoices, statements and receipts
    must not stay in a browser's or a proxy's cache. A view that wants caching says so by setting
    Cache-Control itself; downloads (an attachment, or a streamed file) are never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_download(response):
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, no_store=True, private=True)
        elif not response.has_header("Cache-Control") and _signed_in(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def is_download(response) -> bool:
    return response.streaming or "attachment" in response.get("Content-Disposition", "")


def _signed_in(request) -> bool:
    # After an API view, request.user is whoever the API key or session authenticated (DRF sets it).
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SessionTimeoutMiddleware:
    """A signed-in session ends after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS after sign-in.

    The person is signed out and sent to the sign-in page with a message saying why, in their
    language; under /api/ the call simply goes on unauthenticated (a 401). API keys carry no
    session and are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            started = session.get(SESSION_STARTED)
            seen = session.get(SESSION_SEEN)
            if started is None:
                session[SESSION_STARTED] = started = now
            reason = None
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                hours = settings.SESSION_ABSOLUTE_SECONDS // 3600
                reason = ngettext(
                    "You were signed out %(hours)d hour after signing in. Please sign in again.",
                    "You were signed out %(hours)d hours after signing in. Please sign in again.",
                    hours,
                ) % {"hours": hours}
            elif seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
                minutes = settings.SESSION_IDLE_SECONDS // 60
                reason = _("You were signed out after %(minutes)d minutes without activity. Please sign in again.") % {
                    "minutes": minutes
                }
            if reason is not None:
                return self._expire(request, reason)
            if seen is None or now - seen >= SEEN_GRANULARITY:
                session[SESSION_SEEN] = now  # written at most once a minute: the idle clock slides
        return self.get_response(request)

    def _expire(self, request, reason: str):
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # now anonymous: the API answers 401
        messages.warning(request, reason)
        login = redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(login["Location"])
        return login


SESSION_STARTED = "_session_started_at"
SESSION_SEEN = "_session_seen_at"
SEEN_GRANULARITY = 60


@receiver(user_logged_in)
def _session_clock_start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now
