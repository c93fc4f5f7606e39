"""Purchases and settlements racing on PostgreSQL: latency and deadlocks under contention.

    DATABASE_URL=postgres://… python bench/purchases.py --threads 8 --orders 40

`--threads` buyers (one funded wallet each) buy `--orders` datasets of one provider at once; each
thread places an order and settles it at once, as a worker would, so purchases
and settlements of different buyers run side by side on the shared accounts.
Runs in its own `<db>_bench` database (bench/population.py).
Reports the purchase and settlement latencies, how many calls failed with a
database error (deadlock, serialisation) and orders per second. One JSON line.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

from population import bench_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--orders", type=int, default=10, help="orders per thread")
    args = parser.parse_args()
    with bench_database():
        _measure(args)


def _measure(args) -> None:
    from django.db import DatabaseError, connections

    from config.celery import app as celery_app
    from exchange.services.orders import order_place, order_settle
    from payouts.models import TopUp
    from payouts.services import wallet_topup_confirm, wallet_topup_request
    from tests.exchange.buyer_world import listed_dataset
    from tests.factories import MerchantFactory, ProviderFactory, StaffFactory, member_of

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "memory://"  # settlement runs in the thread, not through a broker
    tag = f"{time.time_ns()}"
    provider = ProviderFactory(name=f"Bench provider {tag}")
    # A version is sold once to each buyer: each thread buys `orders` different datasets.
    products = [listed_dataset(provider, title=f"Bench dataset {tag}-{n}", price_fen=1_000) for n in range(args.orders)]
    staff = StaffFactory(email=f"bench-staff-{tag}@example.com")
    buyers = []
    for i in range(args.threads):
        buyer = MerchantFactory(name=f"Bench buyer {tag}-{i}")
        user = member_of(buyer, email=f"bench-{tag}-{i}@example.com")
        topup = wallet_topup_request(merchant=buyer, amount_fen=10_000_000, bank_reference=f"B-{tag}-{i}", by=user)
        wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=staff)
        buyers.append((buyer, user))

    purchase_ms: list[float] = []
    settle_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.threads)

    def run(buyer, user) -> None:
        try:
            barrier.wait()
            for product in products:
                started = time.perf_counter()
                try:
                    order = order_place(buyer=buyer, product=product, by=user)
                except DatabaseError as exc:
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                placed = time.perf_counter()
                try:
                    order_settle(order_id=order.pk)
                except DatabaseError as exc:
                    with lock:
                        errors.append(type(exc).__name__)
                done = time.perf_counter()
                with lock:
                    purchase_ms.append((placed - started) * 1000)
                    settle_ms.append((done - placed) * 1000)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in buyers]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "bench": "purchases",
                "n": args.threads * args.orders,
                "threads": args.threads,
                "seconds": round(seconds, 3),
                "orders_per_second": round(len(purchase_ms) / seconds, 1),
                "p50_ms": round(statistics.median(purchase_ms), 1) if purchase_ms else 0,
                "p95_ms": round(_pct(purchase_ms, 0.95), 1),
                "settle_p50_ms": round(statistics.median(settle_ms), 1) if settle_ms else 0,
                "settle_p95_ms": round(_pct(settle_ms, 0.95), 1),
                "database_errors": len(errors),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
