"""Reads for the jobseeker portal and for product builds."""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Merchant, User

from .models import ConsentGrant, ConsentNotice, ConsentReceipt, EmployerBlock, Resume, ResumeUpload


def notices_published_latest() -> list[ConsentNotice]:
    """The newest published version of each provider's notice for each purpose."""
    latest: dict[tuple[int, str], ConsentNotice] = {}
    for notice in (
        ConsentNotice.objects.filter(published_at__isnull=False)
        .select_related("provider")
        .order_by("provider_id", "purpose", "-version")
    ):
        latest.setdefault((notice.provider_id, notice.purpose), notice)
    return list(latest.values())


def grants_active_for_user(*, user: User) -> QuerySet[ConsentGrant]:
    return ConsentGrant.objects.filter(user=user, withdrawn_at__isnull=True).select_related("notice", "provider")


def grants_for_user(*, user: User) -> QuerySet[ConsentGrant]:
    return ConsentGrant.objects.filter(user=user).select_related("notice", "provider").order_by("-granted_at")


def resumes_consented(*, provider: Merchant, purpose: str) -> QuerySet[Resume]:
    """Confirmed resumes whose owner holds an active grant to `provider` for `purpose`."""
    active = ConsentGrant.objects.filter(
        user_id=OuterRef("owner_id"), provider=provider, purpose=purpose, withdrawn_at__isnull=True
    )
    return Resume.objects.filter(status=Resume.Status.CONFIRMED).filter(Exists(active))


def grant_ids_for(*, provider: Merchant, purpose: str, user_ids) -> dict[int, int]:
    """user id -> id of their active grant (for a version's membership)."""
    return dict(
        ConsentGrant.objects.filter(
            provider=provider, purpose=purpose, withdrawn_at__isnull=True, user_id__in=user_ids
        ).values_list("user_id", "id")
    )


def blocked_user_ids(*, merchant: Merchant) -> set[int]:
    """Ids of the people who have blocked `merchant`: it must never receive their data.

    For the exchange's delivery and settlement: leave these people out of a delivery
    to `merchant` and out of that sale's subject pool (then re-check k on what is left).
    Read at delivery time, so a block added after a build still applies.
    """
    return set(EmployerBlock.objects.filter(merchant=merchant).values_list("user_id", flat=True))


def employer_blocks_for_user(*, user: User) -> QuerySet[EmployerBlock]:
    return EmployerBlock.objects.filter(user=user).select_related("merchant").order_by("merchant__name")


def merchants_blockable(*, search: str = "", limit: int = 20) -> QuerySet[Merchant]:
    """Merchants a person may name in the blocklist (every organisation that could buy)."""
    merchants = Merchant.objects.filter(is_buyer=True).order_by("name")
    if search.strip():
        merchants = merchants.filter(name__icontains=search.strip())
    return merchants[:limit]


def receipts_for_user(*, user: User) -> QuerySet[ConsentReceipt]:
    return ConsentReceipt.objects.filter(user=user).select_related("grant__provider", "recipient").order_by("-created_at", "-id")


def upload_latest(*, user: User) -> ResumeUpload | None:
    return ResumeUpload.objects.filter(owner=user).order_by("-created_at", "-id").first()


def resume_for_user(*, user: User) -> Resume | None:
    return Resume.objects.filter(owner=user).first()
