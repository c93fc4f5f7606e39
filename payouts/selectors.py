"""Reads from the ledger, shaped for the pages that show them."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Sum

from accounts.models import Merchant, User

from .models import JournalEntry, LedgerAccount, Posting

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
        Posting.objects.filter(account__user=user, account__kind=Kind.SUBJECT_PENDING, entry__kind=JournalEntry.Kind.SALE)
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
        uncached = ", ".join(f"'{kind}'" for kind in LedgerAccount.UNCACHED)
        negative_ok = ", ".join(f"'{kind}'" for kind in LedgerAccount.MAY_BE_NEGATIVE)
        cursor.execute(
            f"""
            SELECT a.key, a.kind IN ({uncached}), a.balance, COALESCE(s.total, 0), a.kind IN ({negative_ok})
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
