"""Settlement through a real Celery worker process: killed with SIGKILL half-way, and a Redis outage.

Both need PostgreSQL (the worker process shares the test database, so the test
data is committed: transactional_db) and a Redis server.
"""

import os
import shutil
import signal
import time

import pytest

from config.celery import app as celery_app
from exchange.models import Order, Outbox, PricePlan
from exchange.services.orders import order_place, outbox_resend
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.selectors import ledger_violations

from ..conftest import _port_open, require
from ..flow import build_start, buy, list_and_fund, product_define, world_create
from ..worker_harness import backends_running, broker_use, free_port, own_redis, queue_purge, wait_for, worker_process
from .settlement_world import expected_member_shares, members_seed


def _settled(order_ids) -> bool:
    return Order.objects.filter(pk__in=order_ids, status=Order.Status.SETTLED).count() == len(order_ids)


def _world(django_capture_on_commit_callbacks, *, wallet_fen=1_000_000):
    celery_app.conf.task_always_eager = True
    world = world_create(people=4)
    product = product_define(world, k=2)
    version = build_start(world, product)  # eager: built inline
    version.refresh_from_db()
    list_and_fund(world, product, wallet_fen=wallet_fen)
    return world, product, version


@pytest.fixture(autouse=True)
def _broker_restored():
    before = celery_app.conf.broker_url
    yield
    broker_use(before)
    celery_app.conf.task_always_eager = True


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    require(bool(url) and _port_open(url, 6379), "needs Redis: set REDIS_URL=redis://…")
    return url


@pytest.mark.postgres
def test_worker_killed_half_way_through_a_large_settlement_leaves_the_ledger_a_clean_run_would(
    postgres, redis_url, tmp_path, django_capture_on_commit_callbacks
):
    # given a version of 200,000 members and a worker process on Redis
    world, product, version = _world(django_capture_on_commit_callbacks)
    members_seed(version=version, n=200_000, tag="kill")
    broker_use(redis_url)
    queue_purge()
    log = tmp_path / "worker.log"
    with worker_process(redis_url, log) as worker:
        # when a buyer buys and the worker is killed with SIGKILL while it writes the members' postings
        order = buy(world, product)

        def writing_postings() -> bool:
            return bool(backends_running("pool_post: one posting per member"))

        wait_for(writing_postings, seconds=120, what="the worker to write postings", log=log)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    assert worker.returncode == -signal.SIGKILL

    # then nothing of the half-done settlement is visible: it was one transaction
    wait_for(lambda: not writing_postings(), seconds=120, what="PostgreSQL to abort the dead worker's transaction")
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert not JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE).exists()
    # (the seeded members joined before accounts opened at sign-up: the sale was opening theirs)
    assert not LedgerAccount.objects.filter(user__email__startswith="bulk-kill-").exists()

    # when the worker restarts and the outbox sweeper re-sends the unsettled order
    with worker_process(redis_url, log):
        assert outbox_resend(older_than_seconds=0, resend_after_seconds=0) == 1
        wait_for(lambda: _settled([order.pk]), seconds=300, what="the settlement after restart", log=log)

    # then the ledger is complete and exactly what a clean run gives
    sale = JournalEntry.objects.get(kind=JournalEntry.Kind.SALE, reference=order.reference)
    got = sorted(
        Posting.objects.filter(entry=sale, account__kind=LedgerAccount.Kind.SUBJECT_PENDING).values_list(
            "account__user_id", "amount"
        )
    )
    assert len(got) == 200_004
    assert got == expected_member_shares(order)
    assert Outbox.objects.get(key=f"{order.reference}:settle").processed_at is not None
    assert ledger_violations() == []


