"""Reads for accounts and merchants."""

from .exceptions import NotAMerchantMember
from .models import Membership, Merchant, User


def membership_current(*, user: User) -> Membership | None:
    """The organisation a merchant member acts for (the oldest membership)."""
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("merchant").filter(user=user).order_by("created_at", "id").first()


def merchant_for_user(*, user: User) -> Merchant:
    membership = membership_current(user=user)
    if membership is None:
        raise NotAMerchantMember("You are not a member of any merchant organisation.")
    return membership.merchant


def memberships_of(*, merchant: Merchant):
    """The organisation's team, owners first."""
    order = {role: rank for rank, role in enumerate(Membership.Role.values)}
    team = list(Membership.objects.filter(merchant=merchant).select_related("user").order_by("created_at", "id"))
    return sorted(team, key=lambda m: order.get(m.role, len(order)))


def membership_in(*, merchant: Merchant, membership_id: int | None) -> Membership | None:
    """One membership of this organisation; another organisation's is simply not found."""
    if membership_id is None:
        return None
    return Membership.objects.filter(pk=membership_id, merchant=merchant).first()
