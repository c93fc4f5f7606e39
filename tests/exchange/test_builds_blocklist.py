"""The employer blocklist on the exchange side: a blocked buyer's copy leaves the person out,
still passes k, and the person takes no share of that sale.

The blocklist itself belongs to the consent app (``consent.selectors.blocked_user_ids``,
issue 3). Here it is stood in for by a function with the same signature, since what is
under test is what the exchange does with the answer.
"""

import csv
import io

import pandas as pd
import pytest
from pycanon import anonymity

import consent.selectors
from exchange.models import VersionMember
from exchange.selectors import version_members_for_sale
from exchange.services.builds import artefact_for_buyer
from payouts.selectors import earnings_for_user

from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def blocklist(monkeypatch):
    blocks: dict[int, set[int]] = {}
    monkeypatch.setattr(
        consent.selectors,
        "blocked_user_ids",
        lambda *, merchant: blocks.get(merchant.pk, set()),
        raising=False,
    )
    return blocks


def test_a_blocked_buyer_gets_a_k_anonymous_copy_without_the_person_who_takes_no_share(blocklist):
    world = world_create(people=30)
    product = product_define(world, k=3)
    version = build_start(world, product)
    version.refresh_from_db()
    list_and_fund(world, product)
    blocker = VersionMember.objects.filter(version=version).order_by("row").first()
    blocklist[world.buyer.pk] = {blocker.user_id}

    data, sha256 = artefact_for_buyer(version=version, buyer=world.buyer)

    assert sha256 != version.artefact_sha256
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    original = list(csv.DictReader(io.StringIO(version.artefact.open("rb").read().decode())))
    assert len(rows) < len(original)
    assert original[blocker.row] not in rows or rows.count(original[blocker.row]) < original.count(original[blocker.row])
    qis = version.privacy_report["quasi_identifiers"]
    assert anonymity.k_anonymity(pd.DataFrame(rows)[qis], qis) >= product.k

    shares = dict(version_members_for_sale(version=version, buyer=world.buyer))
    assert blocker.user_id not in shares
    assert len(shares) == len(rows)

    buy(world, product)
    assert earnings_for_user(user=blocker.user).pending == 0
    others = [m.user for m in VersionMember.objects.filter(version=version, user_id__in=shares).select_related("user")]
    assert all(earnings_for_user(user=user).pending > 0 for user in others)


def test_a_buyer_nobody_blocked_gets_the_artefact_itself(blocklist):
    world = world_create(people=12)
    product = product_define(world, k=3)
    version = build_start(world, product)
    version.refresh_from_db()
    data, sha256 = artefact_for_buyer(version=version, buyer=world.buyer)
    assert sha256 == version.artefact_sha256 and data == version.artefact.open("rb").read()
    assert len(version_members_for_sale(version=version, buyer=world.buyer)) == version.member_count
