"""Browser tests (Playwright on Debian chromium) and what they share."""

import re

from playwright.sync_api import Page, expect

from ..factories import PASSWORD


def sign_in(context, base: str, email: str) -> Page:
    """A new page signed in through the login form as `email` (the factories' password)."""
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page
