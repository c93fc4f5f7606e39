"""Orders refunded before and after settlement, through the order services."""

import pytest

from exchange.exceptions import OrderError
from exchange.models import Order, Outbox
from exchange.services.orders import order_refund, order_settle
from exchange.services.products import product_review, product_submit
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.selectors import earnings_for_user, ledger_violations, wallet_balance

from ..flow import build_start, buy, legal_opinion_pdf, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db


def _ready(django_capture_on_commit_callbacks, people=5):
    world = world_create(people=people)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    return world, product


def test_an_order_refunded_before_settling_posts_nothing_to_members(django_capture_on_commit_callbacks):
    world, product = _ready(django_capture_on_commit_callbacks)
    wallet_before = wallet_balance(merchant=world.buyer)
    # when the order is placed but its settlement task has not run yet (callbacks not executed)
    with django_capture_on_commit_callbacks(execute=False):
        order = buy(world, product)
    order_refund(order=order, reason="Bought by mistake", by=world.staff)
    # and the delayed settlement arrives afterwards, twice
    order_settle(order_id=order.pk)
    order_settle(order_id=order.pk)

    # then no member and no provider was credited, the buyer has its money back
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert not JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE).exists()
    assert not Posting.objects.filter(account__kind=LedgerAccount.Kind.SUBJECT_PENDING).exists()
    assert wallet_balance(merchant=world.buyer) == wallet_before
    assert Outbox.objects.get(key=f"{order.reference}:settle").processed_at is not None
    assert ledger_violations() == []


def test_a_settled_order_refunded_inside_the_window_takes_every_share_back(django_capture_on_commit_callbacks):
    world, product = _ready(django_capture_on_commit_callbacks)
    wallet_before = wallet_balance(merchant=world.buyer)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    order.refresh_from_db()
    assert order.status == Order.Status.SETTLED
    order_refund(order=order, reason="Data did not match the description", by=world.staff)
    postings_after_refund = Posting.objects.count()
    with pytest.raises(OrderError) as again:
        order_refund(order=order, reason="again", by=world.staff)
    assert again.value.code == "already_refunded"
    assert Posting.objects.count() == postings_after_refund
    refund = JournalEntry.objects.get(kind=JournalEntry.Kind.REFUND)
    assert refund.memo["reason"] == "Data did not match the description"
    assert wallet_balance(merchant=world.buyer) == wallet_before
    for person in world.jobseekers:
        assert earnings_for_user(user=person).pending == 0
    assert ledger_violations() == []


def test_staff_refund_an_order_in_the_admin_with_a_reason(client, django_capture_on_commit_callbacks):
    world, product = _ready(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    client.force_login(world.staff)
    url = "/admin/exchange/order/"
    asked = client.post(url, {"action": "refund", "_selected_action": [order.pk]})
    assert asked.status_code == 200 and b"reason" in asked.content
    done = client.post(url, {"action": "refund", "_selected_action": [order.pk], "apply": "1", "reason": "Wrong product"})
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert JournalEntry.objects.get(kind=JournalEntry.Kind.REFUND).memo["reason"] == "Wrong product"


def test_the_sweep_skips_settlements_sent_recently_and_resends_lost_ones(django_capture_on_commit_callbacks):
    from config.celery import app as celery_app
    from exchange.services.orders import outbox_resend

    # given a world and a broker that takes messages but no worker that runs them
    world, product = _ready(django_capture_on_commit_callbacks)
    other = product_define(world, k=2)  # a version is sold once to a buyer: the second order buys another product
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, other)
    product_submit(product=other, by=world.provider_user, legal_opinion=legal_opinion_pdf())
    product_review(product=other, by=world.staff, approve=True, notes="Legal opinion on file.")
    other.refresh_from_db()
    celery_app.conf.task_always_eager = False
    before = celery_app.conf.broker_url
    celery_app.conf.broker_url = "memory://"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            sent = buy(world, product)
        with django_capture_on_commit_callbacks(execute=True):
            lost = buy(world, other)
        Outbox.objects.filter(key=f"{lost.reference}:settle").update(last_sent_at=None)  # its send failed

        # when the sweep runs: the one sent a moment ago is left alone, the lost one is sent
        assert Outbox.objects.get(key=f"{sent.reference}:settle").last_sent_at is not None
        assert outbox_resend(older_than_seconds=0) == 1
        assert Outbox.objects.get(key=f"{lost.reference}:settle").attempts == 1
        # then a second sweep sends neither again; a sweep that presumes everything lost sends both
        assert outbox_resend(older_than_seconds=0) == 0
        assert outbox_resend(older_than_seconds=0, resend_after_seconds=0) == 2
    finally:
        celery_app.conf.broker_url = before
        celery_app.conf.task_always_eager = True
