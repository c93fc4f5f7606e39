"""Random sequences of purchases, settlements, refunds, releases, withdrawals and payouts.

A plain-Python model tracks what every balance must be; after every step the
ledger must agree with it to the micro and `ledger_violations()` must be empty.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from payouts import money
from payouts.allocation import largest_remainder
from payouts.exceptions import InsufficientFunds
from payouts.models import LedgerAccount, PayoutAccount, Withdrawal
from payouts.selectors import ledger_violations
from payouts.services import (
    holds_release_due,
    payout_account_add,
    payout_batch_create,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
    withdrawal_request,
)

from .ledger_world import balance, market_create, purchase, refund, settle

Kind = LedgerAccount.Kind
WEIGHTS = [1, 2, 3]
_batch_days = iter(date(2026, 1, 1) + timedelta(days=n) for n in range(100_000))  # one date per batch, across examples


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.market = market_create(people=3, wallet_fen=2_000_000)
        self.provider_card = payout_account_add(
            merchant=self.market.provider, kind=PayoutAccount.Kind.ALIPAY, holder_name="Talent", number="talent@example.com"
        )
        self.wallet = money.fen_to_micros(2_000_000)
        self.pending = {p.pk: 0 for p in self.market.people}
        self.available = {p.pk: 0 for p in self.market.people}
        self.provider_pending = 0
        self.provider_available = 0
        # reference -> {"price", "state": paid|settled|released|refunded, "shares", "provider"}
        self.orders: dict[str, dict] = {}
        self.withdrawals: list[tuple[int, int | None]] = []  # (withdrawal id, person id or None for provider)
        self.batched: set[int] = set()  # our lines sent to the bank, not yet answered
        self.answered: set[int] = set()

    def _refs(self, *states):
        return sorted(ref for ref, order in self.orders.items() if order["state"] in states)

    @rule(price_fen=st.integers(min_value=1, max_value=400_000))
    def buy(self, price_fen):
        micros = money.fen_to_micros(price_fen)
        if micros > self.wallet:
            return
        reference = purchase(self.market, price_fen=price_fen)
        self.wallet -= micros
        self.orders[reference] = {"price": micros, "state": "paid"}

    @precondition(lambda self: self._refs("paid"))
    @rule(data=st.data())
    def settle(self, data):
        reference = data.draw(st.sampled_from(self._refs("paid")))
        settle(self.market, reference, weights=WEIGHTS)
        settle(self.market, reference, weights=WEIGHTS)  # at-least-once delivery: twice is once
        order = self.orders[reference]
        price = order["price"]
        pool = price * 3000 // 10_000
        shares = largest_remainder(pool, [(p.pk, w) for p, w in zip(self.market.people, WEIGHTS, strict=True)], salt=reference)
        order.update(state="settled", shares=shares, provider=price - price * 1000 // 10_000 - pool)
        for pk, share in shares.items():
            self.pending[pk] += share
        self.provider_pending += order["provider"]

    def _release(self, order):
        for pk, share in order["shares"].items():
            self.pending[pk] -= share
            self.available[pk] += share
        self.provider_pending -= order["provider"]
        self.provider_available += order["provider"]
        order["state"] = "released"

    @rule()
    def release_due(self):
        holds_release_due(now=timezone.now() + timedelta(days=8))
        for reference in self._refs("settled"):
            self._release(self.orders[reference])

    @precondition(lambda self: self._refs("paid", "settled", "released"))
    @rule(data=st.data(), late=st.booleans())
    def refund(self, data, late):
        reference = data.draw(st.sampled_from(self._refs("paid", "settled", "released")))
        order = self.orders[reference]
        now = timezone.now() + timedelta(days=8) if late else None
        if order["state"] == "paid":
            refund(self.market, reference, now=now)
        elif order["state"] == "settled" and not late:
            refund(self.market, reference)
            for pk, share in order["shares"].items():
                self.pending[pk] -= share
            self.provider_pending -= order["provider"]
        else:
            if order["state"] == "settled":
                self._release(order)
            # Always refunded: a provider that withdrew its share is left owing it (a negative balance).
            refund(self.market, reference, now=now)
            self.provider_available -= order["provider"]
        self.wallet += order["price"]
        order["state"] = "refunded"

    @rule(person=st.integers(min_value=0, max_value=2), amount_fen=st.integers(min_value=1_000, max_value=60_000))
    def withdraw(self, person, amount_fen):
        user = self.market.people[person]
        micros = money.fen_to_micros(amount_fen)
        if micros > self.available[user.pk]:
            with pytest.raises(InsufficientFunds):
                withdrawal_request(user=user, payout_account=self.market.cards[user.pk], amount_fen=amount_fen, by=user)
            return
        withdrawal = withdrawal_request(user=user, payout_account=self.market.cards[user.pk], amount_fen=amount_fen, by=user)
        self.available[user.pk] -= micros
        self.withdrawals.append((withdrawal.pk, user.pk))

    @rule(amount_fen=st.integers(min_value=1_000, max_value=200_000))
    def provider_withdraw(self, amount_fen):
        micros = money.fen_to_micros(amount_fen)
        if micros > self.provider_available:
            with pytest.raises(InsufficientFunds):
                withdrawal_request(
                    merchant=self.market.provider, payout_account=self.provider_card, amount_fen=amount_fen, by=self.market.staff
                )
            return
        withdrawal = withdrawal_request(
            merchant=self.market.provider, payout_account=self.provider_card, amount_fen=amount_fen, by=self.market.staff
        )
        self.provider_available -= micros
        self.withdrawals.append((withdrawal.pk, None))

    @rule()
    def batch(self):
        payout_batch_create(business_date=next(_batch_days))
        sent = set(Withdrawal.objects.exclude(status=Withdrawal.Status.REQUESTED).values_list("pk", flat=True))
        self.batched = {pk for pk, _owner in self.withdrawals if pk in sent} - self.answered

    @precondition(lambda self: self.batched)
    @rule(data=st.data(), paid=st.booleans())
    def answer_line(self, data, paid):
        ids = dict(self.withdrawals)
        line = Withdrawal.objects.get(pk=data.draw(st.sampled_from(sorted(self.batched))))
        self.batched.discard(line.pk)
        self.answered.add(line.pk)
        if paid:
            withdrawal_mark_paid(withdrawal=line, by=self.market.staff)
            return
        withdrawal_mark_failed(withdrawal=line, reason="Account closed", by=self.market.staff)
        owner = ids[line.pk]
        if owner is None:
            self.provider_available += money.fen_to_micros(line.amount_fen)
        else:
            self.available[owner] += money.fen_to_micros(line.amount_fen)

    @invariant()
    def ledger_matches_the_model(self):
        assert ledger_violations() == []
        assert balance(Kind.MERCHANT_WALLET, merchant=self.market.buyer) == self.wallet
        for person in self.market.people:
            assert balance(Kind.SUBJECT_PENDING, user=person) == self.pending[person.pk]
            assert balance(Kind.SUBJECT_AVAILABLE, user=person) == self.available[person.pk]
        assert balance(Kind.PROVIDER_PENDING, merchant=self.market.provider) == self.provider_pending
        assert balance(Kind.PROVIDER_AVAILABLE, merchant=self.market.provider) == self.provider_available


@pytest.mark.django_db
def test_ledger_holds_every_invariant_through_random_histories():
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(max_examples=40, stateful_step_count=30, deadline=None, suppress_health_check=list(HealthCheck)),
    )
