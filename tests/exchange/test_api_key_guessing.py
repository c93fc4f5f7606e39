"""Wrong API keys are throttled per address: guessing stops, and a right key cannot be told apart meanwhile."""

import time

import pytest
from rest_framework.test import APIClient

from exchange.services.api_keys import api_key_create

from ..factories import member_of
from .buyer_world import market_create

pytestmark = pytest.mark.django_db


def _get(secret: str, ip: str):
    client = APIClient(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client.get("/api/v1/wallet/")


@pytest.fixture
def secret():
    market = market_create()
    _key, secret = api_key_create(merchant=market.buyer, name="integration", by=member_of(market.buyer))
    return secret


def test_after_the_limit_of_wrong_keys_every_key_from_that_address_waits(secret, settings):
    settings.API_KEY_FAILURES = (5, 600)
    assert _get(secret, "10.0.0.1").status_code == 200
    prefix = secret.split(".", 1)[0]
    for attempt in range(5):
        wrong = _get(f"{prefix}.guess{attempt}", "10.0.0.1")
        assert wrong.status_code == 401 and "Invalid or revoked API key" in wrong.json()["error"]["message"]
    refused = _get(secret, "10.0.0.1")
    assert refused.status_code == 429
    assert "Too many wrong API keys" in refused.json()["error"]["message"] and int(refused["Retry-After"]) > 0
    # the same key from another address works: only the guessing address waits
    assert _get(secret, "10.0.0.2").status_code == 200


def test_right_keys_are_never_counted(secret, settings):
    settings.API_KEY_FAILURES = (3, 600)
    for _ in range(10):
        assert _get(secret, "10.0.0.3").status_code == 200


def test_the_wait_ends_with_the_window(secret, settings):
    settings.API_KEY_FAILURES = (2, 1)
    for attempt in range(2):
        assert _get(f"x.{attempt}", "10.0.0.4").status_code == 401
    assert _get(secret, "10.0.0.4").status_code == 429
    time.sleep(1.2)
    assert _get(secret, "10.0.0.4").status_code == 200


def test_the_refusal_is_in_the_readers_language(secret, settings):
    settings.API_KEY_FAILURES = (1, 600)
    _get("x.y", "10.0.0.5")
    client = APIClient(REMOTE_ADDR="10.0.0.5", HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    response = client.get("/api/v1/wallet/")
    assert response.status_code == 429 and "错误的 API 密钥" in response.json()["error"]["message"]
