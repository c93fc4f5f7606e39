"""Reads from the ledger, shaped for the pages that show them."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Merchant, User

from .models import JournalEntry, LedgerAccount, Posting, Withdrawal

Kind = LedgerAccount.Kind


def wallet_balance(*, merchant: Merchant) -> int:
    account = LedgerAccount.objects.filter(merchant=merchant, kind=Kind.MERCHANT_WALLET).only("balance").first()
    return account.balance if account else 0


@dataclass(frozen=True)
class Earnings:
    pending: int
    available: int

    @property
    def total(self) -> int:
        return self.pending + self.available

    @property
    def owed(self) -> int:
        """A receivable: what a provider owes the exchange after a refund it had already withdrawn (0 if none)."""
        return max(0, -self.available)


def account_balance(*, account: LedgerAccount) -> int:
    """The account's balance: the cache where there is one, else the sum of its postings."""
    if account.is_cached:
        return account.balance
    return Posting.objects.filter(account=account).aggregate(total=Sum("amount"))["total"] or 0


def earnings_for_user(*, user: User) -> Earnings:
    """A jobseeker's balances, summed from their postings (their accounts carry no cache)."""
    rows = dict(
        Posting.objects.filter(account__user=user, account__kind__in=[Kind.SUBJECT_PENDING, Kind.SUBJECT_AVAILABLE])
        .values_list("account__kind")
        .annotate(total=Sum("amount"))
        .values_list("account__kind", "total")
    )
    return Earnings(pending=rows.get(Kind.SUBJECT_PENDING, 0), available=rows.get(Kind.SUBJECT_AVAILABLE, 0))


def earned_by_source(*, user: User) -> dict[str, int]:
    """What a person has earned, by where it came from: data sales (less refunds) and accepted invitations."""
    rows = dict(
        Posting.objects.filter(
            account__user=user,
            account__kind__in=[Kind.SUBJECT_PENDING, Kind.SUBJECT_AVAILABLE],
            entry__kind__in=[JournalEntry.Kind.SALE, JournalEntry.Kind.REFUND, JournalEntry.Kind.ESCROW_SETTLE],
        )
        .values_list("entry__kind")
        .annotate(total=Sum("amount"))
        .values_list("entry__kind", "total")
    )
    return {
        "sale": rows.get(JournalEntry.Kind.SALE, 0) + rows.get(JournalEntry.Kind.REFUND, 0),
        "invitation": rows.get(JournalEntry.Kind.ESCROW_SETTLE, 0),
    }


def earnings_for_merchant(*, merchant: Merchant) -> Earnings:
    rows = dict(
        LedgerAccount.objects.filter(merchant=merchant, kind__in=[Kind.PROVIDER_PENDING, Kind.PROVIDER_AVAILABLE]).values_list(
            "kind", "balance"
        )
    )
    return Earnings(pending=rows.get(Kind.PROVIDER_PENDING, 0), available=rows.get(Kind.PROVIDER_AVAILABLE, 0))


def sale_lines_for_user(*, user: User, limit: int = 200):
    """One line per sale that paid this person: the entry's memo says product, buyer and date."""
    return (
        Posting.objects.filter(account__user=user, account__kind=Kind.SUBJECT_PENDING, entry__kind__in=JournalEntry.HELD_KINDS)
        .select_related("entry")
        .order_by("-entry__created_at", "-id")[:limit]
    )


def sale_lines_for_merchant(*, merchant: Merchant, limit: int = 200):
    return (
        Posting.objects.filter(
            account__merchant=merchant, account__kind=Kind.PROVIDER_PENDING, entry__kind=JournalEntry.Kind.SALE
        )
        .select_related("entry")
        .order_by("-entry__created_at", "-id")[:limit]
    )


def sale_pool_total(*, reference: str) -> tuple[int, int]:
    """(pool in the memo, sum of the subject postings) of a sale: they must be equal."""
    entry = JournalEntry.objects.get(kind=JournalEntry.Kind.SALE, reference=reference)
    posted = Posting.objects.filter(entry=entry, account__kind=Kind.SUBJECT_PENDING).aggregate(total=Sum("amount"))["total"] or 0
    return entry.memo.get("pool_micros", 0), posted


