"""What waits for staff, counted for the admin index: each count links to the list that holds it."""

from dataclasses import dataclass
from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

register = template.Library()

DATA_SUBJECT_EVENTS = ("withdrawal", "deletion", "disclosure_withdrawn")
DATA_SUBJECT_DAYS = 30


@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    count: int
    url: str


def staff_queue_counts() -> list[Waiting]:
    from accounts.models import Merchant
    from consent.models import ConsentReceipt
    from payouts.models import TopUp, Withdrawal

    from ..models import DataProduct

    def link(name: str, **query) -> str:
        return f"{reverse(f'admin:{name}_changelist')}?{urlencode(query)}"

    since = timezone.localdate() - timedelta(days=DATA_SUBJECT_DAYS)
    return [
        Waiting(
            "listings",
            _("Listings in review"),
            DataProduct.objects.filter(status=DataProduct.Status.IN_REVIEW).count(),
            link("exchange_dataproduct", status__exact=DataProduct.Status.IN_REVIEW),
        ),
        Waiting(
            "topups",
            _("Top-ups to confirm"),
            TopUp.objects.filter(status=TopUp.Status.REQUESTED).count(),
            link("payouts_topup", status__exact=TopUp.Status.REQUESTED),
        ),
        Waiting(
            "withdrawals",
            _("Withdrawals waiting for the next batch"),
            Withdrawal.objects.filter(status=Withdrawal.Status.REQUESTED).count(),
            link("payouts_withdrawal", status__exact=Withdrawal.Status.REQUESTED),
        ),
        Waiting(
            "at_bank",
            _("Payout lines awaiting the bank's answer"),
            Withdrawal.objects.filter(status=Withdrawal.Status.BATCHED).count(),
            link("payouts_withdrawal", status__exact=Withdrawal.Status.BATCHED),
        ),
        Waiting(
            "merchants",
            _("Merchants awaiting verification"),
            Merchant.objects.filter(status=Merchant.Status.PENDING).count(),
            link("accounts_merchant", status__exact=Merchant.Status.PENDING),
        ),
        Waiting(
            "data_subjects",
            _("Data-subject requests (withdrawals, deletions) in the last 30 days"),
            ConsentReceipt.objects.filter(event__in=DATA_SUBJECT_EVENTS, created_at__date__gte=since).count(),
            link("consent_consentreceipt", event__in=",".join(DATA_SUBJECT_EVENTS), created_at__date__gte=since.isoformat()),
        ),
    ]


@register.simple_tag
def staff_queue():
    return staff_queue_counts()
