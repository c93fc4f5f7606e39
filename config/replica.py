"""Reads that tolerate lag go to a streaming replica; everything else stays on the primary.

A `replica` database exists when REPLICA_DATABASE_URL is set (config/settings.py). A read goes
there only when all of these hold:

- the code asked for it: the catalog, the exchange's statistics and the merchant dashboard run
  inside `lag_tolerated()` (a context manager and a view decorator);
- it is not inside a transaction on the primary (an order, a settlement, a refund read what
  they are about to change on the primary, with their locks);
- its model is not money, identity or sessions (payouts, accounts, auth, sessions, …): a
  wallet balance, a membership or a login is never read from a copy that may be behind;
- the replica answered its last health check, at most REPLICA_CHECK_SECONDS ago, with a
  replay lag within REPLICA_MAX_LAG_SECONDS, measured against the primary's WAL position at
  that check (so a standby cut off from its primary, which has replayed all it received, is
  behind as soon as the primary writes, and is left at once when no WAL receiver streams to it).

Otherwise the read goes to the primary: a replica that lags beyond the bound, or is down,
costs the catalog nothing but the primary's time. Writes always go to the primary.
"""

import contextvars
import functools
import logging
import math
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Apps whose rows are never read from the replica, whatever the caller tolerates.
PRIMARY_ONLY_APPS = frozenset({"payouts", "accounts", "auth", "sessions", "contenttypes", "admin", "account", "socialaccount"})

# Where the primary's durable WAL ends now: what a standby must have replayed to be current.
_PRIMARY_POSITION_SQL = "SELECT pg_current_wal_flush_lsn()::text"

# Seconds the replica is behind the primary, given the primary's position just read: 0 when it
# has replayed up to there (or is no standby at all); infinite when it is behind and no WAL
# receiver streams to it (cut off from the primary: it replayed all it received, and will
# receive nothing more); else the age of the last transaction it replayed. A receiver's status
# is visible to superusers and pg_read_all_stats only; to others a running receiver counts as
# streaming, and a silent cut-off shows as a lag that grows past the bound.
_LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_replay_lsn() >= %s::pg_lsn THEN 0
    WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE COALESCE(status, 'streaming') = 'streaming')
        THEN 'Infinity'::float8
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END
"""

_tolerated = contextvars.ContextVar("replica_lag_tolerated", default=False)
_health = {"checked_at": float("-inf"), "usable": False}


@contextmanager
def lag_tolerated():
    """Reads inside may be served by the replica (seconds behind the primary at most)."""
    token = _tolerated.set(True)
    try:
        yield
    finally:
        _tolerated.reset(token)


def lag_tolerant(view):
    """View decorator: the view's reads may come from the replica (see `lag_tolerated`).

    For read-only views (functions or methods). A replica that went down since its last
    health check fails the first attempt; the view then runs again on the primary, once.
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with lag_tolerated():
            try:
                return view(*args, **kwargs)
            except DatabaseError:
                if not _replica_went_down():
                    raise
        logger.warning("Replica failed during a request: served by the primary")
        return view(*args, **kwargs)

    return wrapped


def _replica_went_down() -> bool:
    """After a database error in a lag-tolerant view: was it the replica? Marks it unusable if so."""
    if REPLICA not in settings.DATABASES:
        return False
    connection = connections[REPLICA]
    try:
        connection.ensure_connection()
        if connection.is_usable():
            return False  # the replica answers: the error was something else
    except DatabaseError:
        pass
    connection.close()
    _health.update(checked_at=time.monotonic(), usable=False)
    return True


def replica_lag_seconds() -> float | None:
    """The replica's replay lag now, or None when it cannot be asked (down, refusing, not configured).

    Measured against the primary's position read first, not against what the replica itself
    received: a standby cut off from its primary has replayed all it received, yet is behind.
    """
    if REPLICA not in settings.DATABASES:
        return None
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute(_PRIMARY_POSITION_SQL)
            position = cursor.fetchone()[0]
    except DatabaseError:
        return None  # the primary cannot say where it is: nothing proves the replica current
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_LAG_SQL, [position])
            return float(cursor.fetchone()[0])
    except DatabaseError:
        connection.close()  # the next check connects afresh
        return None


def replica_usable() -> bool:
    """Whether lag-tolerant reads may go to the replica now; asks it at most every few seconds."""
    if REPLICA not in settings.DATABASES:
        return False
    now = time.monotonic()
    if now - _health["checked_at"] < settings.REPLICA_CHECK_SECONDS:
        return _health["usable"]
    lag = replica_lag_seconds()
    usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    if usable != _health["usable"]:
        if usable:
            logger.info("Replica in use again (lag %.1f s)", lag)
        else:
            reason = "unreachable" if lag is None else "cut off from the primary" if math.isinf(lag) else f"{lag:.1f} s behind"
            logger.warning("Replica not used: %s", reason)
    _health.update(checked_at=now, usable=usable)
    return usable


def replica_health_forget() -> None:
    """The next lag-tolerant read asks the replica again (tests, and after a failover)."""
    _health.update(checked_at=float("-inf"), usable=False)


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model, **hints):
        if not _tolerated.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA if replica_usable() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: objects from either relate

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
