from celery import shared_task

from .services import invitations_expire_due
from .services.notify import invitation_notify_send


@shared_task(name="talent.invitations_expire", acks_late=True, time_limit=600, soft_time_limit=540)
def invitations_expire() -> int:
    return invitations_expire_due()


@shared_task(name="talent.invitation_notify", time_limit=60, soft_time_limit=50)
def invitation_notify(invitation_id: int) -> bool:
    return invitation_notify_send(invitation_id=invitation_id)
