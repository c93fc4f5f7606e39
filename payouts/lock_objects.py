"""Every select_for_update in the ledger, and the one lock order of the whole exchange.

A transaction takes row locks in this order of tables, and within a table in
primary-key order; it never takes a lock on a table above one it already holds:

    0. accounts.Merchant         (the buyer, FOR NO KEY UPDATE: one purchase of a buyer at a time)
    1. exchange.Order            (exchange/lock_objects.py)
    2. exchange.Subscription
    3. exchange.QueryCredit      (conditional UPDATE, no SELECT … FOR UPDATE)
    4. payouts.JournalEntry      (a sale: serialises its release and its refund)
    5. payouts.TopUp, payouts.Withdrawal
    6. payouts.LedgerAccount     (all the accounts one transaction needs, in one call, by id)
    6a. exchange.DataProduct     (the sales counter: one UPDATE, the last write of a purchase or refund)
    7. the audit chain's advisory lock (accounts/lock_objects.py)

Joined rows are never locked with the row asked for: every queryset that joins
names `of=("self",)`. The exchange's own accounts (bank, revenue, both clearings)
are never locked at all: their balances are summed from postings (see
`LedgerAccount.EXCHANGE_OWN`), so no purchase or settlement waits on a shared row.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import JournalEntry, LedgerAccount, TopUp, Withdrawal


def accounts_for_update(account_ids: Iterable[int]) -> QuerySet[LedgerAccount]:
    """Lock every account a transaction needs at once, in id order (the exchange's own are skipped)."""
    return (
        LedgerAccount.objects.select_for_update(of=("self",))
        .filter(id__in=sorted(set(account_ids)))
        .exclude(kind__in=LedgerAccount.EXCHANGE_OWN)
        .order_by("id")
    )


def topup_for_update(topup_id: int) -> QuerySet[TopUp]:
    return TopUp.objects.select_for_update(of=("self",)).filter(id=topup_id)


def withdrawal_for_update(withdrawal_id: int) -> QuerySet[Withdrawal]:
    return Withdrawal.objects.select_for_update(of=("self",)).filter(id=withdrawal_id)


def withdrawals_for_update(withdrawal_ids: Iterable[int]) -> QuerySet[Withdrawal]:
    return Withdrawal.objects.select_for_update(of=("self",)).filter(id__in=sorted(set(withdrawal_ids))).order_by("id")


def entry_for_update(entry_id: int) -> QuerySet[JournalEntry]:
    """Locking a journal entry row (no UPDATE follows) serialises release and refund of one sale."""
    return JournalEntry.objects.select_for_update(of=("self",)).filter(id=entry_id)
