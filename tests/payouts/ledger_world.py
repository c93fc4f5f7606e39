"""A small market straight on the ledger's public services (no products), for payouts tests."""

from dataclasses import dataclass, field
from datetime import datetime

from accounts.models import Merchant, User
from payouts import money
from payouts.models import JournalEntry, LedgerAccount, PayoutAccount, TopUp
from payouts.selectors import account_balance
from payouts.services import (
    payment_refund,
    payout_account_add,
    sale_settle,
    wallet_charge,
    wallet_topup_confirm,
    wallet_topup_request,
)

from ..factories import MerchantFactory, ProviderFactory, StaffFactory, UserFactory, member_of


@dataclass
class Market:
    buyer: Merchant
    buyer_user: User
    provider: Merchant
    staff: User
    people: list[User]
    cards: dict[int, PayoutAccount] = field(default_factory=dict)
    orders: int = 0


def market_create(*, people: int = 5, wallet_fen: int = 10_000_000) -> Market:
    buyer = MerchantFactory()
    market = Market(
        buyer=buyer,
        buyer_user=member_of(buyer),
        provider=ProviderFactory(),
        staff=StaffFactory(),
        people=[UserFactory() for _ in range(people)],
    )
    topup = wallet_topup_request(merchant=buyer, amount_fen=wallet_fen, bank_reference="T-1", by=market.buyer_user)
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=market.staff)
    for person in market.people:
        market.cards[person.pk] = payout_account_add(
            user=person, kind=PayoutAccount.Kind.BANK_CARD, holder_name="张三", number="6222020200112233445", bank_name="ICBC"
        )
    return market


def purchase(market: Market, *, price_fen: int) -> str:
    market.orders += 1
    reference = f"order:{market.buyer.pk}-{market.orders}"
    wallet_charge(
        merchant=market.buyer,
        amount_micros=money.fen_to_micros(price_fen),
        key=f"{reference}:purchase",
        reference=reference,
        memo={"product": "Talent pool"},
        by=market.buyer_user,
    )
    return reference


def settle(market: Market, reference: str, *, weights: list[int] | None = None) -> JournalEntry:
    purchase_entry = JournalEntry.objects.get(idempotency_key=f"{reference}:purchase")
    paid = purchase_entry.postings.get(amount__gt=0).amount
    weights = weights or [1] * len(market.people)
    return sale_settle(
        key=f"{reference}:sale",
        reference=reference,
        memo={"product": "Talent pool", "buyer": market.buyer.name, "buyer_industry": market.buyer.industry},
        amount_micros=paid,
        provider=market.provider,
        commission_bps=1000,
        pool_bps=3000,
        members=[(person.pk, weight) for person, weight in zip(market.people, weights, strict=False)],
        salt=reference,
    )


def refund(market: Market, reference: str, *, now: datetime | None = None) -> JournalEntry:
    return payment_refund(
        reference=reference,
        purchase_key=f"{reference}:purchase",
        sale_key=f"{reference}:sale",
        reason="Buyer cancelled",
        by=market.staff,
        now=now,
    )


def balance(kind: str, *, user: User | None = None, merchant: Merchant | None = None) -> int:
    account = LedgerAccount.objects.filter(kind=kind, user=user, merchant=merchant).first()
    return account_balance(account=account) if account else 0
