"""schemathesis against /api/schema/ on a live server with a seeded world: every check it has, every phase
(examples, coverage, fuzzing and the stateful phase, which chains calls through the links between
operations), and not one failure.

It runs the schemathesis command line, exactly as a person would point it at the API, and reads its
JSON report: a failure anywhere fails this test with schemathesis' own account of it. The two rules
across fields that OpenAPI cannot state are taught to the generator in schemathesis_hooks.py (valid
cases only; nothing is excluded from any check).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.throttling import UserRateThrottle

from exchange.models import Order, PricePlan, QueryLog
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place

from .buyer_world import listed_dataset, listed_query_service, market_create, plan, talent_invitation_accepted

EXAMPLES_PER_OPERATION = 10
SCENARIOS = 60  # stateful: chains of up to STEPS calls, each drawn from the links of the call before
STEPS = 8
PHASES = "examples,coverage,fuzzing,stateful"


def _config(*, listed: list[int], queries: int) -> str:
    """schemathesis.toml: how many cases and scenarios, and the ids the world really holds.

    Every query goes to the bought query service, so each case meets the per-template validation and the
    service itself (unknown products are tried on every other product route). Purchases draw the listed
    products' ids some of the time; the rest are generated.
    """
    return f"""
generation.max-examples = {EXAMPLES_PER_OPERATION}

[phases.stateful]
max-steps = {STEPS}

[phases.stateful.generation]
max-examples = {SCENARIOS}

[dictionaries.listed]
values = {listed}

[[operations]]
include-operation-id = "products_queries_create"
parameters = {{ "path.product_id" = {queries} }}

[[operations]]
include-operation-id = "orders_create"
parameters = {{ "body.product_id" = {{ dictionary = "listed", probability = 0.8 }} }}
"""


@pytest.mark.django_db(transaction=True)
def test_schemathesis_all_checks_and_phases_find_no_failure(live_server, tmp_path: Path, monkeypatch):
    market = market_create()
    second = listed_dataset(market.provider, title="Second product")
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_place(buyer=market.buyer, product=second, by=market.buyer_user, plan=plan(second, PricePlan.Kind.MONTHLY, 5_000))
    plan(market.product, PricePlan.Kind.CREDITS, 1_000, credits=10)
    # First purchases through the API succeed once each.
    unbought = [listed_dataset(market.provider, title=f"Unbought product {n}") for n in range(3)]
    # The newest product and the newest order: the catalog's and the orders' first page lead to it.
    queries = listed_query_service(market)  # bought, so the query endpoint answers for real
    order_place(buyer=market.buyer, product=queries, by=market.buyer_user)
    # Credit packs add up, so the stateful phase can buy one again and again; one is bought already.
    order_place(
        buyer=market.buyer, product=queries, by=market.buyer_user, plan=plan(queries, PricePlan.Kind.CREDITS, 500, credits=20)
    )
    talent_invitation_accepted(market.buyer, market.buyer_user)  # so that invitation links lead somewhere
    _key, secret = api_key_create(merchant=market.buyer, name="schemathesis", by=market.buyer_user)
    cache.clear()  # throttling counts from earlier tests must not turn into 429s here
    # A run sends thousands of calls with one key; at the production rate most would be answered 429 before
    # reaching the handlers under test (DRF reads the rates once, at import). 429 stays documented.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {**UserRateThrottle.THROTTLE_RATES, "user": "100000/min"})
    orders_before = Order.objects.filter(buyer=market.buyer).count()

    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(listed=[market.product.pk, second.pk, *(p.pk for p in unbought), queries.pk], queries=queries.pk))
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config),
            "run",
            f"{live_server.url}/api/schema/?format=json",
            "--url",
            live_server.url,
            "--checks",
            "all",
            "--phases",
            PHASES,
            "--header",
            f"Authorization: Api-Key {secret}",
            "--seed",
            "20261203",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--suppress-health-check",
            "all",
            "--report",
            "json",
            "--report-json-path",
            str(report),
            "--no-color",
        ],
        env={**os.environ, "SCHEMATHESIS_HOOKS": str(Path(__file__).with_name("schemathesis_hooks.py"))},
        cwd=tmp_path,  # its crash cache stays out of the repository and out of the next run
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    # Every phase ran and passed (one that was skipped, e.g. for want of links, would not say so), on every operation.
    for phase in PHASES.split(","):
        assert f"✅ {phase.capitalize()}" in output, output[output.find("SUMMARY") :]
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) >= 25, output[output.find("SUMMARY") :]
    assert json.loads(report.read_text()), output[-5000:]
    # The world was reached for real: the query service answered (or suppressed, on noisy counts) generated
    # queries, and generated calls bought through POST /orders/.
    assert QueryLog.objects.exclude(outcome=QueryLog.Outcome.REFUSED).exists(), output[output.find("SUMMARY") :]
    assert Order.objects.filter(buyer=market.buyer).count() > orders_before, output[output.find("SUMMARY") :]
