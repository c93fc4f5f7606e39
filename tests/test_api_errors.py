"""API bodies have size and depth limits, and every error under /api/ is JSON in the reader's language.

Pages outside /api/ keep the site's translated HTML error pages.
"""

import io
import json

import pytest
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from config import views
from config.parsers import LimitedJSONParser, PayloadTooLarge, too_deep
from exchange.services.api_keys import api_key_create

from .factories import MerchantFactory, member_of

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.fixture
def api():
    merchant = MerchantFactory()
    _key, secret = api_key_create(merchant=merchant, name="limits", by=member_of(merchant))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)["error"]


def test_five_thousand_nested_objects_are_a_json_400_not_a_server_error(api):
    response = api.post("/api/v1/orders/", nested(5_000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "parse_error"
    assert "deeper than 32 levels" in error["message"]


def test_the_depth_message_is_in_chinese_for_a_chinese_reader(api):
    response = api.post("/api/v1/orders/", nested(5_000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "32 层" in _error(response)["message"]


def test_a_public_endpoint_that_reads_its_own_body_keeps_the_depth_limit():
    response = Client().post(
        "/api/v1/receipts/verify/", nested(5_000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "deeper than 32 levels" in _error(response)["message"]


def test_nesting_up_to_the_limit_is_parsed_and_reaches_validation(api):
    body = '{"product_id": ' + "[" * 31 + "1" + "]" * 31 + "}"
    response = api.post("/api/v1/orders/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert _error(response)["code"] == "invalid"  # the serializer refused it: parsing went through


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert not too_deep('{"note": "' + "[{" * 100 + '\\" ]]"}', 2)
    assert too_deep("[[[1]]]", 2)
    assert not too_deep("[[1]]", 2)


def test_invalid_json_is_a_json_400_with_its_position(api):
    response = api.post("/api/v1/orders/", '{"product_id": 1,}', content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "line 1, column 18" in _error(response)["message"]


def test_an_oversize_body_under_the_api_is_a_json_413(api, settings):
    body = '{"product_id": 1, "pad": "' + "x" * settings.API_MAX_BODY_BYTES + '"}'
    response = api.post("/api/v1/orders/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    error = _error(response)
    assert error["code"] == "too_large"
    assert "2,048 KiB" in error["message"]


def test_a_body_without_a_declared_length_is_cut_off_by_the_parser(settings):
    settings.API_MAX_BODY_BYTES = 100
    with pytest.raises(PayloadTooLarge):
        LimitedJSONParser().parse(io.BytesIO(b'{"a": "' + b"x" * 200 + b'"}'), parser_context={})
    assert LimitedJSONParser().parse(io.BytesIO(b'{"a": "x"}'), parser_context={}) == {"a": "x"}


def test_djangos_request_data_too_big_is_a_json_413_under_the_api(settings):
    # The receipt endpoint reads request.body, where Django's own limit raises RequestDataTooBig.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = Client().post("/api/v1/receipts/verify/", '{"document": "' + "x" * 2_000 + '"}', content_type="application/json")
    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


def test_form_bodies_are_refused_the_api_speaks_json(api):
    response = api.post("/api/v1/orders/", {"product_id": 1}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 415
    assert _error(response)["code"] == "unsupported_media_type"


@pytest.mark.parametrize("path", ["/api/v1/orders/abc/", "/api/v1/products/1.5/versions/", "/api/v1/nothing-here/", "/api/x"])
def test_unknown_api_addresses_are_a_json_404_in_the_readers_language(path, api):
    english = api.get(path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert english.status_code == 404
    assert _error(english) == {"code": "not_found", "message": "Not found.", "fields": {}}
    chinese = api.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
    assert _error(chinese)["message"] == "未找到。"


def test_unknown_api_addresses_are_json_even_with_debug_on(settings, api):
    settings.DEBUG = True
    response = api.get("/api/v1/orders/abc/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_the_api_root_says_where_the_schema_is():
    response = Client().get("/api/v1/")
    assert response.status_code == 200
    assert response.json()["schema"].endswith("/api/schema/")


def test_pages_outside_the_api_keep_the_translated_html_404():
    english = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 404
    assert english["Content-Type"].startswith("text/html")
    assert "Page not found" in english.content.decode()
    chinese = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "页面不存在" in chinese.content.decode()


def test_a_server_error_under_the_api_is_json_and_a_page_error_is_html(api, monkeypatch):
    from exchange import apis

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(apis.WalletApi, "get", broken)
    api.raise_request_exception = False
    response = api.get("/api/v1/wallet/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert _error(response)["code"] == "server_error"

    page = views.server_error(RequestFactory().get("/merchant/"))
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_permission_denied_and_bad_request_outside_drf_follow_the_path():
    from django.core.exceptions import PermissionDenied, SuspiciousOperation

    factory = RequestFactory()
    denied = views.permission_denied(factory.get("/api/v1/orders/"), PermissionDenied("Members only."))
    assert denied.status_code == 403
    assert _error(denied) == {"code": "permission_denied", "message": "Members only.", "fields": {}}
    bad = views.bad_request(factory.get("/api/v1/orders/"), SuspiciousOperation())
    assert bad.status_code == 400 and _error(bad)["code"] == "bad_request"
    page = views.permission_denied(factory.get("/merchant/"), PermissionDenied())
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")
