"""Side effects leave the process only after the transaction that caused them commits."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)

__all__ = ["BrokerUnavailable", "enqueue_on_commit"]


def enqueue_on_commit(task, *args) -> None:
    """Send a Celery task once the current transaction commits (at once outside one).

    The change is already committed when this runs, so a broker that is down must
    not turn it into an error: the send is logged and given up at once (no retry
    loop holding the request), and the beat sweeper that owns the work (outbox,
    builds, uploads) sends it again when the broker is back.
    """

    def send() -> None:
        try:
            task.apply_async(args=args, retry=False)
        except BrokerUnavailable:
            logger.warning("Broker unavailable: %s%r not sent now; its sweeper will send it", task.name, args)

    transaction.on_commit(send)
