"""Celery tasks: thin wrappers that take ids and call services."""

from celery import shared_task

from .services.uploads import upload_parse, uploads_recover


@shared_task(name="consent.upload_parse", acks_late=True, time_limit=180, soft_time_limit=150)
def upload_parse_task(upload_id: int) -> None:
    upload_parse(upload_id=upload_id)


@shared_task(name="consent.uploads_recover", time_limit=120, soft_time_limit=100)
def uploads_recover_task() -> dict:
    return uploads_recover()
