"""Settling one sale over N members on PostgreSQL, against the floor of writing the same rows.

    DATABASE_URL=postgres://… python bench/settlement.py --members 1000000

Creates, migrates and drops its own `<db>_bench` database (bench/population.py).
Seeds a version with N members (set-based SQL), places two orders, and settles
each in a child process that runs the `settle_order` task body exactly as the
worker does (its peak RSS is the worker's peak memory). Members' earnings accounts
open at sign-up (payouts/receivers.py); the seeded members get theirs set-based, as
their sign-ups would have, timed apart (`accounts_open_seconds`, 2 × N rows). With
`--members-without-accounts` they have none, like people who joined before accounts
opened at sign-up, and the first sale opens them. The second sale is the steady state
(`seconds`). Then the first sale's hold is released and the second is refunded inside
its window, each over all N members, each timed in a child like the sales. The floor is
a plain INSERT … SELECT generate_series of as many rows into a regular table shaped like
payouts_posting (same columns and indexes, logged). Prints one JSON line.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from population import bench_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def settle_child(order_id: int) -> None:
    import django

    django.setup()
    from exchange.tasks import settle_order

    started = time.perf_counter()
    settle_order(order_id)  # the task's body, as the worker runs it
    print(json.dumps({"seconds": time.perf_counter() - started}))


def release_child(order_id: int) -> None:
    """Release the sale's hold now, as the beat task does once its refund window has passed."""
    import django

    django.setup()
    from exchange.models import Order
    from payouts.models import JournalEntry
    from payouts.services import hold_release

    order = Order.objects.get(pk=order_id)
    sale = JournalEntry.objects.get(idempotency_key=f"{order.reference}:sale")
    started = time.perf_counter()
    assert hold_release(sale=sale) is not None
    print(json.dumps({"seconds": time.perf_counter() - started}))


def refund_child(order_id: int) -> None:
    """Staff refund the order inside its refund window: the whole sale is reversed."""
    import django

    django.setup()
    from accounts.models import User
    from exchange.models import Order
    from exchange.services.orders import order_refund

    order = Order.objects.get(pk=order_id)
    staff = User.objects.filter(is_staff=True).order_by("id").first()
    started = time.perf_counter()
    order_refund(order=order, by=staff, reason="bench")
    print(json.dumps({"seconds": time.perf_counter() - started}))


def _settle_in_child(order_id: int, mode: str = "--settle") -> tuple[float, float]:
    out = subprocess.run([sys.executable, __file__, mode, str(order_id)], check=True, capture_output=True, text=True, cwd=ROOT)
    seconds = json.loads(out.stdout.strip().splitlines()[-1])["seconds"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux; max over children so far
    return seconds, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument(
        "--members-without-accounts",
        action="store_true",
        help="members who joined before earnings accounts opened at sign-up: the first sale opens them",
    )
    parser.add_argument("--settle", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--release", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--refund", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for mode, child in (("settle", settle_child), ("release", release_child), ("refund", refund_child)):
        if getattr(args, mode):
            child(getattr(args, mode))
            return

    with bench_database():
        _measure(args.members, signed_up=not args.members_without_accounts)


def _measure(members: int, *, signed_up: bool) -> None:
    from django.db import connection

    from config.celery import app as celery_app
    from exchange.models import VersionMember
    from exchange.services.orders import order_place
    from payouts.models import TopUp
    from payouts.pool import subject_accounts_ensure
    from payouts.selectors import ledger_violations, sale_pool_total
    from payouts.services import wallet_topup_confirm, wallet_topup_request
    from tests.exchange.settlement_world import members_seed
    from tests.factories import MerchantFactory, member_of
    from tests.flow import build_start, buy, list_and_fund, product_define, world_create

    celery_app.conf.task_always_eager = True
    world = world_create(people=3)
    product = product_define(world, k=2)
    version = build_start(world, product)
    started = time.perf_counter()
    members_seed(version=version, n=members, tag=f"bench{version.pk}")
    seed_seconds = time.perf_counter() - started
    accounts_open_seconds = None
    if signed_up:
        started = time.perf_counter()
        subject_accounts_ensure(VersionMember.objects.filter(version=version).values_list("user_id", "weight"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE payouts_ledgeraccount")
        accounts_open_seconds = round(time.perf_counter() - started, 3)
    list_and_fund(world, product, wallet_fen=10_000_000)
    # Orders are placed without their settle message (the child settles them).
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "memory://"
    # A version is sold once to each buyer: the second sale is another buyer's.
    second_buyer = MerchantFactory(name="Second Employer")
    second_user = member_of(second_buyer)
    topup = wallet_topup_request(merchant=second_buyer, amount_fen=10_000_000, bank_reference="BENCH-2", by=second_user)
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=world.staff)
    first = buy(world, product)
    second = order_place(buyer=second_buyer, product=product, by=second_user)

    first_seconds, _ = _settle_in_child(first.pk)
    seconds, peak_mb = _settle_in_child(second.pk)
    for order in (first, second):
        pool, posted = sale_pool_total(reference=order.reference)
        assert pool == posted, (pool, posted)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM payouts_posting p JOIN payouts_journalentry e ON e.id = p.entry_id WHERE e.reference = %s "
            "AND e.kind = 'sale'",
            [second.reference],
        )
        rows = cursor.fetchone()[0]
        # A regular table like payouts_posting (same columns, indexes, WAL): a TEMP table would skip
        # the write-ahead log and make the floor unfairly cheap.
        cursor.execute("DROP TABLE IF EXISTS floor_posting")
        cursor.execute("CREATE TABLE floor_posting (LIKE payouts_posting INCLUDING ALL)")
        started = time.perf_counter()
        cursor.execute(
            "INSERT INTO floor_posting (entry_id, account_id, amount) SELECT 1, g, 300 FROM generate_series(1, %s) g", [rows]
        )
        floor_seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE floor_posting")
    # The first sale's hold is released (its window passed); the second is refunded inside its window.
    release_seconds, _ = _settle_in_child(first.pk, "--release")
    refund_seconds, peak_mb = _settle_in_child(second.pk, "--refund")
    violations = ledger_violations()
    assert not violations, violations[:5]
    print(
        json.dumps(
            {
                "bench": "settlement",
                "n": members,
                "members_with_accounts": signed_up,
                "seed_seconds": round(seed_seconds, 3),
                "accounts_open_seconds": accounts_open_seconds,
                "rows": rows,
                "seconds": round(seconds, 3),
                "rows_per_second": round(rows / seconds),
                "first_sale_seconds": round(first_seconds, 3),
                "first_sale_ratio": round(first_seconds / seconds, 2),
                "peak_rss_mb": round(peak_mb, 1),
                "floor_seconds": round(floor_seconds, 3),
                "ratio": round(seconds / floor_seconds, 2),
                "release_seconds": round(release_seconds, 3),
                "release_ratio": round(release_seconds / seconds, 2),
                "refund_seconds": round(refund_seconds, 3),
                "refund_ratio": round(refund_seconds / seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
