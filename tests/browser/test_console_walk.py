"""Every role's console walked in both languages at 1366 px and 390 px.

On each page: no horizontal scroll, no English msgid of the app left on a Chinese page,
money in the one format (¥ with two decimals, six only when part of a fen). Along the way:
the second-purchase guard, the staff review page and a CSV export that opens with the
right rows; and a webhook endpoint registered in the console that receives a purchase's
event on a local receiver, signed under the secret the page showed once. Screenshots of
every page go to var/screenshots/ for a person to look at.
"""

import csv
import hashlib
import hmac
import io
import json
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from exchange.models import DataProduct, Order, ProductListing
from exchange.services.orders import order_place, order_settle
from exchange.webhooks import signature_verify

from ..exchange.buyer_world import fund, listed_dataset
from ..exchange.test_webhooks import Receiver
from ..factories import PASSWORD, MerchantFactory, ProviderFactory, ResumeFactory, StaffFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (1366, 390)
LANGUAGES = ("zh-hans", "en")
# One money format: ¥1,234.56, or ¥0.000300 when a share holds part of a fen.
MONEY = re.compile(r"[¥￥]\s?-?[\d,.]+")
MONEY_OK = re.compile(r"¥-?\d{1,3}(,\d{3})*\.(\d{2}|\d{6})")


def _app_msgids() -> list[str]:
    """The app's own English msgids of two words or more that have a Chinese translation other than themselves."""
    text = (Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n"):
        if "#~" in block or "fuzzy" in block or "msgid_plural" in block:
            continue
        match = re.search(r'^msgid "(.+)"\nmsgstr "(.+)"$', block, re.M)
        if not match:
            continue
        msgid, msgstr = match.groups()
        if msgid == msgstr or "%" in msgid or "{" in msgid or "\\" in msgid or "<" in msgid:
            continue
        if len(msgid.split()) >= 2 and re.fullmatch(r"[A-Za-z][A-Za-z '&,.()-]+", msgid):
            out.append(msgid)
    return out


# Single words of the console's navigation and tables, which the catalogue scan above leaves out.
NAVIGATION = ["Overview", "Catalog", "Purchases", "Products", "Sales", "Talent", "Team", "Settings", "Earnings", "Status"]
MSGIDS = _app_msgids() + NAVIGATION
MSGID_RE = re.compile(
    r"(?<![A-Za-z])(" + "|".join(re.escape(m) for m in sorted(MSGIDS, key=len, reverse=True)) + r")(?![A-Za-z])"
)


def _login(context, base: str, email: str, *, admin: bool = False) -> Page:
    page = context.new_page()
    if admin:
        page.goto(f"{base}/admin/login/")
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("#login-form [type=submit]").click()
        return page
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def _check(page: Page, base: str, path: str, *, role: str, language: str, problems: list[str]) -> None:
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    response = page.goto(f"{base}{path}", wait_until="domcontentloaded")
    assert response is not None and response.status == 200, f"{role} {path}: {response and response.status}"
    body = page.locator("body").inner_text()
    where = f"{role} {language} {path}"
    for shown in MONEY.findall(body):
        if not MONEY_OK.fullmatch(shown.rstrip(".,")):
            problems.append(f"{where}: money shown as {shown!r}")
    if language == "zh-hans":
        left = sorted(set(MSGID_RE.findall(body)))
        if left:
            problems.append(f"{where}: untranslated {left}")
    for width in WIDTHS:  # the same page laid out again at each width
        page.set_viewport_size({"width": width, "height": 900})
        # Charts are images drawn for the width (templates/charts/chart.html): wait until each has
        # picked its drawing and loaded it, then check that it did.
        size = "s" if width < 576 else "l"
        try:
            page.wait_for_function(
                "size => [...document.querySelectorAll('img.chart-img')].every("
                "img => img.currentSrc.endsWith('size=' + size) && img.complete)",
                arg=size,
                timeout=10_000,
            )
        except PlaywrightTimeout:
            problems.append(f"{where} at {width} px: a chart did not pick its {size} drawing")
        for shown in page.locator("img.chart-img").evaluate_all("imgs => imgs.map(i => [i.currentSrc, i.naturalWidth])"):
            if not shown[1]:
                problems.append(f"{where} at {width} px: chart {shown[0]} did not load")
        overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if overflow[0] > overflow[1]:
            problems.append(f"{where} at {width} px: {overflow[0]} px wide in a {overflow[1]} px window")
        if (width == 390) == (language == "zh-hans"):  # each page once a language: Chinese on a phone, English on a desktop
            slug = re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()) or "home"
            page.screenshot(path=str(SHOTS / f"{role}-{language}-{width}-{slug}.png"), full_page=width == 390)


