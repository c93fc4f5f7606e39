"""Key pages under the real Content-Security-Policy in Chromium: no violation is reported, and the
page behaviour moved out of inline script (language switch, htmx search, submit-once) still works."""

import re

import pytest
from playwright.sync_api import Page, expect

from exchange.models import ProductVersion
from exchange.services.orders import order_place

from ..exchange.buyer_world import market_create
from ..factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports each refusal twice: as a console error and as a securitypolicyviolation event.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


class Watched:
    def __init__(self, context):
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                self.console.append(f"{self.page.url}: {message.text}")
                if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
                else None
            ),
        )
        self.violations: list[str] = []

    def visit(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        self.collect()
        return self.page

    def collect(self) -> None:
        self.violations += [f"{self.page.url}: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        self.page.evaluate("window.__cspViolations = []")

    def problems(self) -> list[str]:
        self.collect()
        return self.console + self.violations


def _login(watched: Watched, base: str, email: str, form: str = "form[action='/accounts/login/']") -> None:
    page = watched.visit(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_key_pages_report_no_csp_violation_and_keep_working(live_server, browser_context):
    base = live_server.url
    market = market_create()
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    version = ProductVersion.objects.filter(product=market.product).order_by("-number").first()

    # Anyone: home, catalog with its htmx search, the API docs (Swagger UI with its script as a file).
    visitor = Watched(browser_context())
    page = visitor.visit(f"{base}/")
    page.locator("select[name=language]").select_option("en")  # the language switch submits by itself
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page = visitor.visit(f"{base}/catalog/")
    page.locator("input[name=q]").fill("no product is called this")
    expect(page.locator("#results")).not_to_contain_text(market.product.title)  # htmx swapped the results in
    visitor.visit(f"{base}/api/docs/")
    expect(visitor.page.locator(".swagger-ui .info")).to_be_visible()
    visitor.visit(f"{base}/no-such-page/")

    # The jobseeker's portal.
    jobseeker = Watched(browser_context())
    _login(jobseeker, base, UserFactory().email)
    for path in ["/me/", "/me/resume/", "/me/consents/", "/me/rights/", "/me/products/"]:
        jobseeker.visit(base + path)

    # The merchant console: provider and buyer, the product page and the purchase review.
    provider = Watched(browser_context())
    _login(provider, base, market.provider_user.email)
    for path in [
        "/merchant/",
        "/merchant/products/",
        f"/merchant/products/{market.product.pk}/",
        f"/merchant/versions/{version.pk}/report/",
        "/merchant/team/",
    ]:
        provider.visit(base + path)
    bar = provider.page.locator(".progress-bar[data-progress]")
    assert bar.count() == 0 or bar.first.evaluate("el => el.style.width") == bar.first.get_attribute("data-progress") + "%"

    buyer = Watched(browser_context())
    _login(buyer, base, market.buyer_user.email)
    for path in [
        "/merchant/wallet/",
        "/merchant/purchases/",
        f"/merchant/purchases/{order.pk}/",
        f"/catalog/{market.product.pk}/",
        "/merchant/api-keys/",
    ]:
        buyer.visit(base + path)

    # The staff admin: index, a list, a change form (its widgets' scripts are static files).
    staff = Watched(browser_context())
    page = staff.visit(f"{base}/admin/login/")
    page.locator("#id_username").fill(market.staff.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()
    for path in [
        "/admin/",
        "/admin/exchange/dataproduct/",
        f"/admin/exchange/dataproduct/{market.product.pk}/change/",
        f"/admin/accounts/merchant/{market.buyer.pk}/change/",
    ]:
        staff.visit(base + path)
    expect(staff.page.locator("#content")).to_be_visible()

    problems = visitor.problems() + jobseeker.problems() + provider.problems() + buyer.problems() + staff.problems()
    assert not problems, "\n".join(problems)


def test_the_purchase_button_is_disabled_as_the_form_leaves(live_server, browser_context):
    base = live_server.url
    market = market_create()
    buyer = Watched(browser_context())
    _login(buyer, base, market.buyer_user.email)
    page = buyer.visit(f"{base}/catalog/{market.product.pk}/buy/")
    # A listener added after the page's own sees the button as the page's handler left it, and keeps the
    # form from leaving so that no order is placed.
    page.evaluate(
        """document.addEventListener("submit", (event) => {
             window.__disabled = event.target.querySelector("#confirm-purchase").disabled; event.preventDefault(); })"""
    )
    page.locator("#confirm-purchase").click()
    assert page.evaluate("window.__disabled") is True
    expect(page.locator("#confirm-purchase")).to_be_disabled()
    assert not buyer.problems()
