"""Every CSV the exchange writes is safe to open in a spreadsheet (OWASP CSV injection)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from config.csvsafe import FORMULA_START, csv_cell, neutralised_csv
from exchange.models import DataProduct
from exchange.services.builds import artefact_for_buyer
from exchange.services.products import product_create
from payouts.models import PayoutAccount, PayoutBatch
from payouts.services import holds_release_due, payout_account_add, payout_batch_create, withdrawal_request

from .flow import build_start, buy, list_and_fund, world_create
from .payouts.ledger_world import market_create, purchase, settle

ATTACKS = ['=HYPERLINK("http://x.invalid","click")', "=1+2*cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-1+1", "\t=1", "\r=1"]


@given(st.text())
def test_no_cell_a_spreadsheet_would_evaluate_leaves(text):
    cell = csv_cell(text)
    # a cell is either left as it was (a negative number stays a number) or quoted, and never starts a formula
    assert cell in (text, "'" + text)
    assert not cell.startswith(FORMULA_START) or cell.lstrip("-").replace(".", "", 1).isdigit()


@given(st.integers(), st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_numbers_stay_numbers(whole, amount):
    assert csv_cell(whole) == str(whole)
    assert csv_cell(str(amount)) == str(amount)


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_known_attack_is_quoted(attack):
    assert csv_cell(attack) == "'" + attack


def test_an_uploaded_csv_is_rewritten_cell_by_cell_and_keeps_its_bom():
    data = "\ufeffname,amount\n=HYPERLINK(1),-12\n南山,3.5\n".encode()
    rows = list(csv.reader(io.StringIO(neutralised_csv(data).decode("utf-8-sig"))))
    assert rows == [["name", "amount"], ["'=HYPERLINK(1)", "-12"], ["南山", "3.5"]]
    assert neutralised_csv(data).startswith(b"\xef\xbb\xbf")


@pytest.mark.django_db
def test_the_bank_payout_file_carries_no_formula_from_payee_fields():
    market = market_create(people=1)
    settle(market, purchase(market, price_fen=1_000_000))
    holds_release_due(now=timezone.now() + timedelta(days=8))
    card = payout_account_add(
        merchant=market.provider,
        kind=PayoutAccount.Kind.ALIPAY,
        holder_name=ATTACKS[0],
        number="@SUM(1)",
        bank_name="=1+2*cmd|' /C calc'!A0",
    )
    withdrawal_request(merchant=market.provider, payout_account=card, amount_fen=10_000, by=market.staff)
    batch = payout_batch_create(business_date=date(2026, 3, 1))
    assert isinstance(batch, PayoutBatch)
    header, *lines = list(csv.reader(io.StringIO(batch.csv)))
    assert header[0] == "line" and len(lines) == 1
    line = lines[0]
    assert line[1] == "'" + ATTACKS[0] and line[3] == "'@SUM(1)" and line[4].startswith("'=")
    assert line[5] == "100.00"
    assert not any(cell.startswith(FORMULA_START) for row in lines for cell in row)


@pytest.mark.django_db(transaction=True)
def test_a_dataset_download_carries_no_formula_a_provider_put_in_it():
    world = world_create(people=1)

    data = 'district,load,note\n南山,-12,=HYPERLINK("http://x.invalid")\n福田,7.5,@SUM(1)\n'.encode()
    product = product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Grid load",
        description="Business data",
        kind=DataProduct.Kind.DATASET,
        price_fen=5_000,
        source_file=SimpleUploadedFile("grid.csv", data),
    )
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == version.Status.READY
    list_and_fund(world, product)
    order = buy(world, product)
    delivered, _sha = artefact_for_buyer(version=order.version, buyer=world.buyer)
    rows = list(csv.reader(io.StringIO(delivered.decode("utf-8-sig"))))
    assert rows[1] == ["南山", "-12", '\'=HYPERLINK("http://x.invalid")']
    assert rows[2] == ["福田", "7.5", "'@SUM(1)"]
