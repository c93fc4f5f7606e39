"""Celery tasks of the accounts app: thin wrappers that take ids and call services."""

from celery import shared_task

from config.retry import retry_transient

from .notifications import notifications_mail_due, notifications_mail_send


@shared_task(name="accounts.notifications_mail", time_limit=120, soft_time_limit=100)
def notifications_mail(ids: list[int]) -> int:
    return retry_transient(lambda: notifications_mail_send(ids))


@shared_task(name="accounts.notifications_mail_sweep", time_limit=300, soft_time_limit=270)
def notifications_mail_sweep() -> int:
    return retry_transient(notifications_mail_due)
