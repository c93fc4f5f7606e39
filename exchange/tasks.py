"""Celery tasks: thin wrappers that take ids and call services."""

from celery import shared_task

from .services.builds import version_build, versions_recover
from .services.orders import order_settle, outbox_resend, subscriptions_renew_due


@shared_task(name="exchange.builds_recover", time_limit=120, soft_time_limit=100)
def builds_recover() -> dict:
    return versions_recover()


@shared_task(name="exchange.build_version", acks_late=True, time_limit=1800, soft_time_limit=1700)
def build_version(version_id: int) -> None:
    version_build(version_id=version_id)


@shared_task(name="exchange.settle_order", acks_late=True, time_limit=900, soft_time_limit=840)
def settle_order(order_id: int) -> None:
    order_settle(order_id=order_id)


@shared_task(name="exchange.outbox_sweep", time_limit=120, soft_time_limit=100)
def outbox_sweep() -> int:
    return outbox_resend()


@shared_task(name="exchange.subscriptions_renew", time_limit=600, soft_time_limit=540)
def subscriptions_renew() -> int:
    """Beat job: charge the wallet for every subscription whose period ended (one order per period)."""
    return subscriptions_renew_due()
