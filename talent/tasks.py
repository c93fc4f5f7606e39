import logging
import smtplib

from celery import shared_task

from .services import invitations_expire_due
from .services.notify import invitation_notify_send

logger = logging.getLogger(__name__)


@shared_task(name="talent.invitations_expire", acks_late=True, time_limit=600, soft_time_limit=540)
def invitations_expire() -> int:
    return invitations_expire_due()


@shared_task(
    name="talent.invitation_notify",
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
    time_limit=60,
)
def invitation_notify(invitation_id: int) -> bool:
    return invitation_notify_send(invitation_id=invitation_id)
