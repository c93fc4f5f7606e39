"""Celery tasks: thin wrappers that take ids and call services.

Money tasks are safe to run twice (unique keys, state checks), so they are
acknowledged only when done (`acks_late`), handed back to the queue when the
process running them dies (`reject_on_worker_lost`: another worker process takes
it within seconds), and re-run after a transient database error (config/retry.py).
"""

from celery import shared_task

from config.retry import retry_transient

from .services.builds import version_build, versions_recover
from .services.idempotency import idempotency_keys_purge
from .services.orders import order_settle, outbox_resend, subscriptions_renew_due
from .services.stored_files import stored_orphans_sweep

_MONEY = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="exchange.builds_recover", time_limit=120, soft_time_limit=100)
def builds_recover() -> dict:
    return versions_recover()


@shared_task(name="exchange.build_version", acks_late=True, time_limit=1800, soft_time_limit=1700)
def build_version(version_id: int) -> None:
    version_build(version_id=version_id)


@shared_task(name="exchange.settle_order", time_limit=900, soft_time_limit=840, **_MONEY)
def settle_order(order_id: int) -> None:
    retry_transient(lambda: order_settle(order_id=order_id))


@shared_task(name="exchange.outbox_sweep", time_limit=120, soft_time_limit=100)
def outbox_sweep(resend_after_seconds: int | None = None) -> int:
    if resend_after_seconds is None:
        return retry_transient(outbox_resend)
    return retry_transient(lambda: outbox_resend(older_than_seconds=0, resend_after_seconds=resend_after_seconds))


@shared_task(name="exchange.subscriptions_renew", time_limit=600, soft_time_limit=540, **_MONEY)
def subscriptions_renew() -> int:
    """Beat job: charge the wallet for every subscription whose period ended (one order per period)."""
    return retry_transient(subscriptions_renew_due)


@shared_task(name="exchange.idempotency_keys_purge", time_limit=300, soft_time_limit=270)
def idempotency_keys_purge_due() -> int:
    """Beat job: forget API Idempotency-Keys older than the window (24 hours)."""
    return retry_transient(idempotency_keys_purge)


@shared_task(name="exchange.stored_orphans_sweep", time_limit=1800, soft_time_limit=1700)
def stored_orphans_sweep_due() -> dict:
    """Beat job: delete stored files that no row names, once past the grace period."""
    return stored_orphans_sweep()


@shared_task(name="exchange.webhook_deliver", time_limit=60, soft_time_limit=45)
def webhook_deliver(delivery_id: int) -> None:
    from .webhooks import delivery_attempt

    retry_transient(lambda: delivery_attempt(delivery_id=delivery_id))


@shared_task(name="exchange.webhooks_due", time_limit=300, soft_time_limit=270)
def webhooks_due() -> int:
    """Beat job: retries that are due, sends a broker outage held back, deliveries whose worker died."""
    from .webhooks import deliveries_due

    return retry_transient(deliveries_due)
