"""Real Celery worker processes and private Redis servers for the fault and soak tests.

A worker started here is an OS process (`celery -A config worker`) on the test
database, so the data it reads must be committed (transactional_db). A Redis
started here listens on a free port of its own: a test may stop it, never the
machine's shared one.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from kombu import pools

from config.celery import app as celery_app

from .conftest import _port_open

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def broker_use(url: str) -> None:
    """Send from this process to `url`, dropping connections pooled for another broker."""
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = url
    pools.reset()
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def queue_purge() -> None:
    """Empty the queue, and forget messages an earlier test's killed worker left unacknowledged.

    Redis gives those back after the visibility timeout, to whichever test runs then.
    """
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        channel.queue_purge(celery_app.conf.task_default_queue)
        channel.client.delete(channel.unacked_key, channel.unacked_index_key)


def worker_start(
    redis_url: str, log: Path, *, pool: str = "solo", concurrency: int = 1, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """`env` adds to the worker's environment (e.g. its own MEDIA_ROOT and a STORAGE_URL)."""
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "CELERY_TASK_ALWAYS_EAGER": "0", **(env or {})}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}", f"--concurrency={concurrency}",
             "--without-mingle", "--without-gossip", "--without-heartbeat", "-l", "INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # the main process only: a warm shutdown lets its pool finish
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def worker_process(redis_url: str, log: Path, *, pool: str = "solo", concurrency: int = 1, env: dict[str, str] | None = None):
    """`celery -A config worker` as a real OS process on the test database; yields the Popen."""
    process = worker_start(redis_url, log, pool=pool, concurrency=concurrency, env=env)
    try:
        yield process
    finally:
        worker_stop(process)


def worker_children(pid: int) -> list[int]:
    """The pool processes of a prefork worker (Linux: /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def wait_for(predicate, *, seconds: float, what: str, log: Path | None = None, every: float = 0.05) -> float:
    """Poll `predicate` until true; returns the seconds it took, or fails with the worker's log tail."""
    started = time.monotonic()
    deadline = started + seconds
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic() - started
        time.sleep(every)
    tail = log.read_text(errors="replace")[-3000:] if log is not None and log.exists() else ""
    raise AssertionError(f"timed out after {seconds}s waiting for {what}\n{tail}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def own_redis(port: int, workdir: Path):
    """A private redis-server on `port` that the test may stop (never the machine's shared one)."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: _port_open(f"redis://127.0.0.1:{port}", port), seconds=20, what="redis-server to start")
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def backends_running(marker: str) -> list[int]:
    """PostgreSQL backend pids (other than this test's) running a statement that contains `marker`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
            "AND query LIKE %s AND pid <> pg_backend_pid()",
            [f"%{marker}%"],
        )
        return [row[0] for row in cursor.fetchall()]
