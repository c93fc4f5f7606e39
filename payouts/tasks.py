from celery import shared_task

from config.retry import retry_transient

from .services import holds_release_due, payout_batch_create


@shared_task(name="payouts.holds_release", acks_late=True, reject_on_worker_lost=True, time_limit=600, soft_time_limit=540)
def holds_release() -> int:
    return retry_transient(holds_release_due)


@shared_task(name="payouts.batch_create", acks_late=True, reject_on_worker_lost=True, time_limit=600, soft_time_limit=540)
def batch_create() -> int | None:
    batch = retry_transient(payout_batch_create)
    return batch.pk if batch else None
