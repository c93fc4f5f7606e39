"""Every select_for_update in the ledger, always in primary-key order."""

from django.db.models import QuerySet

from .models import JournalEntry, LedgerAccount, TopUp, Withdrawal


def accounts_for_update(account_ids) -> QuerySet[LedgerAccount]:
    return LedgerAccount.objects.select_for_update().filter(id__in=sorted(set(account_ids))).order_by("id")


def topup_for_update(topup_id: int) -> QuerySet[TopUp]:
    return TopUp.objects.select_for_update().filter(id=topup_id)


def withdrawal_for_update(withdrawal_id: int) -> QuerySet[Withdrawal]:
    return Withdrawal.objects.select_for_update().filter(id=withdrawal_id)


def entry_for_update(entry_id: int) -> QuerySet[JournalEntry]:
    """Locking a journal entry row (no UPDATE follows) serialises release and refund of one sale."""
    return JournalEntry.objects.select_for_update().filter(id=entry_id)