def test_every_console_page_reads_well_in_both_languages_at_desktop_and_phone_width(live_server, browser_context):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    assert len(MSGIDS) > 200  # the list of the app's own strings is the catalogue, not a hand-picked few
    provider = ProviderFactory(name="珠江地图数据有限公司")
    provider_user = member_of(provider)
    owned = listed_dataset(provider, title="深圳道路网络", description="各区道路长度。", price_fen=19_900)
    listed_dataset(provider, title="深圳公交站点", description="公交站点与线路。", frequency=ProductListing.Frequency.YEARLY)
    waiting = listed_dataset(provider, title="广州充电桩分布", description="各区充电桩数量。", price_fen=98_000)
    DataProduct.objects.filter(pk=waiting.pk).update(status=DataProduct.Status.IN_REVIEW)
    buyer = MerchantFactory(name="云帆科技有限公司", credit_code="91350100M000100Y43")
    buyer_user = member_of(buyer)
    staff = StaffFactory()
    fund(buyer, buyer_user, staff, fen=1_000_000, reference="CMB-WALK-1")
    order = order_place(buyer=buyer, product=owned, by=buyer_user)
    order_settle(order_id=order.pk)
    jobseeker = ResumeFactory().owner
    this_month = f"{timezone.localdate():%Y-%m}"

    pages = {
        "buyer": (
            buyer_user.email,
            False,
            [
                "/merchant/",
                "/catalog/",
                f"/catalog/{owned.pk}/",
                "/merchant/purchases/",
                f"/merchant/purchases/{order.pk}/",
                "/merchant/wallet/",
                "/merchant/invoices/",
                f"/merchant/invoices/{order.pk}/",
                "/merchant/api-keys/",
                "/merchant/team/",
                "/merchant/profile/",
                "/statistics/",
            ],
        ),
        "provider": (
            provider_user.email,
            False,
            [
                "/merchant/",
                "/merchant/products/",
                f"/merchant/products/{owned.pk}/",
                "/merchant/products/new/",
                "/merchant/sales/",
                "/merchant/earnings/",
                f"/merchant/earnings/statements/{this_month}/",
            ],
        ),
        "jobseeker": (
            jobseeker.email,
            False,
            ["/me/", "/me/resume/", "/me/consents/", "/me/products/", "/me/earnings/", f"/me/earnings/statements/{this_month}/"],
        ),
        "staff": (
            staff.email,
            True,
            ["/admin/", f"/admin/exchange/dataproduct/{waiting.pk}/review/", "/admin/payouts/topup/", "/finance/report/"],
        ),
    }
    problems: list[str] = []
    for language in LANGUAGES:
        locale = "zh-CN" if language == "zh-hans" else "en-US"
        for role, (email, admin, paths) in pages.items():
            context = browser_context(locale=locale)
            page = _login(context, base, email, admin=admin)
            for path in paths:
                _check(page, base, path, role=role, language=language, problems=problems)

            if role == "buyer" and language == "en":
                # The second-purchase guard: an owned version offers no Buy, and says so.
                page.goto(f"{base}/catalog/{owned.pk}/")
                expect(page.locator("#standing")).to_contain_text("You own this version")
                expect(page.locator("#buy")).to_have_count(0)
                # The purchases CSV opens with the header and the one purchase, its price in yuan.
                page.goto(f"{base}/merchant/purchases/")
                with page.expect_download() as download:
                    page.locator("a.csv-export").click()
                rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
                assert rows[0][:3] == ["Order", "Date", "Product"]
                assert len(rows) == 2 and rows[1][0] == str(order.pk) and "深圳道路网络" in rows[1] and "199.00" in rows[1]
            if role == "provider" and language == "en":
                # The new-product form shows the fields of the chosen kind, with plain-words help for k.
                page.goto(f"{base}/merchant/products/new/")
                page.locator("[name=kind]").select_option("dataset")
                expect(page.locator("[name=k]")).to_be_hidden()
                expect(page.locator("[name=source_file]")).to_be_visible()
                page.locator("[name=kind]").select_option("records")
                expect(page.locator("[name=k]")).to_be_visible()
                expect(page.locator("[name=epsilon]")).to_be_hidden()
                expect(page.locator("#product-form")).to_contain_text("nobody can be singled out")
            if role == "staff":
                page.goto(f"{base}/admin/exchange/dataproduct/{waiting.pk}/review/")
                expect(page.locator("#review-summary")).to_contain_text("¥980.00")
                expect(page.locator("#review-verdict")).to_have_class("review-verdict-passed")
                expect(page.locator("#review-approve")).to_be_visible()
                page.goto(f"{base}/admin/")
                expect(page.locator("#staff-queue .queue-listings .queue-count")).to_have_text("1")
            context.close()
    assert problems == []


