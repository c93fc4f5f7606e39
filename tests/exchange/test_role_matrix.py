"""Every route of the site × every kind of visitor, checked against the one role matrix (accounts/roles.py).

Each route declares who may call it, per method (a capability for merchant members; or
jobseekers, staff, anyone). This test reads the declarations, calls every route with every
declared method as each visitor, and checks the server's answer agrees:

- allowed: not refused (no 401/403/405, no bounce to a login page, no server error);
- refused: 403 for a signed-in member without the capability (or of a suspended organisation),
  a login redirect (pages) or 401 (API) for anyone not signed in, including deactivated
  accounts and API keys of removed members.

A route without a declaration fails `test_every_route_declares_its_access`. A route whose URL
needs a value not in `KWARGS` fails with a message saying to add it there.
"""

import uuid

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from accounts.models import Membership, Merchant
from accounts.roles import ROLE_CAPABILITIES, SUSPENDED_KEEPS, Access
from accounts.services import membership_remove, membership_role_change, user_deactivate
from exchange.models import BuyerNotice, DataProduct, PricePlan
from exchange.services.api_keys import api_key_create
from exchange.services.orders import download_link_create, order_place
from exchange.webhooks import endpoint_create

from ..factories import member_of
from .buyer_world import listed_dataset, market_create, plan, talent_invitation_accepted

pytestmark = pytest.mark.django_db

# Django's admin checks staff and model permissions itself; allauth's pages are the sign-in flow.
EXEMPT_PREFIXES = ("admin/", "accounts/")


