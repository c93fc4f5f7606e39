"""Every lock the accounts app takes, in one place."""

from django.db import connection

# An arbitrary constant: the advisory lock that serialises appends to the audit chain.
AUDIT_CHAIN_LOCK = 7_270_560_001


def audit_chain_lock() -> None:
    """Serialise appends to the audit chain until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock (works on an empty table too).
    SQLite: transactions are IMMEDIATE (settings), so writers are already serial.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK])


def memberships_for_update(merchant_id: int):
    """The organisation's memberships, locked in id order (role changes check the owners left)."""
    from .models import Membership

    return Membership.objects.select_for_update().filter(merchant_id=merchant_id).order_by("id")


def notification_unmailed_for_update(notification_id: int):
    """The notification if it is still to be e-mailed and no other sender holds it (else None)."""
    from .models import Notification

    return (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
