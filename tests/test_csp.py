"""A strict Content-Security-Policy and a Permissions-Policy on every page, and HTML the policy lets work.

Every page without URL parameters is fetched as each kind of visitor, with the pages of one
product, order and version besides, the staff admin and the API docs: each HTML page carries
the policy and holds no inline script, no on…= handler and no style attribute (the policy
allows none of them; static/js/exchange.js and static/css/exchange.css do that work).
"""

import re

import pytest
from django.test import Client

from exchange.services.orders import order_place

from .exchange.buyer_world import market_create
from .exchange.test_role_matrix import _routes, access_of
from .factories import UserFactory

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
DISABLED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "bluetooth", "serial", "hid", "midi"]

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/(?:ld\+)?json[\"'])[^>]*>", re.I)
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def policy_of(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def html_problems(html: str) -> list[str]:
    problems = [f"inline script {match.group()[:80]}" for match in _INLINE_SCRIPT.finditer(html)]
    problems += [f"<style> element {match.group()[:60]}" for match in re.finditer(r"<style\b[^>]*>", html, re.I)]
    for tag in _TAG.finditer(html):
        if _HANDLER.search(tag.group()):
            problems.append(f"event handler attribute in {tag.group()[:100]}")
        if _STYLE_ATTRIBUTE.search(tag.group()):
            problems.append(f"style attribute in {tag.group()[:100]}")
    return problems


def check_page(response, url: str) -> list[str]:
    policy = policy_of(response)
    problems = [
        f"{url}: {directive} is {policy.get(directive)!r}"
        for directive, value in POLICY.items()
        if policy.get(directive) != value
    ]
    header = response.get("Content-Security-Policy", "")
    problems += [f"{url}: policy allows {word}" for word in ("'unsafe-inline'", "'unsafe-eval'", "*") if word in header.split()]
    features = response.get("Permissions-Policy", "")
    problems += [
        f"{url}: Permissions-Policy leaves {feature} on" for feature in DISABLED_FEATURES if f"{feature}=()" not in features
    ]
    if response["Content-Type"].startswith("text/html"):
        problems += [f"{url}: {problem}" for problem in html_problems(response.content.decode())]
    return problems


@pytest.fixture
def world():
    market = market_create()
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    return market, order


def _pages_without_parameters() -> list[str]:
    pages = []
    for _name, route, params, callback in _routes():
        access = access_of(callback)
        if params or route.startswith("api/") or route.endswith(".json") or not (access and "GET" in access.methods):
            continue
        pages.append("/" + route)
    return pages


def test_the_checker_finds_what_the_policy_forbids():
    assert html_problems('<script>alert(1)</script><script src="/static/x.js"></script>') == ["inline script <script>"]
    assert len(html_problems('<select onchange="go()"><div style="width: 3%">')) == 2
    assert html_problems('<script type="application/json" id="data">{}</script><a href="/on=1">x</a>') == []


def test_every_portal_page_carries_the_policy_and_no_inline_script(world):
    market, order = world
    visitors = {
        "anonymous": None,
        "jobseeker": UserFactory(),
        "provider": market.provider_user,
        "buyer": market.buyer_user,
        "staff": market.staff,
    }
    version = market.product.versions.order_by("-number").first()
    extra = {
        "anonymous": ["/no-such-page/", "/api/docs/", "/accounts/password/reset/"],
        "buyer": [
            f"/catalog/{market.product.pk}/",
            f"/catalog/{market.product.pk}/buy/",
            f"/merchant/purchases/{order.pk}/",
            f"/merchant/invoices/{order.pk}/",
        ],
        "provider": [
            f"/merchant/products/{market.product.pk}/",
            f"/merchant/versions/{version.pk}/report/",
            f"/merchant/products/{market.product.pk}/privacy/",
        ],
        "staff": [
            "/admin/",
            "/admin/exchange/dataproduct/",
            f"/admin/exchange/dataproduct/{market.product.pk}/change/",
            "/admin/accounts/merchant/",
            f"/admin/accounts/merchant/{market.buyer.pk}/change/",
            "/admin/exchange/order/",
        ],
    }
    problems, checked = [], 0
    for visitor, person in visitors.items():
        client = Client()
        if person is not None:
            client.force_login(person)
        for url in _pages_without_parameters() + extra.get(visitor, []):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            if response.status_code in (301, 302, 403, 405):
                continue
            checked += 1
            problems += check_page(response, f"{url} as {visitor}")
    assert checked >= 60, checked
    assert not problems, "\n".join(problems)


def test_api_answers_carry_the_policy_too():
    response = Client().get("/api/v1/receipts/public-key/")
    assert response.status_code == 200
    assert policy_of(response)["default-src"] == "'self'"