def _routes(resolver=None, prefix="", namespace="", params=()):
    """(route name, route pattern, URL parameter names, view callback) for every URL of the site."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        names = (*params, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            if route.startswith(EXEMPT_PREFIXES):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern, route, inner, names)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", route, list(names), pattern.callback


def access_of(callback) -> Access | None:
    for holder in (callback, getattr(callback, "cls", None), getattr(callback, "view_class", None)):
        access = getattr(holder, "access", None)
        if isinstance(access, Access):
            return access
    return None


def test_every_route_declares_its_access():
    undeclared = [f"{name} ({route})" for name, route, _params, callback in _routes() if access_of(callback) is None]
    assert not undeclared, (
        "These routes declare no access. Decorate the view with @merchant_required(get=Capability.…, post=…), "
        "@jobseeker_required, @staff_required or @public (accounts/decorators.py), or give the API view "
        "`capabilities = {...}` (a MerchantApi) or `access = Access(public=...)`; capabilities and roles are in "
        "accounts/roles.py:\n  " + "\n  ".join(undeclared)
    )


def test_every_role_has_a_row_in_the_matrix():
    assert set(ROLE_CAPABILITIES) == set(Membership.Role.values)


# --- the world every visitor meets ------------------------------------------------------------------------

MERCHANT_ROLES = ["owner", "admin", "member", "viewer"]
VISITORS = ["anonymous", "jobseeker", "staff", *MERCHANT_ROLES, "removed", "deactivated", "suspended"]


@pytest.fixture
def world():
    cache.clear()  # throttle counts of earlier tests must not turn into 429s
    market = market_create()
    org = market.buyer  # buys from Pearl River and sells its own dataset, so every route applies
    Merchant.objects.filter(pk=org.pk).update(is_provider=True)
    org.refresh_from_db()
    owner = market.buyer_user
    order = order_place(buyer=org, product=market.product, by=owner)
    second = listed_dataset(market.provider, title="Second product")
    sub_order = order_place(buyer=org, product=second, by=owner, plan=plan(second, PricePlan.Kind.MONTHLY, 7_000))
    own = listed_dataset(org, title="Our own dataset")
    DataProduct.objects.filter(pk=own.pk).update(status=DataProduct.Status.DRAFT)
    query_product = DataProduct.objects.create(
        provider=market.provider,
        title="Talent queries",
        kind=DataProduct.Kind.QUERY,
        category=DataProduct.Category.TALENT,
        price_fen=10_000,
        status=DataProduct.Status.APPROVED,
    )
    notice = BuyerNotice.objects.create(order=order, withdrawn_version=order.version, replacement=order.version)
    people = {"owner": owner, "jobseeker": market.jobseeker, "staff": market.staff}
    for role in ("admin", "member", "viewer", "removed", "deactivated"):
        people[role] = member_of(org, role=Membership.Role.ADMIN)
    keys = {}
    for role in ("owner", "admin", "member", "viewer", "removed", "deactivated"):
        # Every key is made by an administrator, then the person's role changes: a key follows its creator's role.
        keys[role] = api_key_create(merchant=org, name=role, by=people[role])[1]
    for role in ("member", "viewer"):
        membership_role_change(membership=Membership.objects.get(user=people[role]), role=role, by=owner)
    membership_remove(membership=Membership.objects.get(user=people["removed"]), by=owner)
    user_deactivate(user=people["deactivated"], by=market.staff)
    suspended_org = market.other
    people["suspended"] = market.other_user
    keys["suspended"] = api_key_create(merchant=suspended_org, name="suspended", by=market.other_user)[1]
    order_place(buyer=suspended_org, product=market.product, by=market.other_user)
    Merchant.objects.filter(pk=suspended_org.pk).update(status=Merchant.Status.SUSPENDED, status_reason="test")
    invitation = talent_invitation_accepted(org, owner)
    return {
        "market": market,
        "people": people,
        "keys": keys,
        "objects": {
            "product_id": market.product.pk,
            "own_product_id": own.pk,
            "query_product_id": query_product.pk,
            "order_id": order.pk,
            "subscription_id": sub_order.terms.subscription.pk,
            "version_id": own.versions.get().pk,
            "notice_id": notice.pk,
            "token": download_link_create(order=order, by=owner),
            "endpoint_id": endpoint_create(merchant=org, url="https://hooks.example.com/x", events=[], by=owner)[0].pk,
            "invitation_id": invitation.pk,
        },
    }


# Values for URL parameters. Objects of the organisation come from the world; jobseeker routes (consent, talent) take ids
# that exist nowhere (their owner checks are tested in tests/consent): only the refusal of others matters here.
# Form or JSON bodies for POSTs that need one to get past input checks (an empty body is refused with 404 there).
BODIES = {"exchange:team": {"action": "rotate"}}
ROUTE_KWARGS = {
    "exchange:query_console": {"product_id": "query_product_id"},
    "exchange:build": {"product_id": "own_product_id"},
    "exchange:submit": {"product_id": "own_product_id"},
    "exchange:product_privacy": {"product_id": "own_product_id"},
    "exchange:product_privacy_compare": {"product_id": "own_product_id"},
    "exchange:product_console": {"product_id": "own_product_id"},
    "exchange:product_chart": {"product_id": "own_product_id"},
    "exchange:stats_chart": {"name": "months"},
    "exchange:merchant_chart": {"name": "spend"},
}
KWARGS = {
    "product_id": "product_id",
    "order_id": "order_id",
    "subscription_id": "subscription_id",
    "version_id": "version_id",
    "notice_id": "notice_id",
    "token": "token",
    "endpoint_id": "endpoint_id",
    "upload_id": 999_999,
    "grant_id": 999_999,
    "invitation_id": "invitation_id",
    "receipt_id": uuid.UUID(int=1),
    "year": "2026",
    "month": "11",
}


def _url(world, name: str, route: str, params: list[str], side: str) -> str:
    kwargs = {}
    for param in params:
        if param == "side":
            kwargs[param] = side
            continue
        source = ROUTE_KWARGS.get(name, {}).get(param, KWARGS.get(param))
        assert source is not None, (
            f"Route {name} ({route}) needs a value for {param!r}: add it to KWARGS in tests/exchange/test_role_matrix.py"
        )
        kwargs[param] = world["objects"].get(source, source) if isinstance(source, str) else source
    return reverse(name, kwargs=kwargs)


def _expected(access: Access, visitor: str, method: str, route: str) -> str:
    """'allow', 'forbid' (403) or 'login' (401 on the API, a login redirect on pages)."""
    if method in access.public:
        return "allow"
    if visitor in ("anonymous", "deactivated"):
        return "login"
    if visitor == "jobseeker":
        return "allow" if method in access.jobseeker else ("login" if access.staff else "forbid")
    if visitor == "staff":
        return "allow" if method in access.staff else "forbid"
    if access.staff and not access.merchant:
        return "login"  # the admin's own check sends non-staff to the staff sign-in
    capability = access.merchant.get(method)
    if capability is None:
        return "forbid"
    if visitor == "removed":
        return "forbid"
    if visitor == "suspended":
        return "allow" if capability in SUSPENDED_KEEPS and not route.startswith("api/") else "forbid"
    return "allow" if capability in ROLE_CAPABILITIES[visitor] else "forbid"


def _client(world, visitor: str, *, api: bool):
    if visitor == "anonymous":
        return APIClient()
    client = APIClient()
    person = world["people"][visitor]
    if api and visitor in world["keys"]:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {world['keys'][visitor]}")
    else:
        client.force_login(person) if person.is_active else client.login(email=person.email, password="x")
    return client


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("channel", ["session", "api_key"])
def test_role_matrix_over_every_route(world, visitor, channel):
    if channel == "api_key" and visitor not in world["keys"]:
        pytest.skip("only merchant members hold API keys")
    problems = []
    side = "me" if visitor == "jobseeker" else "merchant"
    for name, route, params, callback in _routes():
        access = access_of(callback)
        assert access is not None, name
        is_api = route.startswith("api/v1/") or name == "exchange:download"
        if channel == "api_key" and not is_api:
            continue
        url = _url(world, name, route, params, side)
        cache.clear()  # a visitor with a wrong key calls every route: the bad-key throttle must not answer instead
        client = _client(world, visitor, api=channel == "api_key")
        for method in sorted(access.methods):
            expected = _expected(access, visitor, method, route)
            if method == "GET":
                response = client.get(url)
            elif is_api:
                response = client.post(url, BODIES.get(name, {}), format="json")
            else:
                response = client.post(url, BODIES.get(name, {}), format="multipart")
            status = response.status_code
            to_login = status == 302 and "login" in response.get("Location", "")
            if expected == "allow":
                ok = status < 500 and status not in (401, 403, 405) and not to_login
                # The world holds every object of the organisation: a 404 would be a hidden refusal. (Not so for
                # jobseeker routes, given ids that exist nowhere, and the suspended organisation, which owns none.)
                jobseeker_route = name.startswith("consent:") or (name.startswith("talent:") and route.startswith("me/"))
                if status == 404 and not (method in access.public or jobseeker_route or visitor == "suspended"):
                    ok = False
            elif expected == "forbid":
                ok = status == 403 or (is_api and status == 401 and visitor == "removed")
            else:
                ok = status == 401 if is_api else to_login
            if not ok:
                problems.append(f"{method} {url} [{name}] as {visitor}: expected {expected}, got {status}")
    assert not problems, "\n".join(problems)
