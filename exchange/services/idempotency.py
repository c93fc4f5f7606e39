"""Idempotency keys of the merchant API, kept like Stripe's: the first response of any request that
began executing (a success, a 402, a validation error) is stored and replayed for the same key and
body; a key is kept for `EXCHANGE["IDEMPOTENCY_KEY_HOURS"]` (24), then purged by beat."""

import hashlib
import json
from datetime import datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Merchant

from ..models import ApiIdempotency


def idempotency_window() -> timedelta:
    return timedelta(hours=settings.EXCHANGE.get("IDEMPOTENCY_KEY_HOURS", 24))


def request_fingerprint(*, method: str, path: str, data) -> str:
    """What a request asks for (method, path, body), so that a key reused for another request is caught."""
    if hasattr(data, "lists"):  # a form body: every value of every field
        data = {name: values for name, values in data.lists()}
    body = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(f"{method.upper()} {path}\n{body}".encode()).hexdigest()


def idempotency_stored(*, merchant: Merchant, key: str, now: datetime | None = None) -> ApiIdempotency | None:
    """The stored first response for `key`, if it is younger than the window (an older one no longer counts)."""
    stored = ApiIdempotency.objects.filter(merchant=merchant, key=key).first()
    if stored is None:
        return None
    if stored.created_at < (now or timezone.now()) - idempotency_window():
        # Expired but not purged yet: the key is free again, as if beat had already removed it.
        ApiIdempotency.objects.filter(pk=stored.pk).delete()
        return None
    return stored


def idempotency_record(*, merchant: Merchant, key: str, fingerprint: str, status_code: int, body) -> bool:
    """Store the first response for `key`; False when a parallel request with the same key stored its own first."""
    body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))  # error messages may be lazy translations
    try:
        with transaction.atomic():
            ApiIdempotency.objects.create(merchant=merchant, key=key, fingerprint=fingerprint, status_code=status_code, body=body)
    except IntegrityError:
        return False
    return True


def idempotency_keys_purge(*, now: datetime | None = None) -> int:
    """Beat job: forget every key older than the window. Returns how many were removed."""
    cutoff = (now or timezone.now()) - idempotency_window()
    deleted, _by_model = ApiIdempotency.objects.filter(created_at__lt=cutoff).delete()
    return deleted
