"""The skeleton on the production stack: PostgreSQL, and a real Celery worker on Redis."""

import time

import pytest
from django.core.management import call_command

from exchange.models import Order, Outbox, ProductVersion, VersionMember
from payouts import money
from payouts.selectors import ledger_violations, sale_lines_for_user, sale_pool_total

from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def wait_for(predicate, *, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the worker")


def test_skeleton_on_postgres_with_a_real_worker(postgres, celery_worker):
    # given consenting jobseekers and a provider, on PostgreSQL
    world = world_create(people=15)
    product = product_define(world, price_fen=99_999, k=3)

    # when the build runs in the worker
    version = build_start(world, product)
    version = wait_for(lambda: ProductVersion.objects.filter(pk=version.pk, status__in=["ready", "failed"]).first())
    assert version.status == "ready", version.error

    # and a buyer buys; settlement runs in the worker through the outbox
    list_and_fund(world, product, wallet_fen=500_000)
    order = buy(world, product)
    assert Outbox.objects.filter(key=f"{order.reference}:settle").exists()
    wait_for(lambda: Order.objects.filter(pk=order.pk, status=Order.Status.SETTLED).exists())

    # then the ledger is sound and the members' shares sum to the pool to the micro
    assert ledger_violations() == []
    call_command("verify_ledger")
    pool, posted = sale_pool_total(reference=order.reference)
    assert pool == money.fen_to_micros(99_999) * 3000 // 10_000
    assert posted == pool
    members = VersionMember.objects.filter(version=version).values_list("user_id", flat=True)
    assert all(
        len(sale_lines_for_user(user=member)) == 1
        for member in [m.user for m in VersionMember.objects.filter(user_id__in=members)]
    )
    assert Outbox.objects.get(key=f"{order.reference}:settle").processed_at is not None
