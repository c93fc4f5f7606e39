"""Merchant API keys: shown once, stored hashed, revocable.

A key acts as the person who created it, with that person's current role, and only
while they are an active member: leaving the organisation or being deactivated
revokes their keys (`api_keys_revoke_of`, from the accounts signals), and
authentication checks both again on every request.
"""

from django.utils import timezone

from accounts.models import Merchant, User
from accounts.roles import Capability, capability_require

from ..models import ApiKey


def api_key_create(*, merchant: Merchant, name: str, by: User) -> tuple[ApiKey, str]:
    """Create a key for the merchant; returns the row and the secret (never stored)."""
    capability_require(user=by, merchant=merchant, capability=Capability.MANAGE_KEYS)
    prefix, secret = ApiKey.generate()
    key = ApiKey.objects.create(
        merchant=merchant, name=name.strip() or "API key", prefix=prefix, hashed_key=ApiKey.hash(secret), created_by=by
    )
    return key, secret


def api_key_revoke(*, key: ApiKey, by: User) -> ApiKey:
    capability_require(user=by, merchant=key.merchant, capability=Capability.MANAGE_KEYS)
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key.refresh_from_db()
    return key


def api_keys_revoke_of(*, user_id: int, merchant_id: int | None = None) -> int:
    """Revoke every live key a person created (in one organisation, or in all). Returns how many."""
    keys = ApiKey.objects.filter(created_by_id=user_id, revoked_at__isnull=True)
    if merchant_id is not None:
        keys = keys.filter(merchant_id=merchant_id)
    return keys.update(revoked_at=timezone.now())