def ledger_violations() -> list[str]:
    """Every broken invariant of the ledger, as readable lines (empty means sound)."""
    problems: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT entry_id, SUM(amount) FROM payouts_posting GROUP BY entry_id HAVING SUM(amount) <> 0")
        problems += [f"entry {entry_id} does not balance: {total}" for entry_id, total in cursor.fetchall()]
        cursor.execute(
            "SELECT e.id FROM payouts_journalentry e WHERE NOT EXISTS (SELECT 1 FROM payouts_posting p WHERE p.entry_id = e.id)"
        )
        problems += [f"entry {row[0]} has no postings" for row in cursor.fetchall()]
        cursor.execute(
            """
            SELECT p.id FROM payouts_posting p
             WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a WHERE a.id = p.account_id)
                OR NOT EXISTS (SELECT 1 FROM payouts_journalentry e WHERE e.id = p.entry_id)
             LIMIT 20
            """
        )
        problems += [f"posting {row[0]} names a missing account or entry" for row in cursor.fetchall()]
        uncached = ", ".join(f"'{kind}'" for kind in LedgerAccount.UNCACHED)
        negative_ok = ", ".join(f"'{kind}'" for kind in LedgerAccount.MAY_BE_NEGATIVE)
        # A provider's available earnings go below zero only through a refund after the window
        # (a receivable: what it owes the exchange); anywhere else a negative balance is a fault.
        receivable = f"""(a.kind = '{Kind.PROVIDER_AVAILABLE}' AND EXISTS (
            SELECT 1 FROM payouts_posting r JOIN payouts_journalentry re ON re.id = r.entry_id
             WHERE r.account_id = a.id AND r.amount < 0 AND re.kind = '{JournalEntry.Kind.REFUND}'))"""
        cursor.execute(
            f"""
            SELECT a.key, a.kind IN ({uncached}), a.balance, COALESCE(s.total, 0), a.kind IN ({negative_ok}) OR {receivable}
              FROM payouts_ledgeraccount a
              LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM payouts_posting GROUP BY account_id) s
                ON s.account_id = a.id
             WHERE (a.kind NOT IN ({uncached}) AND a.balance <> COALESCE(s.total, 0))
                OR (a.kind IN ({uncached}) AND a.balance <> 0)
                OR (a.kind NOT IN ({negative_ok}) AND COALESCE(s.total, 0) < 0)
            """
        )
        for key, is_uncached, cached, posted, may_be_negative in cursor.fetchall():
            if is_uncached and cached != 0:
                problems.append(f"account {key}: carries a cached balance {cached} (summed on read, must be 0)")
            elif not is_uncached and cached != posted:
                problems.append(f"account {key}: cached balance {cached} != posted {posted}")
            if not may_be_negative and posted < 0:
                problems.append(f"account {key} is negative: {posted}")
        # Every settlement takes out of clearing exactly what its purchase put in.
        cursor.execute(
            """
            SELECT s.reference, buy.amount, -sold.amount FROM payouts_journalentry s
            JOIN payouts_posting sold ON sold.entry_id = s.id
            JOIN payouts_ledgeraccount ca ON ca.id = sold.account_id AND ca.kind = 'sales_clearing'
            LEFT JOIN payouts_journalentry p ON p.reference = s.reference AND p.kind = 'purchase'
            LEFT JOIN payouts_posting buy ON buy.entry_id = p.id AND buy.account_id = ca.id
            WHERE s.kind = 'sale' AND (buy.amount IS NULL OR buy.amount <> -sold.amount)
            """
        )
        problems += [f"sale {ref}: settled {sold} but purchase was {paid}" for ref, paid, sold in cursor.fetchall()]
    for entry in JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE).only("memo", "reference"):
        pool = entry.memo.get("pool_micros", 0)
        posted = (
            Posting.objects.filter(entry=entry, account__kind=Kind.SUBJECT_PENDING).aggregate(total=Sum("amount"))["total"] or 0
        )
        if pool != posted:
            problems.append(f"sale {entry.reference}: pool {pool} but members were credited {posted}")
    return problems