def test_a_webhook_registered_in_the_console_reaches_a_local_receiver_signed_with_the_secret_shown_once(
    live_server, browser_context
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    provider = ProviderFactory(name="珠江地图数据有限公司")
    product = listed_dataset(provider, title="Shenzhen road network", price_fen=19_900)
    buyer = MerchantFactory(name="Cloudsail Technology")
    buyer_user = member_of(buyer)
    fund(buyer, buyer_user, StaffFactory(), fen=100_000, reference="CMB-HOOK-1")
    receiver = Receiver()  # the merchant's endpoint: an HTTP server on this machine, in a thread
    try:
        page = _login(browser_context(), base, buyer_user.email)

        # given an endpoint registered in the console for paid orders
        page.goto(f"{base}/merchant/webhooks/")
        page.locator("#webhook-url").fill(receiver.url)
        page.locator("input[name=events][value='order.paid']").check()
        with page.expect_navigation():
            page.locator("#webhook-form button[type=submit]").click()
        secret = page.locator("#new-webhook-secret code").inner_text().strip()
        assert secret.startswith("whsec_")
        page.screenshot(path=str(SHOTS / "buyer-en-1366-merchant-webhooks-secret.png"), full_page=True)
        page.goto(f"{base}/merchant/webhooks/")
        expect(page.locator("#new-webhook-secret")).to_have_count(0)  # shown once
        expect(page.locator("#webhook-endpoints tbody tr")).to_have_count(1)
        expect(page.locator("#webhook-endpoints")).to_contain_text(receiver.url)

        # when the buyer pays for a product through the review page
        page.goto(f"{base}/catalog/{product.pk}/")
        with page.expect_navigation():
            page.locator("#buy").click()
        with page.expect_navigation():
            page.locator("#confirm-purchase").click()
        order = Order.objects.get(buyer=buyer)

        # then the receiver gets one POST whose signature checks out under the secret the page showed
        deadline = time.monotonic() + 15
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(receiver.received) == 1
        first = receiver.received[0]
        header = first["headers"]["Exchange-Signature"]
        fields = dict(part.split("=", 1) for part in header.split(","))
        expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + first["body"], hashlib.sha256).hexdigest()
        assert hmac.compare_digest(fields["v1"], expected)  # recomputed here, as a receiver would
        assert abs(time.time() - int(fields["t"])) < 300
        assert signature_verify(secret, first["body"], header)
        assert not signature_verify(secret, first["body"] + b" ", header)  # a changed body fails
        assert not signature_verify("whsec_" + "0" * 32, first["body"], header)  # another secret fails
        event = json.loads(first["body"])
        assert event["type"] == "order.paid" and event["data"]["order"] == order.pk and event["data"]["amount_fen"] == 19_900

        # and the delivery log shows it delivered; sent again, it arrives signed again under the same event id
        page.goto(f"{base}/merchant/webhooks/")
        with page.expect_navigation():
            page.locator("#webhook-endpoints a").first.click()
        expect(page.locator("#webhook-deliveries")).to_contain_text("HTTP 200")
        with page.expect_navigation():
            page.locator("#webhook-deliveries button[name=replay]").first.click()
        deadline = time.monotonic() + 15
        while len(receiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        again = receiver.received[1]
        assert signature_verify(secret, again["body"], again["headers"]["Exchange-Signature"])
        assert json.loads(again["body"])["id"] == event["id"]
        page.set_viewport_size({"width": 390, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(SHOTS / "buyer-en-390-merchant-webhook-deliveries.png"), full_page=True)
    finally:
        receiver.close()
