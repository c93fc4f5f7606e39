"""Reads for the talent pages and API, shaped for the caller (no N+1)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import Merchant, User
from consent.models import ConsentGrant, ConsentNotice, Purpose
from payouts.models import JournalEntry

from .models import DeletionNotice, Disclosure, DisclosureView, Invitation, TalentProfile


def talent_notice_current() -> ConsentNotice | None:
    """The newest published notice of the talent purpose (the one a person joins through)."""
    return (
        ConsentNotice.objects.filter(purpose=Purpose.TALENT, published_at__isnull=False)
        .select_related("provider")
        .order_by("-published_at", "-version")
        .first()
    )


def talent_grant_active(*, user: User) -> ConsentGrant | None:
    return (
        ConsentGrant.objects.filter(user=user, purpose=Purpose.TALENT, withdrawn_at__isnull=True).select_related("notice").first()
    )


def talent_profile_of(*, user: User) -> TalentProfile | None:
    return TalentProfile.objects.filter(user=user).first()


def invitations_for_candidate(*, user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(candidate=user).select_related("merchant", "disclosure", "abuse_report")


def invitation_for_candidate(*, user: User, invitation_id: int) -> Invitation | None:
    return (
        Invitation.objects.filter(candidate=user, pk=invitation_id)
        .select_related("merchant", "outcome_entry", "disclosure__receipt", "disclosure__withdrawal_receipt")
        .first()
    )


def invitations_of_merchant(*, merchant: Merchant, status: str = "") -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(merchant=merchant).select_related("sent_by")
    return invitations.filter(status=status) if status else invitations


def invitation_of_merchant(*, merchant: Merchant, invitation_id) -> Invitation | None:
    try:
        invitation_id = int(invitation_id)
    except (TypeError, ValueError):
        return None
    return Invitation.objects.filter(merchant=merchant, pk=invitation_id).select_related("escrow_entry").first()


def disclosures_of_merchant(*, merchant: Merchant) -> QuerySet[Disclosure]:
    """Accepted invitations' disclosures, withdrawn ones included (their deletion notice is shown)."""
    return (
        Disclosure.objects.filter(merchant=merchant)
        .select_related("invitation", "deletion_notice")
        .annotate(view_count=Count("views"))
        .order_by("-created_at", "-id")
    )


def disclosure_of_merchant(*, merchant: Merchant, disclosure_id) -> Disclosure | None:
    try:
        disclosure_id = int(disclosure_id)
    except (TypeError, ValueError):
        return None
    return Disclosure.objects.filter(merchant=merchant, pk=disclosure_id).select_related("invitation", "candidate").first()


def disclosure_of_invitation(*, invitation: Invitation) -> Disclosure | None:
    return Disclosure.objects.filter(invitation=invitation).select_related("candidate").first()


def deletion_notices_unread(*, merchant: Merchant) -> QuerySet[DeletionNotice]:
    return DeletionNotice.objects.filter(merchant=merchant, read_at__isnull=True).select_related("disclosure__invitation")


def disclosure_views_for_candidate(*, user: User) -> QuerySet[DisclosureView]:
    """Every look at this person's disclosed details: which organisation, who, when, how."""
    return DisclosureView.objects.filter(disclosure__candidate=user).select_related(
        "disclosure__merchant", "disclosure__invitation", "viewer"
    )


@dataclass(frozen=True)
class InvitationShare:
    """What the person earns from an accepted invitation, and whether it is still held."""

    share_micros: int
    release_after: datetime | None
    released: bool


def invitation_share(*, invitation: Invitation) -> InvitationShare | None:
    entry = invitation.outcome_entry
    if invitation.status != Invitation.Status.ACCEPTED or entry is None:
        return None
    released = JournalEntry.objects.filter(related=entry, kind=JournalEntry.Kind.RELEASE).exists()
    return InvitationShare(
        share_micros=int(entry.memo.get("share_micros", 0)), release_after=entry.release_after, released=released
    )


@dataclass(frozen=True)
class TalentStatistics:
    """Invitation volume, answers and income, for staff."""

    sent: int
    open: int
    accepted: int
    declined: int
    expired: int
    cancelled: int
    hired: int
    withdrawn: int
    abuse_open: int
    searches: int
    fees_micros: int
    share_micros: int
    revenue_micros: int
    pool: int

    @property
    def answered(self) -> int:
        return self.accepted + self.declined + self.expired

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted out of the invitations that reached an outcome (declined and expired count against)."""
        return self.accepted / self.answered if self.answered else None


def talent_statistics(*, since: datetime | None = None) -> TalentStatistics:
    from .models import AbuseReport, PoolRow, SearchLog

    invitations = Invitation.objects.all()
    searches = SearchLog.objects.all()
    settles = JournalEntry.objects.filter(kind=JournalEntry.Kind.ESCROW_SETTLE, reference__startswith="invitation:")
    if since is not None:
        invitations = invitations.filter(created_at__gte=since)
        searches = searches.filter(created_at__gte=since)
        settles = settles.filter(created_at__gte=since)
    Status = Invitation.Status
    counts = invitations.aggregate(
        sent=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in Status.values},
        hired=Count("id", filter=Q(hired_at__isnull=False)),
        withdrawn=Count("id", filter=Q(disclosure__withdrawn_at__isnull=False)),
    )
    fees = share = revenue = 0
    for memo in settles.values_list("memo", flat=True):
        fees += int(memo.get("fee_micros", 0))
        share += int(memo.get("share_micros", 0))
        revenue += int(memo.get("revenue_micros", 0))
    return TalentStatistics(
        sent=counts["sent"],
        open=counts[Status.OPEN],
        accepted=counts[Status.ACCEPTED],
        declined=counts[Status.DECLINED],
        expired=counts[Status.EXPIRED],
        cancelled=counts[Status.CANCELLED],
        hired=counts["hired"],
        withdrawn=counts["withdrawn"],
        abuse_open=AbuseReport.objects.filter(status=AbuseReport.Status.OPEN).count(),
        searches=searches.count(),
        fees_micros=fees,
        share_micros=share,
        revenue_micros=revenue,
        pool=PoolRow.objects.filter(
            Exists(ConsentGrant.objects.filter(user_id=OuterRef("user_id"), purpose=Purpose.TALENT, withdrawn_at__isnull=True))
        ).count(),
    )
