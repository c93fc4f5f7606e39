"""Faults in the middle of a large settlement, recovered within seconds and without beat.

A real Celery worker process settles a sale of many members on PostgreSQL. While
it writes the members' postings its pool process is killed (SIGKILL), the whole
worker is killed and restarted, or its database connection is terminated by an
administrator (`pg_terminate_backend`). Nothing calls the outbox sweep: the
order must be settled within 15 seconds all the same, once, and exactly as a
clean run settles it. A worker that lives through a Redis outage settles the
orders bought meanwhile once Redis is back; purchase latency with Redis stopped
is measured in tests/exchange/test_settlement_worker.py.
"""

import os
import shutil
import signal
import time

import pytest
from django.db import connection

from config.celery import app as celery_app
from exchange.models import Order, PricePlan, VersionMember
from exchange.services.orders import order_place
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.pool import subject_accounts_ensure
from payouts.selectors import ledger_violations

from ..conftest import _port_open, require
from ..exchange.buyer_world import market_create, plan
from ..exchange.settlement_world import expected_member_shares, members_seed
from ..flow import build_start, buy, list_and_fund, product_define, world_create
from ..worker_harness import (
    backends_running,
    broker_use,
    free_port,
    own_redis,
    queue_purge,
    wait_for,
    worker_children,
    worker_process,
    worker_start,
    worker_stop,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

MEMBERS = int(os.environ.get("FAULT_MEMBERS", "60000"))
RESUME_SECONDS = 15
SPLIT = "pool_post: one posting per member"


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    require(bool(url) and _port_open(url, 6379), "needs Redis: set REDIS_URL=redis://…")
    before = celery_app.conf.broker_url
    yield url
    broker_use(before)
    celery_app.conf.task_always_eager = True


@pytest.fixture
def large_sale(postgres):
    """A personal-data product whose current version has MEMBERS members, and a funded buyer."""
    celery_app.conf.task_always_eager = True
    world = world_create(people=4)
    product = product_define(world, k=2)
    version = build_start(world, product)  # eager: built inline
    version.refresh_from_db()
    list_and_fund(world, product, wallet_fen=1_000_000)
    members_seed(version=version, n=MEMBERS, tag="fault")
    # The members were paid before (their earnings accounts exist): the settlement is the split itself.
    subject_accounts_ensure(VersionMember.objects.filter(version=version).values_list("user_id", "weight"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE payouts_ledgeraccount")
    return world, product


def _ready(log, *, second: bool = False):
    return lambda: log.read_text(errors="replace").count("ready.") >= (2 if second else 1)


def _settled(order: Order):
    return lambda: Order.objects.filter(pk=order.pk, status=Order.Status.SETTLED).exists()


def _settled_as_a_clean_run(order: Order) -> None:
    order.refresh_from_db()
    assert order.status == Order.Status.SETTLED
    sale = JournalEntry.objects.get(kind=JournalEntry.Kind.SALE, reference=order.reference)
    got = sorted(
        Posting.objects.filter(entry=sale, account__kind=LedgerAccount.Kind.SUBJECT_PENDING).values_list(
            "account__user_id", "amount"
        )
    )
    assert got == expected_member_shares(order)
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE).count() == 1
    assert ledger_violations() == []


def _buy_and_wait_for_the_split(world, product, log) -> Order:
    order = buy(world, product)
    wait_for(lambda: bool(backends_running(SPLIT)), seconds=120, what="the worker to write the members' postings", log=log)
    return order


def test_pool_process_killed_mid_split_is_settled_by_its_worker_within_seconds(large_sale, redis_url, tmp_path, capsys):
    # given a prefork worker (one pool process) on Redis
    world, product = large_sale
    broker_use(redis_url)
    queue_purge()
    log = tmp_path / "worker.log"
    with worker_process(redis_url, log, pool="prefork", concurrency=1) as worker:
        wait_for(_ready(log), seconds=60, what="the worker to start", log=log)
        # when the pool process is killed with SIGKILL while it writes the members' postings
        order = _buy_and_wait_for_the_split(world, product, log)
        (child,) = worker_children(worker.pid)
        killed = time.monotonic()
        os.kill(child, signal.SIGKILL)
        # then the worker hands the message back (acks_late, reject_on_worker_lost) and a new pool process settles it
        wait_for(_settled(order), seconds=RESUME_SECONDS, what="the order to be settled again", log=log)
        took = time.monotonic() - killed
    with capsys.disabled():
        print(f"\npool process SIGKILLed mid-split ({MEMBERS} members): settled {took:.1f} s later")  # noqa: T201
    assert "WorkerLostError" in log.read_text(errors="replace")
    _settled_as_a_clean_run(order)


def test_worker_killed_mid_split_is_settled_by_the_restarted_worker_within_seconds(large_sale, redis_url, tmp_path, capsys):
    # given a worker process on Redis
    world, product = large_sale
    broker_use(redis_url)
    queue_purge()
    log = tmp_path / "worker.log"
    worker = worker_start(redis_url, log)
    try:
        wait_for(_ready(log), seconds=60, what="the worker to start", log=log)
        # when the whole worker is killed with SIGKILL mid-split (its message stays unacknowledged
        # in Redis for the visibility timeout), and is started again as a supervisor would
        order = _buy_and_wait_for_the_split(world, product, log)
        killed = time.monotonic()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        worker = worker_start(redis_url, log)
        restart = wait_for(_ready(log, second=True), seconds=60, what="the worker to start again", log=log)
        # then the restarted worker resumes the settlement on its own (no beat, no sweep called here)
        # within seconds of starting; how long a supervisor takes to start it is not the exchange's
        resumed = wait_for(_settled(order), seconds=RESUME_SECONDS, what="the restarted worker to settle the order", log=log)
        took = time.monotonic() - killed
    finally:
        worker_stop(worker)
    with capsys.disabled():
        print(f"\nworker SIGKILLed mid-split ({MEMBERS} members) and restarted: started again in {restart:.1f} s, "  # noqa: T201
              f"settled {resumed:.1f} s after that ({took:.1f} s after the kill)")  # fmt: skip
    _settled_as_a_clean_run(order)


def test_connection_terminated_mid_split_is_retried_and_settled_within_seconds(large_sale, redis_url, tmp_path, capsys):
    # given a worker process on Redis
    world, product = large_sale
    broker_use(redis_url)
    queue_purge()
    log = tmp_path / "worker.log"
    with worker_process(redis_url, log):
        wait_for(_ready(log), seconds=60, what="the worker to start", log=log)
        # when an administrator terminates the worker's database connection while it writes the postings
        order = _buy_and_wait_for_the_split(world, product, log)
        (backend,) = backends_running(SPLIT)
        killed = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
            assert cursor.fetchone()[0] is True
        # then the task meets a transient error, retries on a fresh connection and settles
        wait_for(_settled(order), seconds=RESUME_SECONDS, what="the retried settlement", log=log)
        took = time.monotonic() - killed
    with capsys.disabled():
        print(f"\nworker's connection terminated mid-split ({MEMBERS} members): settled {took:.1f} s later")  # noqa: T201
    assert "Transient database error" in log.read_text(errors="replace")
    _settled_as_a_clean_run(order)


def test_a_worker_that_lives_through_a_redis_outage_settles_what_was_bought_meanwhile(postgres, tmp_path, capsys):
    # given a worker on an own Redis (never the machine's shared one) that stays up through the outage
    require(shutil.which("redis-server") is not None, "needs redis-server (apt-get install redis-server)")
    celery_app.conf.task_always_eager = True
    market = market_create()
    pack = plan(market.product, PricePlan.Kind.CREDITS, 1_000, credits=10)
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    log = tmp_path / "worker.log"
    before = celery_app.conf.broker_url
    broker_use(url)
    try:
        with own_redis(port, tmp_path) as server:
            worker = worker_start(url, log)
            try:
                wait_for(_ready(log), seconds=60, what="the worker to start", log=log)
                # when Redis stops while buyers buy
                server.terminate()
                server.wait(timeout=20)
                during = [
                    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack) for _ in range(3)
                ]
                assert Order.objects.filter(pk__in=[o.pk for o in during], status=Order.Status.PAID).count() == 3
                # and comes back on the same port
                with own_redis(port, tmp_path):
                    returned = time.monotonic()
                    # then the worker reconnects and settles them on its own: no beat, no sweep called here
                    wait_for(
                        lambda: Order.objects.filter(pk__in=[o.pk for o in during], status=Order.Status.SETTLED).count() == 3,
                        seconds=30, what="the reconnected worker to settle the orders", log=log,
                    )  # fmt: skip
                    took = time.monotonic() - returned
            finally:
                worker_stop(worker)
    finally:
        broker_use(before)
        celery_app.conf.task_always_eager = True
    with capsys.disabled():
        print(f"\nRedis back: the worker reconnected and settled the outage's orders {took:.1f} s later")  # noqa: T201
    assert ledger_violations() == []
