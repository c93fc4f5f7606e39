"""The earnings page's withdrawals: a table of their own, sortable, paginated, a date range and a CSV of every row."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from payouts.models import PayoutAccount, Withdrawal
from payouts.services import holds_release_due, payout_account_add, withdrawal_request

from ..factories import member_of
from .ledger_world import market_create, purchase, settle


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="withdrawals-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _amounts(html: str) -> list[str]:
    table = html[html.index('id="withdrawals"') : html.index("</table>", html.index('id="withdrawals"'))]
    return re.findall(r'<td class="[^"]*\bmoney\b[^"]*">([^<]+)</td>', table)


@pytest.fixture
def withdrawn(db, settings):
    """A jobseeker who asked for ¥1.00, ¥2.00 … ¥22.00, the first one ten days ago; a provider with one of its own."""
    settings.PAYOUTS_MIN_WITHDRAWAL_FEN = 100
    market = market_create(people=1)
    settle(market, purchase(market, price_fen=1_000_000))
    holds_release_due(now=timezone.now() + timedelta(days=8))
    person = market.people[0]
    for yuan in range(1, 23):
        withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=yuan * 100, by=person)
    Withdrawal.objects.filter(user=person, amount_fen=100).update(created_at=timezone.now() - timedelta(days=10))
    card = payout_account_add(
        merchant=market.provider,
        kind=PayoutAccount.Kind.BANK_CARD,
        holder_name="Talent",
        number="6222000011117777",
        bank_name="BOC",
    )
    member = member_of(market.provider)
    withdrawal_request(merchant=market.provider, payout_account=card, amount_fen=5_000, by=member)
    return person, member


def test_a_jobseeker_pages_sorts_and_exports_her_withdrawals(client, withdrawn):
    person, _member = withdrawn
    client.force_login(person)

    # newest first, twenty a page; the second page holds the rest, and the sales table keeps its own page
    first = client.get("/me/earnings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _amounts(first) == [f"¥{yuan}.00" for yuan in range(22, 2, -1)]
    assert "w-page=2" in first and 'class="sale-line' in first
    assert _amounts(client.get("/me/earnings/?w-page=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()) == ["¥2.00", "¥1.00"]

    # sorted by amount, smallest first
    by_amount = client.get("/me/earnings/?w-sort=amount_fen", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _amounts(by_amount)[:3] == ["¥1.00", "¥2.00", "¥3.00"]

    # the CSV holds every row of the period, sorted as on screen, amounts as plain yuan
    rows = _csv(client.get("/me/earnings/?w-sort=amount_fen&export=withdrawals-csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["Date", "Pay to", "Amount", "Status"]
    assert [row[2] for row in rows[1:]] == [f"{yuan}.00" for yuan in range(1, 23)]
    assert rows[1][1] == "Bank card •••• 3445" and rows[1][3] == "Requested"

    # a period from a week ago leaves out the withdrawal of ten days ago, on screen and in the CSV
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert len(_csv(client.get(f"/me/earnings/?w-start={week_ago}&export=withdrawals-csv"))) == 22
    old = (timezone.localdate() - timedelta(days=10)).isoformat()
    only_old = client.get(f"/me/earnings/?w-start={old}&w-end={old}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _amounts(only_old) == ["¥1.00"]
    # the sales table's own period is untouched by the withdrawals' one
    assert only_old.count('class="sale-line') == 1

    # in Chinese, the headers and the status too
    chinese = _csv(client.get(f"/me/earnings/?w-start={old}&w-end={old}&export=withdrawals-csv"))
    assert chinese[0][0] == "日期" and len(chinese) == 2


def test_a_provider_member_sees_the_organisation_withdrawals_only(client, withdrawn):
    _person, member = withdrawn
    client.force_login(member)
    page = client.get("/merchant/earnings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _amounts(page) == ["¥50.00"]
    rows = _csv(client.get("/merchant/earnings/?export=withdrawals-csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert [row[1:] for row in rows[1:]] == [["Bank card •••• 7777", "50.00", "Requested"]]
    empty = client.get("/merchant/earnings/?w-start=2001-01-01&w-end=2001-01-31", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _amounts(empty) == [] and "No withdrawals yet." in empty
