"""Statements, the earnings page, the finance report and adjustments reconcile with the ledger."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from payouts import money
from payouts.exceptions import LedgerError
from payouts.models import JournalEntry, LedgerAccount
from payouts.selectors import earnings_for_user, finance_report, ledger_violations, statement_for
from payouts.services import (
    account_get,
    adjustment_post,
    holds_release_due,
    payout_batch_create,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
    withdrawal_request,
)

from ..factories import PASSWORD
from .ledger_world import market_create, purchase, refund, settle

pytestmark = pytest.mark.django_db
Kind = LedgerAccount.Kind


def _history():
    """Two sales, one refunded in the window, one released, a paid and a failed withdrawal."""
    market = market_create(people=2)
    kept, refunded = purchase(market, price_fen=200_000), purchase(market, price_fen=50_000)
    settle(market, kept)
    settle(market, refunded)
    refund(market, refunded)
    holds_release_due(now=timezone.now() + timedelta(days=8))
    person = market.people[0]
    paid = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=1_500, by=person)
    failed = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=1_000, by=person)
    payout_batch_create()
    withdrawal_mark_paid(withdrawal=paid, by=market.staff)
    withdrawal_mark_failed(withdrawal=failed, reason="closed", by=market.staff)
    return market, person


def test_monthly_statement_reconciles_opening_movements_and_closing():
    market, person = _history()
    today = timezone.localdate()
    statement = statement_for(user=person, year=today.year, month=today.month)
    balances = earnings_for_user(user=person)
    assert statement.opening == 0
    assert statement.closing == balances.total
    assert statement.reconciles
    assert statement.withdrawn == -money.fen_to_micros(2_500) and statement.returned == money.fen_to_micros(1_000)
    assert statement.refunded < 0 < statement.earned
    # and the month before is empty
    previous = today.replace(day=1) - timedelta(days=1)
    assert statement_for(user=person, year=previous.year, month=previous.month).lines == []


def test_statement_pages_and_pdf_for_the_jobseeker(client):
    market, person = _history()
    client.login(email=person.email, password=PASSWORD)
    today = timezone.localdate()
    page = client.get(reverse("payouts:earnings", kwargs={"side": "me"}))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="/me/earnings/chart.svg?size=l"' in body and "•••• 3445" in body and "6222020200112233445" not in body
    assert money.format_micros(earnings_for_user(user=person).available) in body
    kwargs = {"side": "me", "year": f"{today.year:04d}", "month": f"{today.month:02d}"}
    html = client.get(reverse("payouts:statement", kwargs=kwargs)).content.decode()
    assert money.format_micros(earnings_for_user(user=person).total) in html
    assert "does not reconcile" not in html
    pdf = client.get(reverse("payouts:statement_pdf", kwargs=kwargs))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # a provider's page is not a jobseeker's
    assert client.get(reverse("payouts:earnings", kwargs={"side": "merchant"})).status_code == 403


def test_finance_report_reconciles_cash_with_what_is_owed():
    market, _person = _history()
    report = finance_report()
    assert report.reconciles
    assert report.commission_earned == money.fen_to_micros(250_000) // 10
    assert report.paid_out == 1_500
    assert report.pool_paid == money.fen_to_micros(200_000) * 3 // 10  # the refunded sale's pool was taken back


def test_adjustment_is_one_balanced_entry_with_reason_and_staff():
    market = market_create(people=1)
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=market.buyer)
    revenue = account_get(kind=Kind.EXCHANGE_REVENUE)
    with pytest.raises(LedgerError):
        adjustment_post(debit=revenue, credit=wallet, amount_micros=500, reason="  ", by=market.staff)
    entry = adjustment_post(
        debit=revenue, credit=wallet, amount_micros=500, reason="Goodwill for a late delivery", by=market.staff
    )
    assert entry.kind == JournalEntry.Kind.ADJUSTMENT and entry.created_by == market.staff
    assert entry.memo == {"reason": "Goodwill for a late delivery", "staff": market.staff.email}
    assert sorted(entry.postings.values_list("amount", flat=True)) == [-500, 500]
    assert ledger_violations() == []


def test_staff_adjust_through_the_admin(client):
    market = market_create(people=1)
    client.force_login(market.staff)
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=market.buyer)
    revenue = account_get(kind=Kind.EXCHANGE_REVENUE)
    response = client.post(
        reverse("admin:payouts_journalentry_adjust"),
        {"debit": revenue.pk, "credit": wallet.pk, "amount": "1.000001", "reason": "Bank fee refund"},
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(kind=JournalEntry.Kind.ADJUSTMENT)
    assert sorted(entry.postings.values_list("amount", flat=True)) == [-1_000_001, 1_000_001]
    assert client.get(reverse("payouts:finance")).status_code == 200


def test_provider_statement_and_earnings_page(client):
    from ..factories import member_of

    market, _person = _history()
    owner = member_of(market.provider)
    client.force_login(owner)
    today = timezone.localdate()
    page = client.get(reverse("payouts:earnings", kwargs={"side": "merchant"}))
    assert page.status_code == 200
    statement = statement_for(merchant=market.provider, year=today.year, month=today.month)
    assert statement.reconciles and statement.earned > 0
    assert (
        money.format_micros(statement.closing)
        in client.get(
            reverse("payouts:statement", kwargs={"side": "merchant", "year": f"{today.year:04d}", "month": f"{today.month:02d}"})
        ).content.decode()
    )
    pdf = client.get(
        reverse("payouts:statement_pdf", kwargs={"side": "merchant", "year": f"{today.year:04d}", "month": f"{today.month:02d}"})
    )
    assert pdf.content.startswith(b"%PDF")


def test_statement_lines_sort_and_export_every_line_to_csv(client):
    market, person = _history()
    client.login(email=person.email, password=PASSWORD)
    today = timezone.localdate()
    statement = statement_for(user=person, year=today.year, month=today.month)
    url = reverse("payouts:statement", kwargs={"side": "me", "year": f"{today.year:04d}", "month": f"{today.month:02d}"})
    page = client.get(url, {"sort": "-amount"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="statement-lines"' in page and "export=csv" in page
    response = client.get(url, {"sort": "-amount", "export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    assert f"statement-{today.year:04d}-{today.month:02d}" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Entry", "Reference", "Product", "Buyer", "Amount"]
    amounts = [row[5] for row in rows[1:]]
    # every line of the month, largest first as sorted on screen, as plain yuan that add up to the month's movement
    assert amounts == [
        money.format_micros_plain(line["amount"]) for line in sorted(statement.lines, key=lambda line: -line["amount"])
    ]
    total = sum(Decimal(amount) for amount in amounts)
    assert total * 1_000_000 == statement.closing - statement.opening
