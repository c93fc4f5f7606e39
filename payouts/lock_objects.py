"""Every select_for_update in the ledger, always in primary-key order."""

from django.db.models import QuerySet

from .models import LedgerAccount, TopUp


def accounts_for_update(account_ids) -> QuerySet[LedgerAccount]:
    return LedgerAccount.objects.select_for_update().filter(id__in=sorted(set(account_ids))).order_by("id")


def topup_for_update(topup_id: int) -> QuerySet[TopUp]:
    return TopUp.objects.select_for_update().filter(id=topup_id)