@pytest.mark.postgres
def test_purchases_succeed_while_redis_is_down_and_all_settle_when_it_returns(
    postgres, redis_url, tmp_path, django_capture_on_commit_callbacks, caplog
):
    require(shutil.which("redis-server") is not None, "needs redis-server (apt-get install redis-server)")
    world, product, _version = _world(django_capture_on_commit_callbacks)
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    log = tmp_path / "worker.log"
    broker_use(url)
    with own_redis(port, tmp_path), worker_process(url, log):
        # given a working broker: a purchase settles through the worker
        first = buy(world, product)
        wait_for(lambda: _settled([first.pk]), seconds=60, what="the first settlement")
    with worker_process(url, log):
        # when Redis is down, buyers keep buying (packs of credits: a version itself is sold once per buyer)
        pack = PricePlan.objects.create(product=product, kind=PricePlan.Kind.CREDITS, price_fen=1_000, credits=10)
        started = time.monotonic()
        during = [order_place(buyer=world.buyer, product=product, by=world.buyer_user, plan=pack) for _ in range(5)]
        # then every purchase committed at once, none settled yet, and the failed send was logged
        assert time.monotonic() - started < 30
        assert Order.objects.filter(pk__in=[o.pk for o in during], status=Order.Status.PAID).count() == 5
        assert "its sweeper will send it" in caplog.text
        # when Redis returns and the sweeper runs
        with own_redis(port, tmp_path):
            broker_use(url)
            wait_for(lambda: outbox_resend(older_than_seconds=0) >= 0 and _settled([o.pk for o in during]), seconds=120,
                  what="the sweeper to settle every order")  # fmt: skip
    # then every order is settled once and the ledger is sound
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE).count() == 6
    assert ledger_violations() == []
    celery_app.conf.task_always_eager = True


def _purchase_seconds(api, product_id: int, plan_id: int) -> float:
    started = time.perf_counter()
    response = api.post("/api/v1/orders/", {"product_id": product_id, "plan_id": plan_id}, format="json")
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, response.content
    return elapsed


@pytest.mark.postgres
def test_with_redis_stopped_the_purchase_api_keeps_its_latency_and_the_outbox_settles_later(
    postgres, redis_url, tmp_path, django_capture_on_commit_callbacks, settings, capsys
):
    # given the API on a cache and a broker that are both an own Redis, and a worker on it
    require(shutil.which("redis-server") is not None, "needs redis-server (apt-get install redis-server)")
    from rest_framework.test import APIClient

    from config.cache import ResilientRedisCache
    from exchange.services.api_keys import api_key_create

    world, product, _version = _world(django_capture_on_commit_callbacks)
    # packs of credits: a version itself is sold once per buyer
    pack = PricePlan.objects.create(product=product, kind=PricePlan.Kind.CREDITS, price_fen=1_000, credits=10)
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    ResilientRedisCache._down_until = 0.0
    _key, secret = api_key_create(merchant=world.buyer, name="outage", by=world.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    log = tmp_path / "worker.log"
    broker_use(url)
    with own_redis(port, tmp_path), worker_process(url, log):
        up = [_purchase_seconds(api, product.pk, pack.pk) for _ in range(6)]
        wait_for(lambda: Order.objects.filter(status=Order.Status.SETTLED).count() == 6, seconds=60, what="settlements")
    # when Redis stops (cache, throttle counters and broker all gone)
    down = [_purchase_seconds(api, product.pk, pack.pk) for _ in range(6)]
    # then every purchase succeeded, about as fast as before, and waits in the outbox
    up_median, down_median = sorted(up)[3], sorted(down)[3]
    with capsys.disabled():
        print(f"\npurchase latency, Redis up: median {up_median * 1000:.0f} ms, max {max(up) * 1000:.0f} ms; "  # noqa: T201
              f"Redis stopped: median {down_median * 1000:.0f} ms, max {max(down) * 1000:.0f} ms")  # fmt: skip
    assert down_median <= max(0.25, 2 * up_median)  # the typical purchase is as fast as with Redis up
    assert max(down) < max(1.0, 3 * max(up))
    assert Order.objects.filter(status=Order.Status.PAID).count() == 6
    # when Redis returns, a worker starts and resumes the outbox on its own (no beat, no sweep call)
    with own_redis(port, tmp_path), worker_process(url, log):
        wait_for(lambda: Order.objects.filter(status=Order.Status.SETTLED).count() == 12, seconds=60,
              what="the returning worker to settle the outbox", log=log)  # fmt: skip
    assert ledger_violations() == []
    ResilientRedisCache._down_until = 0.0
