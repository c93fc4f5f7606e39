"""Side effects leave the process only after the transaction that caused them commits."""

import logging
import time
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)

# After a failed send, later sends are skipped (left to their sweeper) for this many seconds.
BROKER_RETRY_AFTER = 5.0
_broker_down_until = 0.0

__all__ = ["BrokerUnavailable", "enqueue_on_commit"]


def enqueue_on_commit(task, *args, on_sent: Callable[[], None] | None = None) -> None:
    """Send a Celery task once the current transaction commits (at once outside one).

    The change is already committed when this runs, so a broker that is down must
    not turn it into an error: the send is logged and given up at once (no retry
    loop holding the request), and the beat sweeper that owns the work (outbox,
    builds, uploads) sends it again when the broker is back. For a few seconds
    after a failed send no send is tried at all, so an outage costs requests nothing.

    `on_sent` runs after the broker took the message (e.g. to note when it was sent).
    """

    def send() -> None:
        global _broker_down_until
        if time.monotonic() < _broker_down_until:
            logger.warning("Broker unavailable: %s%r not sent now; its sweeper will send it", task.name, args)
            return
        try:
            task.apply_async(args=args, retry=False)
        except BrokerUnavailable:
            # Stop trying for a moment: during an outage each request would pay a connection timeout.
            _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER
            logger.warning("Broker unavailable: %s%r not sent now; its sweeper will send it", task.name, args)
            return
        if on_sent is not None:
            on_sent()

    transaction.on_commit(send)