# Earnings pages and statements ---------------------------------------------------------


def _owner_filter(user: User | None, merchant: Merchant | None, prefix: str = "") -> dict:
    return {f"{prefix}user": user} if user is not None else {f"{prefix}merchant": merchant}


def _earning_kinds(user: User | None) -> tuple[str, str]:
    if user is not None:
        return Kind.SUBJECT_PENDING, Kind.SUBJECT_AVAILABLE
    return Kind.PROVIDER_PENDING, Kind.PROVIDER_AVAILABLE


def paid_out_fen(*, user: User | None = None, merchant: Merchant | None = None) -> int:
    """What the bank has paid this owner (lines marked paid)."""
    total = Withdrawal.objects.filter(status=Withdrawal.Status.PAID, **_owner_filter(user, merchant)).aggregate(
        total=Sum("amount_fen")
    )["total"]
    return total or 0


def in_payout_fen(*, user: User | None = None, merchant: Merchant | None = None) -> int:
    """Reserved for a payout not yet answered by the bank."""
    total = Withdrawal.objects.filter(
        status__in=[Withdrawal.Status.REQUESTED, Withdrawal.Status.BATCHED], **_owner_filter(user, merchant)
    ).aggregate(total=Sum("amount_fen"))["total"]
    return total or 0


def earning_lines(
    *, user: User | None = None, merchant: Merchant | None = None, since=None, until=None, limit: int | None = 500
) -> list[dict]:
    """One line per sale that paid this owner: product, buyer, date, share, and its state."""
    pending_kind, _available = _earning_kinds(user)
    postings = (
        Posting.objects.filter(
            account__kind=pending_kind, entry__kind__in=JournalEntry.HELD_KINDS, **_owner_filter(user, merchant, "account__")
        )
        .annotate(
            released=Exists(JournalEntry.objects.filter(related=OuterRef("entry"), kind=JournalEntry.Kind.RELEASE)),
            refunded=Exists(
                JournalEntry.objects.filter(related=OuterRef("entry"), kind=JournalEntry.Kind.REFUND, memo__scope="within_window")
            ),
        )
        .select_related("entry")
        .order_by("-entry__created_at", "-id")
    )
    if since is not None:
        postings = postings.filter(entry__created_at__gte=since)
    if until is not None:
        postings = postings.filter(entry__created_at__lt=until)
    if limit is not None:
        postings = postings[:limit]
    industries = dict(Merchant.Industry.choices)
    lines = []
    for posting in postings:
        memo = posting.entry.memo
        state = "refunded" if posting.refunded else "available" if posting.released else "pending"
        lines.append(
            {
                "date": posting.entry.created_at,
                "reference": posting.entry.reference,
                "product": memo.get("product", ""),
                "buyer": memo.get("buyer", ""),
                "industry": industries.get(memo.get("buyer_industry", ""), memo.get("buyer_industry", "")),
                "share": posting.amount,
                "state": state,
                # Sales pay a share of a product; an accepted invitation pays its fee's share.
                "source": "invitation" if posting.entry.kind == JournalEntry.Kind.ESCROW_SETTLE else "sale",
            }
        )
    return lines


def withdrawals_for(*, user: User | None = None, merchant: Merchant | None = None, since=None, until=None):
    """This owner's withdrawals requested in [since, until), newest first, each with its payout account."""
    withdrawals = Withdrawal.objects.filter(**_owner_filter(user, merchant)).select_related("payout_account")
    if since is not None:
        withdrawals = withdrawals.filter(created_at__gte=since)
    if until is not None:
        withdrawals = withdrawals.filter(created_at__lt=until)
    return withdrawals.order_by("-created_at", "-id")


