"""The walking skeleton end to end through the services (SQLite by default)."""

import csv
import io

import pytest
from django.core.management import call_command

from exchange.models import Order, ProductVersion, VersionMember
from exchange.services.orders import download_link_create, download_resolve
from payouts import money
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.selectors import earnings_for_user, ledger_violations, sale_lines_for_user, wallet_balance

from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db


def test_consented_resumes_become_a_sold_version_whose_pool_is_split_to_the_micro(django_capture_on_commit_callbacks):
    # given a provider, twelve consenting jobseekers and a funded buyer
    world = world_create(people=12)
    product = product_define(world, price_fen=30_001)  # an odd price: shares cannot all be equal

    # when the provider builds, staff approve and the buyer buys
    with django_capture_on_commit_callbacks(execute=True):
        version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    order.refresh_from_db()

    # then the order settled into a balanced ledger
    assert order.status == Order.Status.SETTLED
    assert ledger_violations() == []
    price = money.fen_to_micros(30_001)
    sale = JournalEntry.objects.get(kind=JournalEntry.Kind.SALE, reference=order.reference)
    postings = list(Posting.objects.filter(entry=sale).select_related("account"))
    assert sum(p.amount for p in postings) == 0
    by_kind: dict[str, int] = {}
    for posting in postings:
        by_kind[posting.account.kind] = by_kind.get(posting.account.kind, 0) + posting.amount
    assert by_kind[LedgerAccount.Kind.EXCHANGE_REVENUE] == price * 1000 // 10_000
    pool = price * 3000 // 10_000
    assert by_kind[LedgerAccount.Kind.SUBJECT_PENDING] == pool
    assert by_kind[LedgerAccount.Kind.PROVIDER_PENDING] == price - price // 10 - pool
    # and every member got a share within one micro of the exact share, summing to the pool
    members = list(VersionMember.objects.filter(version=version).values_list("user_id", flat=True))
    assert len(members) == version.member_count >= 3
    shares = {p.account.user_id: p.amount for p in postings if p.account.kind == LedgerAccount.Kind.SUBJECT_PENDING}
    assert set(shares) == set(members)
    assert sum(shares.values()) == pool
    assert all(abs(share * len(members) - pool) < len(members) for share in shares.values())
    # and the buyer paid exactly the price
    assert wallet_balance(merchant=world.buyer) == money.fen_to_micros(100_000) - price

    # and each member sees the sale and their own share in their portal
    member = world.jobseekers[0] if world.jobseekers[0].pk in shares else next(u for u in world.jobseekers if u.pk in shares)
    lines = list(sale_lines_for_user(user=member))
    assert [line.amount for line in lines] == [shares[member.pk]]
    assert lines[0].entry.memo["buyer"] == world.buyer.name
    assert earnings_for_user(user=member).pending == shares[member.pk]

    # and the buyer downloads a file holding no direct identifier of any member
    token = download_link_create(order=order, by=world.buyer_user)
    assert download_resolve(token=token) == order
    content = version.artefact.open("rb").read().decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == version.member_count
    for person in world.jobseekers:
        resume = person.resume
        for secret in (resume.full_name, resume.phone, resume.contact_email, resume.current_employer):
            assert secret not in content

    # and the ledger command agrees
    call_command("verify_ledger")


def test_settling_twice_leaves_the_same_ledger(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    before = sorted(Posting.objects.values_list("entry_id", "account_id", "amount"))

    from exchange.services.orders import order_settle

    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)  # as if the first run died after posting
    order_settle(order_id=order.pk)
    order_settle(order_id=order.pk)

    assert sorted(Posting.objects.values_list("entry_id", "account_id", "amount")) == before
    assert ledger_violations() == []
