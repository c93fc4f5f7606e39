"""Retrying a unit of work after a transient database error, and only then.

Transient: a deadlock (40P01), a serialization failure (40001), the server
ending the connection (57P01 when an administrator terminates the backend,
57P02/57P03 at shutdown, class 08), or a connection that is simply gone. Any
other error is a bug or a business refusal and is raised at once. Each retry
starts on a fresh connection, after an exponential backoff with jitter, capped.

A retry re-runs the whole service, so only services that are safe to run twice
(every money task: unique keys and state checks) are wrapped; and it can only
happen outside a transaction, since the failed transaction is gone.
"""

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)
T = TypeVar("T")

TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "57P01", "57P02", "57P03"})


def is_transient(exc: BaseException) -> bool:
    """Whether `exc` is a database error that a fresh attempt may not meet again."""
    if isinstance(exc, InterfaceError):  # "connection already closed"
        return True
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in TRANSIENT_SQLSTATES or sqlstate.startswith("08")
    # No SQLSTATE: the server never answered (closed socket, server gone).
    return True


def backoff_seconds(attempt: int, *, base: float = 0.2, cap: float = 5.0) -> float:
    """Full-jitter exponential backoff: a random delay up to base·2^(attempt-1), never above `cap`."""
    return random.uniform(base / 2, min(cap, base * 2 ** (attempt - 1)))


def retry_transient(work: Callable[[], T], *, attempts: int = 8, base: float = 0.2, cap: float = 5.0, sleep=time.sleep) -> T:
    """Run `work()`; after a transient database error run it again, at most `attempts` times in all."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (OperationalError, InterfaceError) as exc:
            if not is_transient(exc) or attempt == attempts or connection.in_atomic_block:
                raise
            # A lost connection cannot be reused; a deadlocked one can, but a fresh one is as cheap.
            connection.close()
            delay = backoff_seconds(attempt, base=base, cap=cap)
            logger.warning("Transient database error (%s), attempt %d of %d; retrying in %.2fs", exc, attempt, attempts, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
