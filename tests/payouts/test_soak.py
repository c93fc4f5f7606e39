"""Twenty threads against the money code for a minute, on PostgreSQL, with a real Celery worker process.

Buyers purchase credit packs through the REST API (pairs of threads share a
buyer and, for every third purchase, one Idempotency-Key); staff refund orders
before settlement, inside the refund window and after it; holds are released;
providers withdraw their earnings; a thread settles orders itself, racing the
worker. The worker (`celery -A config worker`, a subprocess on this test's Redis
database) settles every purchase. Afterwards: no server error, no failed task,
no deadlock, every order settled or refunded within 10 seconds, and the ledger
verified. SOAK_SECONDS sets the duration (60 by default).

Needs PostgreSQL and Redis: without them it is skipped (failed on CI).
"""

import os
import random
import re
import statistics
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from config.celery import app as celery_app
from config.errors import ApplicationError
from exchange.models import Order, PricePlan
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_refund, order_settle
from payouts.models import JournalEntry, PayoutAccount
from payouts.selectors import earnings_for_merchant, ledger_violations
from payouts.services import hold_release, payout_account_add, withdrawal_request

from ..conftest import _port_open, require
from ..exchange.buyer_world import fund, listed_dataset
from ..exchange.settlement_world import members_seed
from ..factories import MerchantFactory, ProviderFactory, StaffFactory, member_of
from ..flow import build_start, list_and_fund, product_define, world_create
from ..worker_harness import broker_use, queue_purge, wait_for, worker_process

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
BUYER_PAIRS = 6  # 12 buying threads, two per buyer
DRAIN_SECONDS = 10


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    require(bool(url) and _port_open(url, 6379), "needs Redis: set REDIS_URL=redis://…")
    before = celery_app.conf.broker_url
    yield url
    broker_use(before)
    celery_app.conf.task_always_eager = True


def _deadlocks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def _market():
    """Two providers (one personal-data product with 2,000 members, three datasets), credit packs, funded buyers."""
    celery_app.conf.task_always_eager = True
    world = world_create(people=4)
    personal = product_define(world, k=2, price_fen=5_000)
    version = build_start(world, personal)
    version.refresh_from_db()
    list_and_fund(world, personal, wallet_fen=10_000)
    members_seed(version=version, n=2_000, tag="soak")
    other = ProviderFactory(name="Pearl River Maps")
    other_user = member_of(other)
    products = [personal] + [listed_dataset(other, title=f"Road network {n}", price_fen=3_000) for n in range(3)]
    plans = [
        PricePlan.objects.create(product=product, kind=PricePlan.Kind.CREDITS, price_fen=1_000 + 500 * n, credits=10)
        for n, product in enumerate(products)
    ]
    staff = StaffFactory()
    buyers = []
    for n in range(BUYER_PAIRS):
        buyer = MerchantFactory(name=f"Soak buyer {n}")
        user = member_of(buyer)
        # the last buyer's wallet runs dry early: its purchases end in 402, which is an answer, not an error
        fund(buyer, user, staff, fen=20_000 if n == BUYER_PAIRS - 1 else 5_000_000, reference=f"SOAK-{n}")
        _key, secret = api_key_create(merchant=buyer, name="soak", by=user)
        buyers.append(secret)
    payees = []
    for provider, user in ((world.provider, world.provider_user), (other, other_user)):
        account = payout_account_add(
            kind=PayoutAccount.Kind.ALIPAY, holder_name="Finance", number=f"finance{provider.pk}@example.com", merchant=provider
        )
        payees.append((provider, user, account))
    return plans, buyers, staff, payees


