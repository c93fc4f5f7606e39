"""Celery tasks: thin wrappers that take ids and call services."""

from celery import shared_task

from config.files import StorageUnavailable

from .services.uploads import upload_parse, uploads_recover


# A file store that does not answer gives the upload back to the queue: the parse is tried again
# within about a minute (2, 4, 8, 16, 32 s with jitter), then left to uploads_recover's resend.
@shared_task(
    name="consent.upload_parse",
    acks_late=True,
    time_limit=180,
    soft_time_limit=150,
    autoretry_for=(StorageUnavailable,),
    retry_backoff=2,
    retry_backoff_max=32,
    retry_jitter=True,
    max_retries=5,
)
def upload_parse_task(upload_id: int) -> None:
    upload_parse(upload_id=upload_id)


@shared_task(name="consent.uploads_recover", time_limit=120, soft_time_limit=100)
def uploads_recover_task() -> dict:
    return uploads_recover()
