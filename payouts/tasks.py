from celery import shared_task

from .services import holds_release_due


@shared_task(name="payouts.holds_release", acks_late=True, time_limit=600, soft_time_limit=540)
def holds_release() -> int:
    return holds_release_due()
