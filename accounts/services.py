"""Writes for accounts and merchant organisations."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import MerchantError
from .models import Membership, Merchant, User


@transaction.atomic
def merchant_create(*, owner: User, name: str, industry: str, is_provider: bool = False, is_buyer: bool = True) -> Merchant:
    """Create a merchant organisation with `owner` as its owner. It starts unverified."""
    name = name.strip()
    if Merchant.objects.filter(name__iexact=name).exists():
        raise MerchantError(
            _("An organisation named “%(name)s” already exists; ask its owner for an invite code.") % {"name": name},
            code="merchant_name_taken",
        )
    try:
        with transaction.atomic():
            merchant = Merchant.objects.create(name=name, industry=industry, is_provider=is_provider, is_buyer=is_buyer)
    except IntegrityError as exc:
        raise MerchantError(
            _("An organisation named “%(name)s” already exists.") % {"name": name}, code="merchant_name_taken"
        ) from exc
    Membership.objects.create(user=owner, merchant=merchant, role=Membership.Role.OWNER)
    if owner.kind != User.Kind.MERCHANT:
        owner.kind = User.Kind.MERCHANT
        owner.save(update_fields=["kind"])
    return merchant


@transaction.atomic
def merchant_join(*, user: User, invite_code: str) -> Membership:
    """Join an existing organisation as a plain member, by the owner's invite code."""
    merchant = Merchant.objects.filter(invite_code=invite_code.strip()).first()
    if merchant is None:
        raise MerchantError(
            _("That invite code is not valid. Ask the organisation's owner for a new one."), code="invalid_invite"
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, merchant=merchant, defaults={"role": Membership.Role.MEMBER}
    )
    if user.kind != User.Kind.MERCHANT:
        user.kind = User.Kind.MERCHANT
        user.save(update_fields=["kind"])
    return membership


def merchant_verify(*, merchant: Merchant, by: User) -> Merchant:
    """Staff verification: the merchant may now sell and buy personal-data products."""
    merchant.status = Merchant.Status.VERIFIED
    merchant.status_reason = ""
    merchant.verified_at = timezone.now()
    merchant.save(update_fields=["status", "status_reason", "verified_at"])
    return merchant


def merchant_suspend(*, merchant: Merchant, by: User, reason: str) -> Merchant:
    if not reason.strip():
        raise MerchantError(_("A suspension needs a reason."), code="reason_required")
    merchant.status = Merchant.Status.SUSPENDED
    merchant.status_reason = reason.strip()
    merchant.save(update_fields=["status", "status_reason"])
    return merchant
