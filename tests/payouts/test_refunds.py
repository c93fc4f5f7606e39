"""Refunds: before settlement, inside the refund window, after it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from payouts import money
from payouts.models import JournalEntry, LedgerAccount
from payouts.selectors import ledger_violations
from payouts.services import holds_release_due

from .ledger_world import balance, market_create, purchase, refund, settle

pytestmark = pytest.mark.django_db
Kind = LedgerAccount.Kind


def test_refund_inside_the_window_reverses_sale_and_purchase_to_the_micro():
    # given a settled sale whose shares are pending
    market = market_create(people=7)
    wallet_before = balance(Kind.MERCHANT_WALLET, merchant=market.buyer)
    reference = purchase(market, price_fen=30_001)
    settle(market, reference)
    assert balance(Kind.SUBJECT_PENDING, user=market.people[0]) > 0

    # when it is refunded inside the window
    entry = refund(market, reference)

    # then every account is back where it was and the reason is on the entry
    assert entry.memo["reason"] == "Buyer cancelled" and entry.memo["scope"] == "within_window"
    assert balance(Kind.MERCHANT_WALLET, merchant=market.buyer) == wallet_before
    for person in market.people:
        assert balance(Kind.SUBJECT_PENDING, user=person) == 0
    assert balance(Kind.PROVIDER_PENDING, merchant=market.provider) == 0
    assert balance(Kind.EXCHANGE_REVENUE) == 0
    assert balance(Kind.SALES_CLEARING) == 0
    # and the refunded sale is never released afterwards
    assert holds_release_due(now=timezone.now() + timedelta(days=30)) == 0
    assert not JournalEntry.objects.filter(kind=JournalEntry.Kind.RELEASE).exists()
    assert ledger_violations() == []
    # and a second refund changes nothing
    assert refund(market, reference) == entry


def test_refund_after_the_window_is_borne_by_exchange_and_provider_and_members_keep_their_shares():
    market = market_create(people=4)
    wallet_before = balance(Kind.MERCHANT_WALLET, merchant=market.buyer)
    reference = purchase(market, price_fen=10_000)
    sale = settle(market, reference)
    shares = {person.pk: balance(Kind.SUBJECT_PENDING, user=person) for person in market.people}
    later = sale.release_after + timedelta(minutes=1)

    # when the buyer is refunded after the window (the release task has not run yet)
    entry = refund(market, reference, now=later)

    # then the sale was released first and the members keep every micro
    assert entry.memo["scope"] == "after_window"
    for person in market.people:
        assert balance(Kind.SUBJECT_AVAILABLE, user=person) == shares[person.pk]
        assert balance(Kind.SUBJECT_PENDING, user=person) == 0
    price = money.fen_to_micros(10_000)
    assert balance(Kind.MERCHANT_WALLET, merchant=market.buyer) == wallet_before
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == 0
    # the exchange paid the pool out of its own pocket
    assert balance(Kind.EXCHANGE_REVENUE) == -sum(shares.values()) == -(price * 3000 // 10_000)
    assert ledger_violations() == []


def test_refund_before_settlement_reverses_the_payment_only():
    market = market_create(people=3)
    wallet_before = balance(Kind.MERCHANT_WALLET, merchant=market.buyer)
    reference = purchase(market, price_fen=5_000)
    entry = refund(market, reference)
    assert entry.memo["scope"] == "unsettled"
    assert balance(Kind.MERCHANT_WALLET, merchant=market.buyer) == wallet_before
    assert balance(Kind.SALES_CLEARING) == 0
    assert ledger_violations() == []


def test_refund_needs_a_reason():
    from payouts.exceptions import LedgerError
    from payouts.services import payment_refund

    market = market_create(people=1)
    reference = purchase(market, price_fen=5_000)
    with pytest.raises(LedgerError):
        payment_refund(reference=reference, purchase_key=f"{reference}:purchase", sale_key="x", reason=" ", by=market.staff)
    assert not JournalEntry.objects.filter(kind=JournalEntry.Kind.REFUND).exists()
