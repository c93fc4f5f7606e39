"""Personal answers and files are never cached; signed-in sessions end when idle and after 12 hours."""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from config.middleware import SESSION_SEEN, SESSION_STARTED, NoStoreMiddleware
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place

from .exchange.buyer_world import market_create
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def market():
    return market_create()


def test_a_jobseekers_pages_and_files_are_no_store():
    client = Client()
    client.force_login(UserFactory())
    for url in ["/me/", "/me/resume/", "/me/consents/", "/me/rights/", "/me/rights/my-data.json"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_a_merchants_pages_invoices_and_api_answers_are_no_store(market):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    client = Client()
    client.force_login(market.buyer_user)
    for url in ["/merchant/", "/merchant/wallet/", f"/merchant/invoices/{order.pk}/pdf/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url

    _key, secret = api_key_create(merchant=market.buyer, name="cache", by=market.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    for url in ["/api/v1/wallet/", f"/api/v1/orders/{order.pk}/", "/api/v1/invoices/"]:
        response = api.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_public_pages_for_anonymous_visitors_stay_cacheable():
    response = Client().get("/catalog/")
    assert response.status_code == 200
    assert not _no_store(response)


def test_a_download_is_no_store_even_for_an_anonymous_request_and_a_views_own_choice_stands():
    def attachment(request):
        response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="x.pdf"'
        return response

    def cacheable(request):
        response = HttpResponse("public")
        response["Cache-Control"] = "max-age=60"
        return response

    request = RequestFactory().get("/download/x/")
    request.user = AnonymousUser()
    assert _no_store(NoStoreMiddleware(attachment)(request))

    signed_in = RequestFactory().get("/catalog/")
    signed_in.user = UserFactory()
    assert NoStoreMiddleware(cacheable)(signed_in)["Cache-Control"] == "max-age=60"
    assert _no_store(NoStoreMiddleware(lambda request: HttpResponse("mine"))(signed_in))


# --- session limits ---------------------------------------------------------------------------------


def _signed_in_client(user=None) -> Client:
    client = Client()
    client.force_login(user or UserFactory())
    assert client.get("/me/").status_code == 200
    return client


def _set_clock(client: Client, *, started_ago: float, seen_ago: float) -> None:
    now = time.time()
    session = client.session
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_SEEN] = now - seen_ago
    session.save()


def test_thirty_idle_minutes_sign_the_person_out_with_a_message_in_their_language():
    client = _signed_in_client()
    _set_clock(client, started_ago=31 * 60, seen_ago=31 * 60)
    response = client.get("/me/consents/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/me/consents/")
    login_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "signed out after 30 minutes without activity" in login_page
    assert client.get("/me/").status_code == 302  # the session is gone, not only this request

    chinese = _signed_in_client()
    _set_clock(chinese, started_ago=40 * 60, seen_ago=40 * 60)
    response = chinese.get("/me/", HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
    assert "30 分钟" in response.content.decode()


def test_activity_slides_the_idle_clock():
    client = _signed_in_client()
    _set_clock(client, started_ago=29 * 60, seen_ago=29 * 60)
    assert client.get("/me/").status_code == 200
    assert time.time() - client.session[SESSION_SEEN] < 5  # the clock moved to now
    _set_clock(client, started_ago=58 * 60, seen_ago=29 * 60)
    assert client.get("/me/").status_code == 200  # 58 minutes signed in, never 30 idle


def test_twelve_hours_after_sign_in_the_session_ends_however_active():
    client = _signed_in_client()
    _set_clock(client, started_ago=12 * 3600 + 5, seen_ago=10)
    response = client.get("/me/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "signed out 12 hours after signing in" in response.content.decode()
    assert client.get("/me/").status_code == 302


def test_sign_in_starts_the_clocks():
    user = UserFactory()
    client = Client()
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    session = client.session
    assert time.time() - session[SESSION_STARTED] < 5
    assert time.time() - session[SESSION_SEEN] < 5


def test_an_htmx_request_of_an_idle_session_is_sent_to_sign_in_by_htmx():
    client = _signed_in_client()
    _set_clock(client, started_ago=31 * 60, seen_ago=31 * 60)
    response = client.get("/me/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/")


def test_api_keys_are_unaffected_and_an_idle_session_on_the_api_gets_a_json_refusal(market):
    _key, secret = api_key_create(merchant=market.buyer, name="idle", by=market.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert api.get("/api/v1/wallet/").status_code == 200

    session_client = Client()
    session_client.force_login(market.buyer_user)
    assert session_client.get("/api/v1/wallet/").status_code == 200
    _set_clock(session_client, started_ago=31 * 60, seen_ago=31 * 60)
    response = session_client.get("/api/v1/wallet/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"
