"""Payout accounts, withdrawals, the daily batch, and staff marking lines paid or failed."""

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from payouts import money
from payouts.exceptions import AlreadyProcessed, InsufficientFunds, LedgerError
from payouts.models import LedgerAccount, PayoutAccount, PayoutBatch, Withdrawal
from payouts.selectors import ledger_violations
from payouts.services import (
    holds_release_due,
    payout_account_add,
    payout_batch_create,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
    withdrawal_request,
)

from ..factories import UserFactory
from .ledger_world import balance, market_create, purchase, settle

Kind = LedgerAccount.Kind


def _earned(people: int = 1, price_fen: int = 1_000_000):
    """A market whose members' shares are already available."""
    market = market_create(people=people)
    settle(market, purchase(market, price_fen=price_fen))
    holds_release_due(now=timezone.now() + timedelta(days=8))
    return market


@pytest.mark.django_db
def test_payout_account_is_encrypted_at_rest_and_masked():
    person = UserFactory()
    account = payout_account_add(user=person, kind=PayoutAccount.Kind.ALIPAY, holder_name="李四", number="13800138000")
    assert account.masked == "•••• 8000"
    with connection.cursor() as cursor:
        cursor.execute("SELECT holder_name, number FROM payouts_payoutaccount WHERE id = %s", [account.pk])
        raw_holder, raw_number = cursor.fetchone()
    assert "13800138000" not in raw_number and "李四" not in raw_holder
    assert PayoutAccount.objects.get(pk=account.pk).number == "13800138000"
    with pytest.raises(LedgerError) as error:
        payout_account_add(user=person, kind=PayoutAccount.Kind.BANK_CARD, holder_name="李四", number="12ab", bank_name="")
    assert set(error.value.fields) == {"number", "bank_name"}


@pytest.mark.django_db
def test_withdraw_pay_and_fail_move_the_money_exactly():
    # given ¥10,000 of sales: the single member has ¥3,000 available
    market = _earned()
    person = market.people[0]
    available = balance(Kind.SUBJECT_AVAILABLE, user=person)
    assert available == money.fen_to_micros(300_000)

    # when they withdraw twice, the batch is built, one line is paid and one fails
    first = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=10_000, by=person)
    second = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=2_500, by=person)
    assert balance(Kind.SUBJECT_AVAILABLE, user=person) == available - money.fen_to_micros(12_500)
    batch = payout_batch_create()
    assert payout_batch_create() == batch  # the day's batch, once
    rows = list(csv.DictReader(io.StringIO(batch.csv)))
    assert [row["amount_cny"] for row in rows] == ["100.00", "25.00"]
    assert rows[0]["account_number"] == "6222020200112233445"
    withdrawal_mark_paid(withdrawal=first, by=market.staff)
    withdrawal_mark_failed(withdrawal=second, reason="Card closed", by=market.staff)

    # then the paid line left through the bank and the failed one came back
    assert balance(Kind.SUBJECT_AVAILABLE, user=person) == available - money.fen_to_micros(10_000)
    assert balance(Kind.PAYOUT_CLEARING) == 0
    assert PayoutBatch.objects.get().status == PayoutBatch.Status.CLOSED
    with pytest.raises(AlreadyProcessed):
        withdrawal_mark_failed(withdrawal=first, reason="late", by=market.staff)
    assert ledger_violations() == []


@pytest.mark.django_db
@translation.override("en")
def test_withdrawal_below_minimum_or_above_balance_is_refused_and_leaves_nothing(settings):
    market = _earned(price_fen=10_000)  # ¥30 available
    person = market.people[0]
    with pytest.raises(LedgerError, match="smallest withdrawal"):
        withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=999, by=person)
    with pytest.raises(InsufficientFunds):
        withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=3_001, by=person)
    settings.PAYOUTS_MIN_WITHDRAWAL_FEN = 100
    withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=500, by=person)
    assert Withdrawal.objects.count() == 1
    other = UserFactory()
    with pytest.raises(LedgerError, match="not yours"):
        withdrawal_request(user=other, payout_account=market.cards[person.pk], amount_fen=500, by=other)


@pytest.mark.django_db
def test_provider_withdraws_its_available_earnings():
    market = _earned(price_fen=100_000)
    provider_user = market.buyer_user  # any staff-like user may be recorded as requester in this test
    card = payout_account_add(
        merchant=market.provider,
        kind=PayoutAccount.Kind.BANK_CARD,
        holder_name="Talent",
        number="6222000011112222",
        bank_name="BOC",
    )
    available = balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider)
    withdrawal = withdrawal_request(merchant=market.provider, payout_account=card, amount_fen=50_000, by=provider_user)
    payout_batch_create()
    withdrawal_mark_paid(withdrawal=withdrawal, by=market.staff)
    assert balance(Kind.PROVIDER_AVAILABLE, merchant=market.provider) == available - money.fen_to_micros(50_000)
    assert ledger_violations() == []


@pytest.mark.postgres
def test_fifty_parallel_withdrawals_never_overdraw(postgres):
    # given ¥300 available: room for exactly 30 withdrawals of ¥10
    market = _earned(price_fen=100_000)
    person = market.people[0]
    card = market.cards[person.pk]
    assert balance(Kind.SUBJECT_AVAILABLE, user=person) == money.fen_to_micros(30_000)
    results: list[str] = []
    barrier = threading.Barrier(50)

    def withdraw():
        try:
            barrier.wait()
            withdrawal_request(user=person, payout_account=card, amount_fen=1_000, by=person)
            results.append("ok")
        except InsufficientFunds:
            results.append("refused")
        finally:
            connection.close()  # this thread's own connection

    # when fifty threads, each with its own connection, withdraw at once
    threads = [threading.Thread(target=withdraw) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly thirty succeeded and the balance is zero, never below
    assert results.count("ok") == 30 and results.count("refused") == 20
    assert balance(Kind.SUBJECT_AVAILABLE, user=person) == 0
    assert Withdrawal.objects.count() == 30
    assert ledger_violations() == []
