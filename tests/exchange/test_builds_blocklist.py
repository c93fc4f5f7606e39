"""The employer blocklist on the exchange side: a blocked buyer's copy leaves the person out,
still passes k, and the person takes no share of that sale.

The person names the buyer on their blocklist through the consent app's service; what is
under test is what the exchange does with it.
"""

import csv
import io

import pandas as pd
import pytest
from pycanon import anonymity

from consent.services.rights import employer_block_add
from exchange.models import VersionMember
from exchange.selectors import version_members_for_sale
from exchange.services.builds import artefact_for_buyer
from payouts.selectors import earnings_for_user

from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_blocked_buyer_gets_a_k_anonymous_copy_without_the_person_who_takes_no_share():
    world = world_create(people=30)
    product = product_define(world, k=3)
    version = build_start(world, product)
    version.refresh_from_db()
    list_and_fund(world, product)
    blocker = VersionMember.objects.filter(version=version).order_by("row").first()
    employer_block_add(user=blocker.user, merchant=world.buyer)

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


def test_a_buyer_nobody_blocked_gets_the_artefact_itself():
    world = world_create(people=12)
    product = product_define(world, k=3)
    version = build_start(world, product)
    version.refresh_from_db()
    data, sha256 = artefact_for_buyer(version=version, buyer=world.buyer)
    assert sha256 == version.artefact_sha256 and data == version.artefact.open("rb").read()
    assert len(version_members_for_sale(version=version, buyer=world.buyer)) == version.member_count
