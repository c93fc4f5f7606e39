"""A jobseeker sees a new sale, waits out the hold, withdraws; staff pay the batch; she sees it paid."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payouts.models import PayoutBatch, Withdrawal
from payouts.money import format_micros
from payouts.selectors import earnings_for_user, ledger_violations
from payouts.services import holds_release_due

from ..flow import build_start, buy, list_and_fund, product_define, world_create
from . import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_sale_is_held_released_withdrawn_and_paid(live_server, browser_context):
    base = live_server.url
    # given a settled sale that included the jobseeker
    world = world_create(people=4)
    product = product_define(world, k=2)
    build_start(world, product)
    list_and_fund(world, product)
    buy(world, product)
    person = next(p for p in world.jobseekers if earnings_for_user(user=p).pending > 0)
    share = earnings_for_user(user=person).pending

    # when she opens her earnings page, the sale is there, pending
    page = sign_in(browser_context(), base, person.email)
    page.goto(f"{base}/me/earnings/")
    line = page.locator("#sales tr.sale-line").first
    expect(line).to_contain_text("Software talent pool, Q4")
    expect(line).to_contain_text(world.buyer.name)
    expect(line.locator(".share")).to_have_text(format_micros(share))
    expect(line.locator(".sale-state")).to_have_text("Pending")
    assert page.locator("#earnings-chart img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert ">Earnings (¥)<" in page.request.get(f"{base}/me/earnings/chart.svg", headers={"Accept-Language": "en"}).text()

    # when the refund window passes (time moved for the release task), the share is available
    assert holds_release_due(now=timezone.now() + timedelta(days=8)) == 1
    page.reload()
    expect(page.locator("#earnings-available")).to_have_text(format_micros(share))
    expect(line.locator(".sale-state")).to_have_text("Available")

    # when she registers an Alipay account and withdraws ¥10
    form = page.locator("#payout-account-form")
    form.locator("select[name=kind]").select_option("alipay")
    form.locator("input[name=holder_name]").fill("李晓梅")
    form.locator("input[name=number]").fill("13912345678")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("#payout-accounts")).to_contain_text("•••• 5678")
    expect(page.locator("body")).not_to_contain_text("13912345678")
    page.locator("#withdraw-form input[name=amount]").fill("10")
    with page.expect_navigation():
        page.locator("#withdraw-form button[type=submit]").click()
    expect(page.locator("#withdrawals .withdrawal-status").first).to_have_text("Requested")
    expect(page.locator("#earnings-in-payout")).to_have_text("¥10.00")

    # when staff build the day's batch and mark the line paid in the admin
    staff = sign_in(browser_context(), base, world.staff.email)
    staff.goto(f"{base}/admin/payouts/payoutbatch/")
    with staff.expect_navigation():
        staff.locator("#build-batch button").click()
    assert PayoutBatch.objects.get().line_count == 1
    staff.goto(f"{base}/admin/payouts/withdrawal/")
    staff.locator("input[name=_selected_action]").first.check()
    staff.locator("select[name=action]").select_option("mark_paid")
    with staff.expect_navigation():
        staff.locator("button[name=index]").click()
    expect(staff.locator(".messagelist")).to_contain_text("marked paid")

    # then she sees it paid, and the ledger agrees
    page.reload()
    expect(page.locator("#withdrawals .withdrawal-status").first).to_have_text("Paid")
    expect(page.locator("#earnings-paid")).to_have_text("¥10.00")
    assert Withdrawal.objects.get().status == Withdrawal.Status.PAID
    assert ledger_violations() == []
