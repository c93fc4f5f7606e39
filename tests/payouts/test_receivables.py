"""A refund after the window always reaches the buyer; a provider that withdrew its share owes it (a receivable)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from payouts import money
from payouts.exceptions import InsufficientFunds
from payouts.models import JournalEntry, LedgerAccount, PayoutAccount, Withdrawal
from payouts.selectors import earnings_for_merchant, ledger_violations, statement_for
from payouts.services import (
    account_get,
    holds_release_due,
    ledger_post,
    payout_account_add,
    payout_batch_create,
    withdrawal_mark_paid,
    withdrawal_request,
)

from ..factories import member_of
from .ledger_world import balance, market_create, purchase, refund, settle

pytestmark = pytest.mark.django_db
Kind = LedgerAccount.Kind
LATER = timedelta(days=8)


def _sold_released(market, price_fen: int) -> str:
    reference = purchase(market, price_fen=price_fen)
    settle(market, reference)
    holds_release_due(now=timezone.now() + LATER)
    return reference


def _provider_card(market) -> PayoutAccount:
    return payout_account_add(
        merchant=market.provider, kind=PayoutAccount.Kind.ALIPAY, holder_name="Talent", number="t@example.com"
    )


def _withdraw(market, card, amount_fen: int) -> Withdrawal:
    return withdrawal_request(merchant=market.provider, payout_account=card, amount_fen=amount_fen, by=market.staff)


def test_refund_after_the_window_after_the_provider_withdrew_reaches_the_buyer_and_leaves_a_receivable():
    # given a released ¥10,000 sale whose provider share (60%: ¥6,000) was withdrawn and paid by the bank
    market = market_create(people=3)
    wallet_before = balance(Kind.MERCHANT_WALLET, merchant=market.buyer)
    reference = _sold_released(market, 1_000_000)
    card = _provider_card(market)
    withdrawal = _withdraw(market, card, 600_000)
    payout_batch_create(business_date=date(2026, 3, 1))
    withdrawal_mark_paid(withdrawal=Withdrawal.objects.get(pk=withdrawal.pk), by=market.staff)
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == 0

    # when staff refund the buyer after the window
    entry = refund(market, reference, now=timezone.now() + LATER)

    # then the buyer has every fen back, the provider owes its share, members keep theirs
    share = money.fen_to_micros(600_000)
    assert entry.memo["scope"] == "after_window" and entry.memo["provider_receivable_micros"] == share
    assert balance(Kind.MERCHANT_WALLET, merchant=market.buyer) == wallet_before
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == -share
    assert earnings_for_merchant(merchant=market.provider).owed == share
    assert sum(balance(Kind.SUBJECT_AVAILABLE, user=p) for p in market.people) == money.fen_to_micros(300_000)
    assert sum(entry.postings.values_list("amount", flat=True)) == 0
    assert ledger_violations() == []
    # and the provider can withdraw nothing while it owes
    with pytest.raises(InsufficientFunds) as refused:
        _withdraw(market, card, 1_000)
    assert refused.value.code == "receivable_outstanding"


def test_the_next_sale_repays_the_receivable_before_anything_is_withdrawn():
    market = market_create(people=2)
    first = _sold_released(market, 1_000_000)
    card = _provider_card(market)
    _withdraw(market, card, 600_000)
    refund(market, first, now=timezone.now() + LATER)
    owed = money.fen_to_micros(600_000)
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == -owed

    # when the provider sells again (¥20,000: ¥12,000 share), still pending: nothing is withdrawable
    second = purchase(market, price_fen=2_000_000)
    settle(market, second)
    assert balance(Kind.PROVIDER_PENDING, merchant=market.provider) == money.fen_to_micros(1_200_000)
    with pytest.raises(InsufficientFunds):
        _withdraw(market, card, 1_000)

    # then the release repays the ¥6,000 first: ¥6,000 is left to withdraw, not a fen more
    holds_release_due(now=timezone.now() + LATER)
    earnings = earnings_for_merchant(merchant=market.provider)
    assert earnings.available == money.fen_to_micros(600_000) and earnings.owed == 0
    with pytest.raises(InsufficientFunds):
        _withdraw(market, card, 600_001)
    _withdraw(market, card, 600_000)
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == 0
    assert ledger_violations() == []


def test_a_withdrawal_requested_before_the_refund_waits_out_the_receivable():
    # given a provider with ¥6,000 available that asked for ¥3,000, not yet sent to the bank
    market = market_create(people=1)
    reference = _sold_released(market, 1_000_000)
    card = _provider_card(market)
    waiting = _withdraw(market, card, 300_000)

    # when the sale is refunded after the window (the provider now owes ¥3,000)
    refund(market, reference, now=timezone.now() + LATER)
    assert earnings_for_merchant(merchant=market.provider).owed == money.fen_to_micros(300_000)

    # then the day's batch pays it nothing; the line waits
    assert payout_batch_create(business_date=date(2026, 4, 1)) is None
    assert Withdrawal.objects.get(pk=waiting.pk).status == Withdrawal.Status.REQUESTED
    # and once a later sale has repaid the receivable, the next batch sends it
    _sold_released(market, 1_000_000)
    batch = payout_batch_create(business_date=date(2026, 4, 2))
    assert batch is not None and Withdrawal.objects.get(pk=waiting.pk).status == Withdrawal.Status.BATCHED
    assert ledger_violations() == []


def test_the_receivable_is_shown_on_the_earnings_page_and_the_statement(client):
    market = market_create(people=1)
    reference = _sold_released(market, 1_000_000)
    _withdraw(market, _provider_card(market), 600_000)
    refund(market, reference, now=timezone.now() + LATER)
    client.force_login(member_of(market.provider))
    owed = money.format_micros(money.fen_to_micros(600_000))

    page = client.get(reverse("payouts:earnings", kwargs={"side": "merchant"})).content.decode()
    assert 'id="earnings-owed"' in page and owed in page

    today = timezone.localdate()
    statement = statement_for(merchant=market.provider, year=today.year, month=today.month)
    assert statement.owed == money.fen_to_micros(600_000) and statement.reconciles
    kwargs = {"side": "merchant", "year": f"{today.year:04d}", "month": f"{today.month:02d}"}
    html = client.get(reverse("payouts:statement", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Owed to the exchange" in html and owed in html
    html = client.get(reverse("payouts:statement", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "欠交易所" in html and owed in html
    assert client.get(reverse("payouts:statement_pdf", kwargs=kwargs)).content.startswith(b"%PDF")


def test_verify_ledger_still_refuses_a_negative_provider_balance_that_no_refund_explains():
    market = market_create(people=1)
    _sold_released(market, 1_000_000)
    available = LedgerAccount.objects.get(kind=Kind.PROVIDER_AVAILABLE, merchant=market.provider)
    # A withdrawal forced past the balance (bypassing the funds check) is a fault, not a receivable.
    ledger_post(
        kind=JournalEntry.Kind.WITHDRAWAL,
        key="forced",
        reference="forced",
        lines=[
            (available.id, -money.fen_to_micros(700_000)),
            (account_get(kind=Kind.PAYOUT_CLEARING).id, money.fen_to_micros(700_000)),
        ],
        may_overdraw=[available.id],
    )
    assert any("is negative" in problem for problem in ledger_violations())
