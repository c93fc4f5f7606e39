"""The organisation confirms it deleted details whose disclosure consent was withdrawn."""

from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import Merchant, User

from ..models import DeletionNotice


@transaction.atomic
def deletion_notice_acknowledge(*, merchant: Merchant, disclosure_id, by: User) -> bool:
    """Record that `merchant` deleted the withdrawn details (a conditional update: once, by its own members)."""
    try:
        disclosure_id = int(disclosure_id)
    except (TypeError, ValueError):
        return False
    done = DeletionNotice.objects.filter(disclosure_id=disclosure_id, merchant=merchant, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if done:
        audit_record(action="talent.details_deleted", actor_id=by.pk, object_type="disclosure", object_id=disclosure_id, data={})
    return bool(done)