def test_twenty_threads_for_a_minute_leave_no_error_no_deadlock_and_a_verified_ledger(postgres, redis_url, tmp_path, capsys):
    plans, buyers, staff, payees = _market()
    window = timedelta(days=settings.EXCHANGE["REFUND_WINDOW_DAYS"], hours=1)
    broker_use(redis_url)
    queue_purge()
    log = tmp_path / "worker.log"
    stop = threading.Event()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter = Counter()
    outcomes: Counter = Counter()
    failures: list[str] = []
    keyed: dict[str, set] = {}

    def record(kind: str) -> None:
        with lock:
            outcomes[kind] += 1

    def failed(where: str, exc: BaseException) -> None:
        with lock:
            failures.append(f"{where}: {type(exc).__name__}: {exc}")

    def buyer_thread(pair: int, twin: int) -> None:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Api-Key {buyers[pair]}")
        rng = random.Random(pair * 2 + twin)
        n = 0
        while not stop.is_set():
            plan = plans[rng.randrange(len(plans))] if n % 3 else plans[(n // 3) % len(plans)]
            headers = {}
            if n % 3 == 0:  # both threads of the pair send this key, for the same plan, at about the same time
                headers["HTTP_IDEMPOTENCY_KEY"] = f"soak-{pair}-{n}"
            started = time.perf_counter()
            try:
                response = api.post(
                    "/api/v1/orders/", {"product_id": plan.product_id, "plan_id": plan.pk}, format="json", **headers
                )
            except Exception as exc:  # noqa: BLE001 - an exception through the API is a server error
                failed("purchase", exc)
                response = None
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[response.status_code if response is not None else 500] += 1
                if headers and response is not None and response.status_code == 201:
                    keyed.setdefault(headers["HTTP_IDEMPOTENCY_KEY"], set()).add(response.json()["id"])
            n += 1
            time.sleep(rng.uniform(0.5, 1.5))  # a client's think time: the worker must keep up, not the queue grow
        connections.close_all()

    def service_thread(name: str, step, pause: tuple[float, float]) -> None:
        rng = random.Random(name)
        while not stop.is_set():
            try:
                step(rng)
            except ApplicationError as exc:  # business refusals: already refunded, insufficient funds, owed receivable
                record(f"{name} refused ({getattr(exc, 'code', '') or type(exc).__name__})")
            except Exception as exc:  # noqa: BLE001
                failed(name, exc)
            time.sleep(rng.uniform(*pause))
        connections.close_all()

    def some_order(*statuses_wanted) -> Order | None:
        return Order.objects.filter(status__in=statuses_wanted).order_by("?").first()

    def refund_early(rng) -> None:
        order = some_order(Order.Status.PAID, Order.Status.SETTLED)
        if order is not None:
            order_refund(order=order, by=staff, reason="Bought by mistake")
            record("refund paid/within window")

    def refund_late(rng) -> None:
        order = some_order(Order.Status.SETTLED)
        if order is not None:
            order_refund(order=order, by=staff, reason="Data not as described", now=timezone.now() + window)
            record("refund after window")

    def release(rng) -> None:
        sale = (
            JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE)
            .exclude(followers__kind__in=[JournalEntry.Kind.RELEASE, JournalEntry.Kind.REFUND])
            .order_by("?")
            .first()
        )
        if sale is not None and rng.random() < 0.5:
            if hold_release(sale=sale) is not None:
                record("release")

    def withdraw(rng) -> None:
        provider, user, account = payees[rng.randrange(len(payees))]
        available_fen = earnings_for_merchant(merchant=provider).available // 10_000
        if available_fen >= 1_000:
            withdrawal_request(payout_account=account, amount_fen=rng.randint(1_000, available_fen), by=user, merchant=provider)
            record("withdrawal")

    def settle(rng) -> None:
        order = some_order(Order.Status.PAID)
        if order is not None:
            order_settle(order_id=order.pk)
            record("settled here")

    threads = [threading.Thread(target=buyer_thread, args=(pair, twin)) for pair in range(BUYER_PAIRS) for twin in (0, 1)]
    # staff refund about one order in four; releases, withdrawals and the settling thread run flat out
    for name, step, count, pause in (
        ("refund_early", refund_early, 2, (0.4, 1.2)),
        ("refund_late", refund_late, 2, (0.4, 1.2)),
        ("release", release, 2, (0.02, 0.1)),
        ("withdraw", withdraw, 1, (0.02, 0.1)),
        ("settle", settle, 1, (0.02, 0.1)),
    ):
        threads += [threading.Thread(target=service_thread, args=(f"{name}{i}", step, pause)) for i in range(count)]
    assert len(threads) == 20

    deadlocks_before = _deadlocks()
    with worker_process(redis_url, log, pool="prefork", concurrency=2):
        wait_for(lambda: "ready." in log.read_text(errors="replace"), seconds=60, what="the worker to start", log=log)
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join()
        # then within 10 s of the end every order is settled or refunded, by the worker alone
        try:
            drained = wait_for(
                lambda: not Order.objects.filter(status=Order.Status.PAID).exists(),
                seconds=DRAIN_SECONDS,
                what="every order to be settled or refunded",
            )
        except AssertionError:
            drained = float("inf")
        worker_log = log.read_text(errors="replace")
    deadlocks = _deadlocks() - deadlocks_before
    orders = Order.objects.count()
    by_status = Counter(Order.objects.values_list("status", flat=True))
    ordered = sorted(latencies)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    retries = len(re.findall(r"Transient database error", worker_log))
    with capsys.disabled():
        print(  # noqa: T201
            f"\nsoak {SECONDS:.0f} s, 20 threads: {orders} orders ({dict(by_status)}), {len(latencies)} purchase requests "
            f"({dict(statuses)}), purchase p50 {p50 * 1000:.0f} ms p99 {p99 * 1000:.0f} ms, deadlocks {deadlocks}, "
            f"worker retries {retries}, settled or refunded {drained:.1f} s after the end; {dict(outcomes)}"
        )

    assert drained <= DRAIN_SECONDS, f"orders still unsettled {DRAIN_SECONDS} s after the end\n{worker_log[-3000:]}"
    assert failures == [], failures[:10]
    assert statuses[500] == 0 and not any(code >= 500 for code in statuses)
    assert set(statuses) <= {201, 402}, statuses
    assert deadlocks == 0
    assert " raised unexpected" not in worker_log and "ERROR/" not in worker_log, worker_log[-3000:]
    assert orders > 0 and by_status[Order.Status.PAID] == 0
    # a key both threads of a pair sent placed one order, and both were answered with it
    assert keyed and all(len(ids) == 1 for ids in keyed.values()), {k: v for k, v in keyed.items() if len(v) != 1}
    assert ledger_violations() == []
