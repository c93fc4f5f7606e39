"""Merchant API keys: shown once, stored hashed, revocable."""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Merchant, User

from ..exceptions import ProductError
from ..models import ApiKey


def api_key_create(*, merchant: Merchant, name: str, by: User) -> tuple[ApiKey, str]:
    """Create a key for the merchant; returns the row and the secret (never stored)."""
    membership = Membership.objects.filter(user=by, merchant=merchant).first()
    if membership is None or not membership.can_manage:
        raise ProductError(_("Only an owner or administrator can create API keys."), code="not_allowed")
    prefix, secret = ApiKey.generate()
    key = ApiKey.objects.create(
        merchant=merchant, name=name.strip() or "API key", prefix=prefix, hashed_key=ApiKey.hash(secret), created_by=by
    )
    return key, secret


def api_key_revoke(*, key: ApiKey, by: User) -> ApiKey:
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key.refresh_from_db()
    return key
