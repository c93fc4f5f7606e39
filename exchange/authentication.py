"""`Authorization: Api-Key <key>` for merchants' programs."""

import hmac
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.throttling import BaseThrottle

from accounts.models import Membership, Merchant

from .models import ApiKey

LAST_USED_PRECISION = timedelta(minutes=1)


def _failure_limit() -> tuple[int, int]:
    """(failed attempts, seconds): past that many wrong keys from one address, no key is tried from it."""
    count, seconds = getattr(settings, "API_KEY_FAILURES", (20, 600))
    return int(count), int(seconds)


class KeyGuessing:
    """Wrong API keys counted per client address, in the cache (an outage of it only lifts the limit)."""

    def __init__(self, request):
        self.key = "apikey-failures:" + (BaseThrottle().get_ident(request) or "unknown")

    def refuse_if_over(self) -> None:
        limit, seconds = _failure_limit()
        if (cache.get(self.key) or 0) >= limit:
            # Even a right key is refused now: an answer that differed would tell the guesser it had won.
            raise exceptions.Throttled(
                wait=seconds,
                detail=_("Too many wrong API keys from your address. Try again in %(minutes)s minutes.")
                % {"minutes": max(1, seconds // 60)},
            )

    def count_failure(self) -> None:
        _limit, seconds = _failure_limit()
        if cache.add(self.key, 1, timeout=seconds):
            return
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add and incr
            cache.add(self.key, 1, timeout=seconds)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(self.keyword + " "):
            return None
        guessing = KeyGuessing(request)
        guessing.refuse_if_over()
        secret = header[len(self.keyword) + 1 :].strip()
        prefix = secret.split(".", 1)[0]
        key = ApiKey.objects.select_related("merchant", "created_by").filter(prefix=prefix, revoked_at__isnull=True).first()
        if key is None or not hmac.compare_digest(key.hashed_key, ApiKey.hash(secret)):
            guessing.count_failure()
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API key."))
        # The key acts as its creator: only while they are active and still in the organisation.
        membership = Membership.objects.filter(user_id=key.created_by_id, merchant_id=key.merchant_id).first()
        if not key.created_by.is_active or membership is None:
            ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
            raise exceptions.AuthenticationFailed(
                _("This API key was revoked: the person who created it is no longer an active member of the organisation.")
            )
        if key.merchant.status == Merchant.Status.SUSPENDED:
            raise exceptions.PermissionDenied(
                _("Your organisation is suspended; its API keys work again when staff reinstate it.")
            )
        now = timezone.now()
        # "Last used" is shown to the minute: one write per key per minute, not one per request.
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        membership.merchant = key.merchant
        request.api_merchant = key.merchant
        request.api_membership = membership
        return key.created_by, key

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "exchange.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "`Api-Key <key>`"}
