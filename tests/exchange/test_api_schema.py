"""schemathesis against /api/schema/ with an API key, on a live server with a seeded world:
no server error, no response that breaks the schema."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from exchange.models import PricePlan
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place

from .buyer_world import listed_dataset, market_create, plan

EXAMPLES_PER_OPERATION = 25


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server):
    market = market_create()
    second = listed_dataset(market.provider, title="Second product")
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_place(buyer=market.buyer, product=second, by=market.buyer_user, plan=plan(second, PricePlan.Kind.MONTHLY, 5_000))
    plan(market.product, PricePlan.Kind.CREDITS, 1_000, credits=10)
    _key, secret = api_key_create(merchant=market.buyer, name="schemathesis", by=market.buyer_user)
    headers = {"Authorization": f"Api-Key {secret}"}
    cache.clear()  # throttling counts from earlier tests must not turn into 429s here

    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json", headers=headers)
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def exercise(case):
            case.call_and_validate(base_url=live_server.url, headers=headers, checks=checks)

        try:
            exercise()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