def earnings_series(*, user: User | None = None, merchant: Merchant | None = None) -> list[tuple[date, int]]:
    """Cumulative earnings by day (sales less refunds inside the window), for the chart."""
    pending_kind, _available = _earning_kinds(user)
    rows = (
        Posting.objects.filter(
            account__kind=pending_kind,
            entry__kind__in=[*JournalEntry.HELD_KINDS, JournalEntry.Kind.REFUND],
            **_owner_filter(user, merchant, "account__"),
        )
        .annotate(day=TruncDate("entry__created_at"))
        .values("day")
        .annotate(total=Sum("amount"))
        .order_by("day")
    )
    running = 0
    series = []
    for row in rows:
        running += row["total"]
        series.append((row["day"], running))
    return series


@dataclass(frozen=True)
class Statement:
    year: int
    month: int
    opening: int
    closing: int
    earned: int
    refunded: int
    withdrawn: int
    returned: int
    adjusted: int
    lines: list[dict]
    owed: int = 0  # a provider's receivable at the month's end (its available earnings below zero)

    @property
    def reconciles(self) -> bool:
        movement = self.earned + self.refunded + self.withdrawn + self.returned + self.adjusted
        return self.opening + movement == self.closing


def _month_bounds(year: int, month: int):
    start = datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=timezone.get_current_timezone())
    return start, end


def statement_for(*, year: int, month: int, user: User | None = None, merchant: Merchant | None = None) -> Statement:
    """A month of an owner's earnings, straight from the ledger: opening + movements = closing.

    Balances are the owner's pending + available; a withdrawal leaves them when it is
    requested (reserved), a failed payout comes back.
    """
    start, end = _month_bounds(year, month)
    kinds = _earning_kinds(user)
    postings = Posting.objects.filter(account__kind__in=kinds, **_owner_filter(user, merchant, "account__"))
    opening = postings.filter(entry__created_at__lt=start).aggregate(total=Sum("amount"))["total"] or 0
    closing = postings.filter(entry__created_at__lt=end).aggregate(total=Sum("amount"))["total"] or 0
    available = postings.filter(account__kind=kinds[1], entry__created_at__lt=end).aggregate(total=Sum("amount"))["total"] or 0
    by_entry = (
        postings.filter(entry__created_at__gte=start, entry__created_at__lt=end)
        .values("entry_id", "entry__kind", "entry__created_at", "entry__reference", "entry__memo")
        .annotate(total=Sum("amount"))
        .order_by("entry__created_at", "entry_id")
    )
    totals = {"earned": 0, "refunded": 0, "withdrawn": 0, "returned": 0, "adjusted": 0}
    lines = []
    for row in by_entry:
        if row["total"] == 0:  # a release moves pending to available: no change to the total
            continue
        kind = row["entry__kind"]
        bucket = {
            JournalEntry.Kind.SALE: "earned",
            JournalEntry.Kind.ESCROW_SETTLE: "earned",
            JournalEntry.Kind.REFUND: "refunded",
            JournalEntry.Kind.WITHDRAWAL: "withdrawn",
            JournalEntry.Kind.PAYOUT: "returned",
        }.get(kind, "adjusted")
        totals[bucket] += row["total"]
        memo = row["entry__memo"] or {}
        lines.append(
            {
                "date": row["entry__created_at"],
                "kind": JournalEntry.Kind(kind).label,
                "reference": row["entry__reference"],
                "product": memo.get("product", ""),
                "buyer": memo.get("buyer", ""),
                "amount": row["total"],
            }
        )
    return Statement(year=year, month=month, opening=opening, closing=closing, lines=lines, owed=max(0, -available), **totals)


