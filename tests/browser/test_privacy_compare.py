"""The comparison page reads on a 390 px wide phone: no sideways scrolling of the page."""

import pytest
from playwright.sync_api import expect

from ..flow import product_define, world_create
from .test_skeleton_walk import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_comparison_fits_a_390_px_screen(live_server, browser_context):
    world = world_create(people=30)
    product = product_define(world, k=3)
    context = browser_context()
    page = _login(context, live_server.url, world.provider_user.email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/merchant/products/{product.pk}/privacy/compare/")
    expect(page.locator(".compare-entry")).to_have_count(6)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("input[name=ks]").fill("4")
    with page.expect_navigation():
        page.locator("#compare-form button[type=submit]").click()
    expect(page.locator(".compare-entry")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
