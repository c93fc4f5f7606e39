"""Side effects leave the process only after the transaction that caused them commits."""

from django.db import transaction


def enqueue_on_commit(task, *args) -> None:
    """Send a Celery task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task.delay(*args))