@dataclass(frozen=True)
class FinanceReport:
    commission_earned: int
    refunds_borne: int
    revenue: int
    pool_paid: int
    subjects_owed: int
    providers_owed: int
    in_payout: int
    wallets: int
    awaiting_settlement: int
    cash: int
    paid_out: int
    escrow: int = 0
    invitation_revenue: int = 0
    invitation_paid: int = 0
    invitations: "EscrowCounts | None" = None

    @property
    def reconciles(self) -> bool:
        """Cash held equals everything owed plus the exchange's own revenue."""
        owed = self.subjects_owed + self.providers_owed + self.in_payout + self.wallets + self.awaiting_settlement + self.escrow
        return self.cash == owed + self.revenue


@dataclass(frozen=True)
class EscrowCounts:
    """Fees into escrow (invitations sent) and their ways out, counted from the ledger's entries."""

    held: int
    settled: int
    returned_unanswered: int  # declined, or expired without an answer
    returned_cancelled: int

    @property
    def waiting(self) -> int:
        return self.held - self.settled - self.returned_unanswered - self.returned_cancelled

    @property
    def acceptance_rate(self) -> float | None:
        """Settled out of those the candidate answered or let expire (cancellations count neither way)."""
        decided = self.settled + self.returned_unanswered
        return self.settled / decided if decided else None


def escrow_counts() -> EscrowCounts:
    # The memo's reason is what the invitation service wrote when the fee went back.
    returns = JournalEntry.objects.filter(kind=JournalEntry.Kind.ESCROW_RETURN)
    return EscrowCounts(
        held=JournalEntry.objects.filter(kind=JournalEntry.Kind.ESCROW_HOLD).count(),
        settled=JournalEntry.objects.filter(kind=JournalEntry.Kind.ESCROW_SETTLE).count(),
        returned_unanswered=returns.filter(memo__reason__in=["declined", "expired"]).count(),
        returned_cancelled=returns.filter(memo__reason__startswith="cancelled").count(),
    )


def finance_report() -> FinanceReport:
    """The exchange's position from the ledger: commission, the pool paid to people, what is owed."""

    def kind_sum(*kinds, entry_kind=None) -> int:
        qs = Posting.objects.filter(account__kind__in=kinds)
        if entry_kind:
            qs = qs.filter(entry__kind=entry_kind)
        return qs.aggregate(total=Sum("amount"))["total"] or 0

    commission = kind_sum(Kind.EXCHANGE_REVENUE, entry_kind=JournalEntry.Kind.SALE)
    revenue = kind_sum(Kind.EXCHANGE_REVENUE)
    invitation_revenue = kind_sum(Kind.EXCHANGE_REVENUE, entry_kind=JournalEntry.Kind.ESCROW_SETTLE)
    pool_paid = kind_sum(Kind.SUBJECT_PENDING, entry_kind=JournalEntry.Kind.SALE) + kind_sum(
        Kind.SUBJECT_PENDING, entry_kind=JournalEntry.Kind.REFUND
    )
    return FinanceReport(
        commission_earned=commission,
        refunds_borne=revenue
        - commission
        - invitation_revenue
        - kind_sum(Kind.EXCHANGE_REVENUE, entry_kind=JournalEntry.Kind.ADJUSTMENT),
        revenue=revenue,
        pool_paid=pool_paid,
        subjects_owed=kind_sum(Kind.SUBJECT_PENDING, Kind.SUBJECT_AVAILABLE),
        providers_owed=kind_sum(Kind.PROVIDER_PENDING, Kind.PROVIDER_AVAILABLE),
        in_payout=kind_sum(Kind.PAYOUT_CLEARING),
        wallets=kind_sum(Kind.MERCHANT_WALLET),
        awaiting_settlement=kind_sum(Kind.SALES_CLEARING),
        cash=-kind_sum(Kind.BANK),
        paid_out=Withdrawal.objects.filter(status=Withdrawal.Status.PAID).aggregate(total=Sum("amount_fen"))["total"] or 0,
        escrow=kind_sum(Kind.ESCROW),
        invitation_revenue=invitation_revenue,
        invitation_paid=kind_sum(Kind.SUBJECT_PENDING, entry_kind=JournalEntry.Kind.ESCROW_SETTLE),
        invitations=escrow_counts(),
    )
